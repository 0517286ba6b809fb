using System.Globalization;
using System.Net;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Tests.Support;
using Marketplace.Web.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Acquisition;

/// <summary>
/// An acquired patent belongs, on the platform, to the organisation that acquired it: the operator organisation re-offers
/// it for sale and as an open licence, the former owner is refused with the acquirer named, and a patent never acquired
/// is answered as before (real SQLite and index, through the services the pages call).
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class AcquiredPatentOwnershipTests(LicensingSite site)
{
    private const string NotTheOrganisations = "Patent {0} is not the organisation's: {1}";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<Organization> OrganizationAsync(MarketplaceDbContext db, string creditCode) =>
        await db.Organizations.Include(o => o.Members).SingleAsync(o => o.CreditCode == creditCode);

    /// <summary>The demo operator, acting for its organisation (an IP service agency), acquires a fresh patent of the university.</summary>
    private async Task<(string Patent, Guid PoolId)> AcquireAsync()
    {
        var patent = await site.AddPatentAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var acquisition = scope.ServiceProvider.GetRequiredService<AcquisitionService>();
        var operatorOrganization = await OrganizationAsync(db, DemoData.OperatorCode.Value);
        var userId = await db.Users.Where(u => u.Email == "operator@demo.patent-marketplace.local").Select(u => u.Id).SingleAsync();
        var actor = new LicensingActor(userId, operatorOrganization, OrganizationRole.Member, IsOperator: true);
        var pool = await acquisition.CreatePoolAsync(actor, "再出让收储池（测试）", "收储后许可或转让", null);
        await acquisition.AddAsync(pool, [patent], userId);
        await acquisition.RecordAcquisitionAsync(pool.Candidates.Single(), 200_000_00, Today);
        return (patent, pool.Id);
    }

    [Fact]
    public async Task A_pool_records_the_operators_organisation_as_its_holder()
    {
        var (_, poolId) = await AcquireAsync();

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var pool = await db.AcquisitionPools.SingleAsync(p => p.Id == poolId);
        var operatorOrganization = await OrganizationAsync(db, DemoData.OperatorCode.Value);
        Assert.Equal(operatorOrganization.Id, pool.HolderOrganizationId);
        Assert.Equal(operatorOrganization.Name, pool.HolderName);
    }

    [Fact]
    public async Task The_acquirer_owns_an_acquired_patent_and_lists_it_for_sale_and_declares_it_without_the_former_owner_as_co_owner()
    {
        var (patent, _) = await AcquireAsync();

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var operatorOrganization = await OrganizationAsync(db, DemoData.OperatorCode.Value);
        var record = (await scope.ServiceProvider.GetRequiredService<IPatentIndex>().GetAsync(patent))!;
        var answer = await scope.ServiceProvider.GetRequiredService<IPatentOwnership>().CheckAsync(operatorOrganization, record);
        Assert.True(answer.Owns);
        Assert.Equal("Acquired on the platform on " + Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".", answer.ToString());

        var userId = operatorOrganization.Members.First().UserId;
        var listing = await scope.ServiceProvider.GetRequiredService<TransferService>()
            .DraftAsync(operatorOrganization, userId, patent, 250_000_00, null, Today.AddMonths(3));
        Assert.Equal(operatorOrganization.Id, listing.SellerOrganizationId);
        Assert.Empty(listing.CoOwners);

        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var declaration = await declarations.CreateDraftAsync(operatorOrganization, userId, [patent]);
        Assert.Equal(operatorOrganization.Id, declaration.OrganizationId);
        var check = await declarations.CheckAsync(declaration);
        Assert.Empty(declaration.Patents.Single().CoOwners);
        Assert.DoesNotContain(check.Errors, e => e.Code == "patent.co-owners");
    }

    [Fact]
    public async Task The_former_owner_is_refused_a_sale_and_an_open_licence_with_the_acquirer_named()
    {
        var (patent, _) = await AcquireAsync();

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        var acquirer = (await OrganizationAsync(db, DemoData.OperatorCode.Value)).Name;

        var sale = await Assert.ThrowsAsync<TransferRuleException>(() => scope.ServiceProvider.GetRequiredService<TransferService>()
            .DraftAsync(university, site.UniversityOwner, patent, null, null, Today.AddMonths(3)));
        Assert.Equal(NotTheOrganisations, sale.Template);
        Assert.Contains(acquirer, sale.Message, StringComparison.Ordinal);

        var licence = await Assert.ThrowsAsync<LicensingRuleException>(() => scope.ServiceProvider.GetRequiredService<DeclarationService>()
            .CreateDraftAsync(university, site.UniversityOwner, [patent]));
        Assert.Equal(NotTheOrganisations, licence.Template);
        Assert.Contains(acquirer, licence.Message, StringComparison.Ordinal);

        // The page shows the refusal in Chinese, the acquirer and the reason translated inside it.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var shown = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>().Localize(sale);
            Assert.Contains("由" + acquirer + "在平台上收储", shown, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task The_portfolios_open_licence_link_opens_a_declaration_form_with_the_acquired_patent_preselected()
    {
        var (patent, _) = await AcquireAsync();
        // The platform administrator owns the operator organisation, so may act for it.
        using var client = await site.CreateClient().SignInAsDemoAsync("admin@demo.patent-marketplace.local");

        var acquired = await client.PageAsync("/acquisition/portfolio");
        var link = acquired.QuerySelector($"tr[data-patent='{patent}'] a[href^='/portfolio']")!.GetAttribute("href")!;
        Assert.Equal($"/portfolio?patent={patent}", link);
        Assert.NotNull(acquired.QuerySelector($"tr[data-patent='{patent}'] a[href='/transfers/new?patent={patent}']"));

        var portfolio = await client.PageAsync(link);
        var form = portfolio.QuerySelector("#declare-one")!;
        Assert.Equal(patent, form.QuerySelector("input[name='selected']")!.GetAttribute("value"));
        using var declared = await client.Http.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(Html.FormValues(form)));
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        Assert.StartsWith("/licensing/declarations/", declared.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patent_never_acquired_is_answered_by_the_applicant_names_as_before()
    {
        var patent = await site.AddPatentAsync();

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var ownership = scope.ServiceProvider.GetRequiredService<IPatentOwnership>();
        var record = (await scope.ServiceProvider.GetRequiredService<IPatentIndex>().GetAsync(patent))!;
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        var operatorOrganization = await OrganizationAsync(db, DemoData.OperatorCode.Value);

        var owner = await ownership.CheckAsync(university, record);
        Assert.Equal((true, "The organisation's name matches an applicant.", (string?)"泉州示范大学（演示）"), (owner.Owns, owner.Reason, owner.MatchedName));
        Assert.Empty(owner.SucceededApplicants);
        var other = await ownership.CheckAsync(operatorOrganization, record);
        Assert.Equal((false, "The organisation is not among the patent's applicants."), (other.Owns, other.Reason));
        var refused = await Assert.ThrowsAsync<TransferRuleException>(() => scope.ServiceProvider.GetRequiredService<TransferService>()
            .DraftAsync(operatorOrganization, operatorOrganization.Members.First().UserId, patent, null, null, Today.AddMonths(3)));
        Assert.Equal(NotTheOrganisations, refused.Template);
        var listing = await scope.ServiceProvider.GetRequiredService<TransferService>()
            .DraftAsync(university, site.UniversityOwner, patent, null, null, Today.AddMonths(3));
        Assert.Equal(university.Id, listing.SellerOrganizationId);
    }
}
