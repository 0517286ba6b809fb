using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Patents;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Reports;

/// <summary>
/// Declarations, licence orders, royalties and contests over three years, made through the entities'
/// own methods (so every state is one the product can reach), and the figures they must give, counted
/// by hand. The demo data adds one declaration published today (one patent) and one announced contest.
/// </summary>
internal static class MarketplaceHistory
{
    public static readonly int Y = DateTime.UtcNow.Year;

    private static DateTime At(int year, int month, int day) => new(year, month, day, 9, 0, 0, DateTimeKind.Utc);

    private static PatentFacts Facts(string id) => new(id, "测试专利 " + id, DocumentType.Invention, LegalStatus.InForce,
        new DateOnly(2020, 1, 6), PatentTerm.LastDayOfRight(DocumentType.Invention, new DateOnly(2020, 1, 6)), "H01M", null, []);

    private static OpenLicenseDeclaration Publish(Guid university, Guid owner, LicenseFee fee, int termYears, DateTime when, string reference, params string[] patents)
    {
        var declaration = OpenLicenseDeclaration.Create(university, "泉州示范大学（演示）", owner, when);
        foreach (var p in patents) declaration.AddPatent(Facts(p));
        declaration.SetTerms(fee, termYears, null, PaymentChannel.BankTransfer, null, new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        declaration.Submit(DateOnly.FromDateTime(when), new HashSet<string>(), when, payeeAccountReady: false);
        declaration.Publish(Guid.NewGuid(), reference, DateOnly.FromDateTime(when), when);
        return declaration;
    }

    private static Contest NewContest(string name, Guid operatorId, DateTime created, DateTime deadline)
    {
        var contest = Marketplace.Web.Contests.Contest.Create(name, "测试大赛", ["发明创业组"], new EligibilityRules(), operatorId, created);
        contest.AddStage("Final", deadline, deadline.AddDays(10), Rubric.Default, Advancement.Top(3));
        contest.Announce(created);
        return contest;
    }

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var university = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value);
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        var operatorOrganization = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.OperatorCode.Value);
        var owner = await db.Users.SingleAsync(u => u.Email == "university.owner@demo.patent-marketplace.local");
        var buyer = await db.Users.SingleAsync(u => u.Email == "enterprise.owner@demo.patent-marketplace.local");
        var staff = await db.Users.SingleAsync(u => u.Email == "operator@demo.patent-marketplace.local");

        // Two years ago: D1 (two patents, lump sum 12,345.67), taken and paid, its one-year licence since expired.
        var d1 = Publish(university.Id, owner.Id, LicenseFee.LumpSum(12_345.67m), 1, At(Y - 2, 3, 10), "T-D1", "CN990100001B", "CN990100002B");
        // Last year: D2 (entry fee 2,000 + 5 % of sales), taken, paid, recorded, one royalty paid; D3 (free), taken, then withdrawn this year.
        var d2 = Publish(university.Id, owner.Id, LicenseFee.EntryPlusRoyalty(2_000m, 5m, RoyaltyBase.Sales), 3, At(Y - 1, 4, 1), "T-D2", "CN990100003B");
        var d3 = Publish(university.Id, owner.Id, LicenseFee.Free(), 3, At(Y - 1, 5, 1), "T-D3", "CN990100004B");
        db.OpenLicenseDeclarations.AddRange(d1, d2, d3);

        var o1 = LicenseOrder.Notify(d1, enterprise.Id, buyer.Id, "t-o1", At(Y - 2, 4, 1));
        o1.MarkPaid(d1, 1_234_567, "BANK-1", At(Y - 2, 4, 2));
        Assert.True(o1.ExpireIfEnded(DateOnly.FromDateTime(DateTime.UtcNow)));
        var o2 = LicenseOrder.Notify(d2, enterprise.Id, buyer.Id, "t-o2", At(Y - 1, 5, 1));
        o2.MarkPaid(d2, 200_000, "BANK-2", At(Y - 1, 5, 3));
        o2.Record("BA-TEST-2", At(Y - 1, 6, 1));
        var royalty = RoyaltyReport.File(o2, d2.Fee, Y - 1, 3, 100_000m, 0m, [], buyer.Id, At(Y - 1, 10, 10));
        royalty.MarkPaid(At(Y - 1, 10, 20));
        // A royalty reported but not paid does not count.
        var unpaid = RoyaltyReport.File(o2, d2.Fee, Y - 1, 4, 40_000m, 5_000m, [royalty], buyer.Id, At(Y, 1, 15));
        var o3 = LicenseOrder.Notify(d3, enterprise.Id, buyer.Id, "t-o3", At(Y - 1, 6, 10));
        // Abandoned before payment: neither taken nor revenue.
        var o4 = LicenseOrder.Notify(d1, operatorOrganization.Id, staff.Id, "t-o4", At(Y - 1, 2, 1));
        Assert.True(o4.Cancel("checkout expired", At(Y - 1, 2, 2)));
        d3.Withdraw("专利权人决定撤回", At(Y, 1, 20));
        db.LicenseOrders.AddRange(o1, o2, o3, o4);
        db.RoyaltyReports.AddRange(royalty, unpaid);

        // Contests: C1 held last year (results published, two entries), C2 this year (final stage closed, one entry).
        var c1 = NewContest("历年大赛一", staff.Id, At(Y - 1, 1, 5), At(Y - 1, 2, 1));
        var e1 = ContestEntry.Create(c1, university.Id, university.Name, owner.Id, At(Y - 1, 1, 10));
        var e2 = ContestEntry.Create(c1, enterprise.Id, enterprise.Name, buyer.Id, At(Y - 1, 1, 11));
        c1.StartJudging(At(Y - 1, 2, 2));
        c1.CloseCurrentStage(At(Y - 1, 2, 20));
        c1.PublishResults(At(Y - 1, 3, 1));
        var c2 = NewContest("历年大赛二", staff.Id, At(Y, 1, 2), At(Y, 1, 20));
        var e3 = ContestEntry.Create(c2, university.Id, university.Name, owner.Id, At(Y, 1, 8));
        c2.StartJudging(At(Y, 1, 21));
        c2.CloseCurrentStage(At(Y, 2, 1));
        // C3 is being judged: not held, and its entry does not count.
        var c3 = NewContest("进行中的大赛", staff.Id, At(Y, 1, 2), At(Y, 1, 20));
        var e4 = ContestEntry.Create(c3, enterprise.Id, enterprise.Name, buyer.Id, At(Y, 1, 9));
        c3.StartJudging(At(Y, 1, 21));
        db.Contests.AddRange(c1, c2, c3);
        db.ContestEntries.AddRange(e1, e2, e3, e4);
        await db.SaveChangesAsync();
    }

    // By hand: standing = demo + D1 + D2 (D3 withdrawn); patents = demo's + 2 + 1.
    public const decimal Published = 3;
    public const string PatentsCovered = "4";
    public static FigurePoint[] PublishedTrend => [new(Y - 2, 1), new(Y - 1, 2), new(Y, 1)];

    // In force: O2 (recorded) and O3 (free, effective); O1 expired, O4 cancelled.
    public const decimal Taken = 2;
    public static FigurePoint[] TakenTrend => [new(Y - 2, 1), new(Y - 1, 2), new(Y, 0)];

    // 12,345.67 (O1) + 2,000 (O2 entry fee) + 5,000 (5 % of 100,000, paid); the 2,000 royalty reported this year is unpaid.
    public const decimal Revenue = 19_345.67m;
    public static FigurePoint[] RevenueTrend => [new(Y - 2, 12_345.67m), new(Y - 1, 7_000m), new(Y, 0)];

    public const decimal Contests = 2;
    public const string Entries = "3";
    public static FigurePoint[] ContestsTrend => [new(Y - 1, 1), new(Y, 1)];
}

