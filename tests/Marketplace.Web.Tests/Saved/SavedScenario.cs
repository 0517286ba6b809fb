using Marketplace.Web.Data;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Saved;

/// <summary>What the saved-search and collection tests share: patents of an applicant no other test uses, and the demo people.</summary>
internal static class SavedScenario
{
    public const string Owner = "enterprise.member@demo.patent-marketplace.local";
    public const string Other = "university.member@demo.patent-marketplace.local";

    private static int _next = Random.Shared.Next(1_000_000, 8_000_000);

    /// <summary>An applicant name no other test uses: a facet filter on it is a search that only this test's patents match.</summary>
    public static string Applicant() => "收藏测试申请人-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A patent with a number no other test uses, published on <paramref name="published"/>.</summary>
    public static PatentRecord Record(string applicant, string title, DateOnly? published = null, bool openLicense = false)
    {
        var number = Interlocked.Increment(ref _next);
        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse($"CN97{number:D7}A"),
            Titles = [new LocalizedText("zh", title)],
            Abstracts = [new LocalizedText("zh", title + "，用于测试收藏夹与检索提醒。")],
            Applicants = [new Party { Name = applicant, Type = PartyType.Enterprise }],
            IpcCodes = ["H01M10/00"],
            LegalStatus = LegalStatus.InForce,
            PublicationDate = published ?? new DateOnly(2024, 3, 1),
            ApplicationDate = new DateOnly(2022, 5, 10),
        };
        if (openLicense) record.Labels[LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable];
        return record;
    }

    public static async Task IndexAsync(AccountsSite site, params PatentRecord[] records)
    {
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync(records);
        await index.CommitAsync();
    }

    public static async Task<Guid> UserIdAsync(AccountsSite site, string email)
    {
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.SingleAsync(u => u.Email == email)).Id;
    }

    /// <summary>The search page's address for everything <paramref name="applicant"/> holds.</summary>
    public static string SearchFor(string applicant) => "/search?f.applicant=" + Uri.EscapeDataString(applicant);
}
