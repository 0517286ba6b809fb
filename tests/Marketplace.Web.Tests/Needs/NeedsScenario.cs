using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Needs;

/// <summary>What the needs tests share on the accounts site: patents of the demo university in the index, the demo enterprise verified.</summary>
internal static class NeedsScenario
{
    public const string UniversityName = "泉州示范大学（演示）";
    public const string EnterpriseOwner = "enterprise.owner@demo.patent-marketplace.local";
    public const string UniversityOwner = "university.owner@demo.patent-marketplace.local";
    public const string UniversityMember = "university.member@demo.patent-marketplace.local";
    public const string Operator = "operator@demo.patent-marketplace.local";

    public static PatentRecord Record(string number, string title, string abstractText, string applicant, PartyType type, string ipc) => new()
    {
        PublicationNumber = PatentNumber.Parse(number),
        Titles = [new LocalizedText("zh", title)],
        Abstracts = [new LocalizedText("zh", abstractText)],
        Applicants = [new Party { Name = applicant, Type = type, Address = "福建省泉州市丰泽区" }],
        IpcCodes = [ipc],
        LegalStatus = LegalStatus.InForce,
        RegionCode = "35",
    };

    public static readonly PatentRecord UniversityCleaner = Record("CN990000001B", "一种光伏板清洁机器人",
        "本发明公开了一种光伏板清洁机器人，采用干式毛刷在光伏组件阵列间移动，无需用水即可清除积灰，提高发电效率。", UniversityName, PartyType.University, "H02S40/10");

    public static readonly PatentRecord UniversityDrone = Record("CN990000002A", "光伏组件积灰检测与清洁方法",
        "一种光伏组件积灰检测与清洁方法，通过图像识别积灰程度并调度清洁机器人，降低光伏电站运维成本。", UniversityName, PartyType.University, "H02S50/00");

    public static readonly PatentRecord CompanyCleaner = Record("CN990000003U", "光伏面板清洗装置",
        "一种光伏面板清洗装置，包括喷水管路和滚刷，用于光伏电站组件清洗。", "厦门某清洁设备有限公司", PartyType.Enterprise, "B08B1/00");

    public static async Task EnsureAsync(AccountsSite site)
    {
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([UniversityCleaner, UniversityDrone, CompanyCleaner]);
        await index.CommitAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        if (enterprise.Verification == VerificationStatus.Pending)
        {
            enterprise.Verify(Guid.NewGuid(), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
    }

    public static Dictionary<string, string> NeedForm(string title, NeedVisibility visibility = NeedVisibility.Public) => new()
    {
        ["Input.Title"] = title,
        ["Input.Description"] = "我们的屋顶光伏电站组件积灰严重，需要一种无需用水的光伏板清洁机器人，在组件阵列间自动移动清除积灰。",
        ["Input.ChainId"] = "",
        ["Input.Outcome"] = nameof(NeedOutcome.License),
        ["Input.BudgetMin"] = "10",
        ["Input.BudgetMax"] = "50",
        ["Input.Deadline"] = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd"),
        ["Input.Region"] = "泉州",
        ["Input.Visibility"] = visibility.ToString(),
        ["Input.Products"] = "清洁机器人",
        ["Input.Effects"] = "提高发电效率",
    };

    /// <summary>Posts a need as the demo enterprise's owner and returns its id.</summary>
    public static async Task<Guid> PostNeedAsync(SiteClient enterprise, string title, NeedVisibility visibility = NeedVisibility.Public)
    {
        using var response = await enterprise.SubmitAsync("/needs/new", "#need-form", NeedForm(title, visibility));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/needs/[0-9a-f-]{36}/candidates$", location);
        return Guid.Parse(location.Split('/')[2]);
    }

    /// <summary>A published open-licence declaration of the demo university (free, so a licence takes effect at the notice) for the patent.</summary>
    public static async Task<Guid> PublishedDeclarationAsync(AccountsSite site, string patentId)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var filed = new DateOnly(2022, 11, 2);
        var d = Marketplace.Web.Licensing.OpenLicenseDeclaration.Create(university.Id, university.Name, Guid.NewGuid(), now);
        d.AddPatent(new Marketplace.Web.Licensing.PatentFacts(patentId, "t", DocumentType.Invention, LegalStatus.InForce, filed,
            Marketplace.Web.Patents.PatentTerm.LastDayOfRight(DocumentType.Invention, filed), "H02S", null, []));
        d.SetTerms(Marketplace.Web.Licensing.LicenseFee.Free(), 3, null, Marketplace.Web.Licensing.PaymentChannel.BankTransfer, null,
            new Marketplace.Web.Licensing.PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        d.Submit(today, new HashSet<string>(), now);
        d.Publish(Guid.NewGuid(), "KFXK-T-" + Guid.NewGuid().ToString("N")[..8], today, now);
        db.Add(d);
        await db.SaveChangesAsync();
        return d.Id;
    }

    /// <summary>A licence the organisation takes of the declaration (free: in force at once).</summary>
    public static async Task<Guid> LicenseAsync(AccountsSite site, Guid declarationId, Guid licenseeOrganizationId)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declarationId);
        var order = Marketplace.Web.Licensing.LicenseOrder.Notify(declaration, licenseeOrganizationId, Guid.NewGuid(), Guid.NewGuid().ToString("N"), DateTime.UtcNow);
        db.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    public static async Task<Guid> OrganizationIdAsync(AccountsSite site, string creditCode)
    {
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Organizations.SingleAsync(o => o.CreditCode == creditCode)).Id;
    }
}