/// <summary>A site of its own per provider: the figures count every row of the database.</summary>
public sealed class SqliteIndicatorsSite() : AccountsSite(DatabaseProviders.Sqlite);

public sealed class PostgreSqlIndicatorsSite() : AccountsSite(DatabaseProviders.PostgreSql);

public abstract class MarketplaceIndicatorsTests(AccountsSite site)
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly HashSet<AccountsSite> Seeded = [];

    private async Task EnsureSeededAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!Seeded.Add(site)) return;
            await using var scope = site.Scope();
            await MarketplaceHistory.SeedAsync(scope.ServiceProvider);
        }
        finally
        {
            Seeding.Release();
        }
    }

    [Fact]
    public async Task Each_marketplace_figure_and_its_trend_match_the_hand_counted_history()
    {
        await EnsureSeededAsync();
        await using var scope = site.Scope();
        var indicators = scope.ServiceProvider.GetRequiredService<IMarketplaceIndicators>();

        var published = await indicators.OpenLicensesPublishedAsync();
        var taken = await indicators.OpenLicensesTakenAsync();
        var revenue = await indicators.LicenseRevenueAsync();
        var contests = await indicators.ContestsHeldAsync();

        Assert.Equal(MarketplaceHistory.Published, published.Value);
        Assert.Equal([MarketplaceHistory.PatentsCovered], published.DetailArguments);
        Assert.Equal("/search?f.open_license=available", published.DetailLink);
        Assert.Equal("/licences", published.Link);
        Assert.Equal(MarketplaceHistory.PublishedTrend, published.Trend);
        Assert.Equal(MarketplaceHistory.Taken, taken.Value);
        Assert.Equal(MarketplaceHistory.TakenTrend, taken.Trend);
        Assert.Equal(MarketplaceHistory.Revenue, revenue.Value);
        Assert.Equal("yuan", revenue.Unit);
        Assert.Equal(MarketplaceHistory.RevenueTrend, revenue.Trend);
        Assert.Equal("/licensing/ledger", revenue.Link);
        Assert.Equal(MarketplaceHistory.Contests, contests.Value);
        Assert.Equal([MarketplaceHistory.Entries], contests.DetailArguments);
        Assert.Equal(MarketplaceHistory.ContestsTrend, contests.Trend);
        Assert.Equal("/contests", contests.Link);
    }

    [Fact]
    public async Task The_targets_come_from_configuration_and_progress_is_the_share_reached()
    {
        await EnsureSeededAsync();
        await using var scope = site.Scope();
        var indicators = scope.ServiceProvider.GetRequiredService<IMarketplaceIndicators>();
        var options = scope.ServiceProvider.GetRequiredService<DashboardOptions>();

        var contests = await indicators.ContestsHeldAsync();
        var revenue = await indicators.LicenseRevenueAsync();

        // appsettings.json: 3 contests, 10,000,000 yuan.
        Assert.Equal(3, options.ContestsHeldTarget);
        Assert.Equal(3m, contests.Target);
        Assert.Equal(66, contests.PercentOfTarget);
        Assert.Equal(10_000_000m, revenue.Target);
        Assert.Equal(0, revenue.PercentOfTarget);
        Assert.Equal("Dashboard:LicenseRevenueTargetYuan", revenue.TargetSetting);
    }

    [Fact]
    public async Task The_dashboard_page_shows_the_figures_with_links_targets_and_the_yearly_table()
    {
        await EnsureSeededAsync();
        await site.Services.GetRequiredService<CityDashboard>().WaitAsync();
        using var client = site.CreateClient();

        var page = await client.PageAsync("/dashboard");

        var published = page.QuerySelector("#indicator-open-licences-published")!;
        Assert.Equal("3", published.QuerySelector(".value")!.TextContent.Trim());
        Assert.Equal("/licences", published.QuerySelector("a.value")!.GetAttribute("href"));
        Assert.Equal("覆盖 4 件专利", published.QuerySelector(".detail")!.TextContent.Trim());
        Assert.Equal("/search?f.open_license=available", published.QuerySelector(".detail")!.GetAttribute("href"));
        Assert.Equal("2", page.QuerySelector("#indicator-open-licences-taken .value")!.TextContent.Trim());
        Assert.Equal("19,345.67 元", page.QuerySelector("#indicator-licence-revenue .value")!.TextContent.Trim());
        var contests = page.QuerySelector("#indicator-contests-held")!;
        Assert.Equal("2", contests.QuerySelector(".value")!.TextContent.Trim());
        Assert.Equal("参赛项目 3 个", contests.QuerySelector(".detail")!.TextContent.Trim());
        Assert.Equal("66", contests.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("66%", contests.TextContent);

        var rows = page.QuerySelectorAll("#dashboard-marketplace-trend tbody tr")
            .ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.QuerySelectorAll("td[data-figure]").ToDictionary(td => td.GetAttribute("data-figure")!, td => td.TextContent.Trim()));
        var y = MarketplaceHistory.Y;
        Assert.Equal([(y - 2).ToString(), (y - 1).ToString(), y.ToString()], rows.Keys);
        Assert.Equal("12,345.67", rows[(y - 2).ToString()]["licence-revenue"]);
        Assert.Equal("7,000", rows[(y - 1).ToString()]["licence-revenue"]);
        Assert.Equal("2", rows[(y - 1).ToString()]["open-licences-taken"]);
        Assert.Equal("1", rows[y.ToString()]["contests-held"]);
    }
}

public sealed class SqliteMarketplaceIndicatorsTests(SqliteIndicatorsSite site) : MarketplaceIndicatorsTests(site), IClassFixture<SqliteIndicatorsSite>;

public sealed class PostgreSqlMarketplaceIndicatorsTests(PostgreSqlIndicatorsSite site) : MarketplaceIndicatorsTests(site), IClassFixture<PostgreSqlIndicatorsSite>;
