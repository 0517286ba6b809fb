using System.Globalization;
using System.Text;
using Analytics;
using Analytics.HighValue;
using ClosedXML.Excel;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Marketplace.Web.Pledges;
using Marketplace.Web.Tests.Journeys;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Pledges;

/// <summary>The pledge register through the real services, SQLite database and Lucene index of the journeys' site (demo data, samples loaded).</summary>
[Collection(JourneySiteGroup.Name)]
public sealed class PledgeRegisterTests(JourneySite site)
{
    private static int _numbers;

    private static string Number() => $"Y-TEST-{Interlocked.Increment(ref _numbers):D4}-{Guid.NewGuid():N}"[..30];

    private static string Today(int days = 0) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<PledgeActor> OperatorAsync(MarketplaceDbContext db) =>
        new((await db.Users.SingleAsync(u => u.Email == JourneySite.Operator)).Id, IsOperator: true, Bank: null);

    [Fact]
    public async Task An_imported_CSV_register_keeps_its_good_rows_and_names_file_line_field_and_expectation_of_each_bad_one()
    {
        var (good1, good2) = (await site.AddUniversityPatentAsync("导入测试专利一"), await site.AddUniversityPatentAsync("导入测试专利二"));
        var (n1, n2, n3, n4) = (Number(), Number(), Number(), Number());
        var csv = "质押登记号,出质人,质权人,质押金额（万元）,登记日,专利号,区县\n"
                  + $"{n1},泉州示范大学（演示）,{DemoData.BankName},120,{Today(-10)},{good1},丰泽区\n"
                  + $"{n2},泉州示范大学（演示）,某银行,很多,{Today(-10)},{good2},丰泽区\n"
                  + $"{n3},泉州示范大学（演示）,某银行,80,{Today(-5)},CN000000001A,晋江市\n"
                  + $"{n4},泉州示范大学（演示）,某银行,80.5,{Today(-5)},{good2},晋江市\n";
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var pledges = scope.ServiceProvider.GetRequiredService<PledgeService>();

        var result = await pledges.ImportAsync(await OperatorAsync(db), "质押登记表.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(2, result.Imported);
        Assert.Collection(result.Problems,
            p => Assert.Equal(("质押登记表.csv", 3L, PledgeFields.Amount, "很多"), (p.File, p.Line, p.Field, p.Found)),
            p => Assert.Equal(("质押登记表.csv", 4L, PledgeFields.Patents, "CN000000001A"), (p.File, p.Line, p.Field, p.Found)));
        var kept = (await db.PledgeRecords.Include(p => p.Patents).Where(p => p.RegistrationNumber == n1 || p.RegistrationNumber == n4).ToListAsync()).OrderBy(p => p.AmountYuan).ToList();
        Assert.Equal([805_000m, 1_200_000m], kept.Select(k => k.AmountYuan));
        Assert.Equal(await db.Organizations.Where(o => o.Name == DemoData.BankName).Select(o => (Guid?)o.Id).SingleAsync(), kept[1].PledgeeOrganizationId);
        Assert.All(kept, k => Assert.Equal(PledgeSource.Imported, k.Source));
    }

    [Fact]
    public async Task An_Excel_register_is_read_like_a_CSV_one()
    {
        var patent = await site.AddUniversityPatentAsync("导入测试专利（Excel）");
        var number = Number();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("质押");
        string[] header = ["registration_number", "pledgor", "pledgee", "amount_cny", "registered_on", "patents", "released_on"];
        for (var i = 0; i < header.Length; i++) sheet.Cell(1, i + 1).Value = header[i];
        sheet.Cell(2, 1).Value = number;
        sheet.Cell(2, 2).Value = "泉州示范大学（演示）";
        sheet.Cell(2, 3).Value = "某银行";
        sheet.Cell(2, 4).Value = 300000;
        sheet.Cell(2, 5).Value = DateTime.UtcNow.Date.AddDays(-30);
        sheet.Cell(2, 6).Value = patent;
        sheet.Cell(2, 7).Value = "不是日期";
        sheet.Cell(3, 1).Value = Number();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();

        var result = await scope.ServiceProvider.GetRequiredService<PledgeService>().ImportAsync(await OperatorAsync(db), "register.xlsx", stream.ToArray());

        Assert.Equal(0, result.Imported);
        Assert.Equal([(2L, PledgeFields.ReleasedOn), (3L, PledgeFields.Pledgor)], result.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal("a date such as 2025-03-18", result.Problems[0].Expected);
        Assert.False(await db.PledgeRecords.AnyAsync(p => p.RegistrationNumber == number));
    }

    [Fact]
    public async Task A_registered_pledge_marks_the_patent_in_the_register_and_the_index_until_it_is_released()
    {
        var patent = await site.AddUniversityPatentAsync("质押标注测试专利");
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var pledges = scope.ServiceProvider.GetRequiredService<PledgeService>();
        var register = scope.ServiceProvider.GetRequiredService<IPledgeRegister>();
        var actor = await OperatorAsync(db);

        var record = await pledges.RegisterAsync(actor, new PledgeInput
        {
            RegistrationNumber = Number(), PledgorName = "泉州示范大学（演示）", PledgeeName = DemoData.BankName, AmountYuan = 2_000_000m,
            RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Patents = patent.ToLowerInvariant(),
        });

        Assert.True(await register.IsPledgedAsync(patent));
        Assert.Equal([LabelFacets.Pledged], LabelFacets.ValuesOf((await index.GetAsync(patent))!, LabelFacets.Pledge));
        var filter = new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.Pledge] = [LabelFacets.Pledged] }, PageSize = 200 };
        Assert.Contains((await index.SearchAsync(filter)).Hits, h => h.Record.Id == patent);

        await pledges.ReleaseAsync(actor, record, DateOnly.FromDateTime(DateTime.UtcNow));

        Assert.False(await register.IsPledgedAsync(patent));
        Assert.Empty(LabelFacets.ValuesOf((await index.GetAsync(patent))!, LabelFacets.Pledge));
        Assert.Contains(await db.AuditEntries.Where(e => e.Subject == record.RegistrationNumber).Select(e => e.Action).ToListAsync(), a => a == PledgeAuditActions.Released);
        await Assert.ThrowsAsync<PledgeRuleException>(() => pledges.ReleaseAsync(actor, record, null));
    }

    [Fact]
    public async Task An_enterprise_cannot_register_a_pledge_and_a_bank_registers_only_itself_as_pledgee()
    {
        var patent = await site.AddUniversityPatentAsync("银行登记测试专利");
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var pledges = scope.ServiceProvider.GetRequiredService<PledgeService>();
        var input = new PledgeInput
        {
            RegistrationNumber = Number(), PledgorName = "泉州示范大学（演示）", PledgeeName = "另一家银行", AmountYuan = 500_000m,
            RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow), Patents = patent,
        };
        var enterpriseOwner = await db.Users.SingleAsync(u => u.Email == JourneySite.EnterpriseOwner);
        var enterprise = await PledgeActor.ResolveAsync(SignedIn(enterpriseOwner.Id), db);
        Assert.False(enterprise!.CanRegister);
        await Assert.ThrowsAsync<PledgeRuleException>(() => pledges.RegisterAsync(enterprise, input));

        var bankOwner = await db.Users.SingleAsync(u => u.Email == DemoData.BankOwnerEmail);
        var bank = (await PledgeActor.ResolveAsync(SignedIn(bankOwner.Id), db))!;
        var record = await pledges.RegisterAsync(bank, input);

        Assert.Equal((DemoData.BankName, bank.Bank!.Id), (record.PledgeeName, record.PledgeeOrganizationId!.Value));
        Assert.Contains(await pledges.ListAsync(bank), r => r.Id == record.Id);
        Assert.DoesNotContain(await pledges.ListAsync(bank), r => r.PledgeeOrganizationId != bank.Bank.Id);
    }

    [Fact]
    public async Task High_value_criterion_4_reads_the_registered_pledge_financing()
    {
        var patent = await site.AddUniversityPatentAsync("高额质押融资测试专利");
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await scope.ServiceProvider.GetRequiredService<PledgeService>().RegisterAsync(await OperatorAsync(db), new PledgeInput
        {
            RegistrationNumber = Number(), PledgorName = "泉州示范大学（演示）", PledgeeName = DemoData.BankName, AmountYuan = 8_000_000m,
            RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow), Patents = patent,
        });
        var record = (await site.Services.GetRequiredService<IPatentIndex>().GetAsync(patent))!;

        var assessment = site.Services.GetRequiredService<PatentAnalytics>().HighValueAssessor().Assess(record);

        var criterion = Assert.Single(assessment.Criteria, c => c.Rule == HighValueAssessor.Pledge);
        Assert.Equal(Finding.Met, criterion.Finding);
    }

    [Fact]
    public async Task The_patent_page_reads_criterion_4_and_the_sleeping_rule_no_pledge_from_the_register()
    {
        var patent = await site.AddUniversityPatentAsync("页面质押判定测试专利");
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await scope.ServiceProvider.GetRequiredService<PledgeService>().RegisterAsync(await OperatorAsync(db), new PledgeInput
            {
                RegistrationNumber = Number(), PledgorName = "泉州示范大学（演示）", PledgeeName = DemoData.BankName, AmountYuan = 9_000_000m,
                RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2), Patents = patent,
            });
        }
        using var client = site.CreateClient();

        var page = await Html.ReadAsync(await client.GetAsync("/patents/" + patent));

        var pledgeRow = page.QuerySelectorAll("#high-value tr").Single(r => r.QuerySelector("th")!.TextContent == "高额质押融资");
        Assert.Equal("finding-met", pledgeRow.ClassName);
        var sleepingRow = page.QuerySelectorAll("#sleeping tr").Single(r => r.QuerySelector("th")!.TextContent == "从未质押");
        Assert.Equal("finding-notmet", sleepingRow.ClassName);
        Assert.Contains("质押登记簿中有 1 笔质押", sleepingRow.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_counts_financing_by_year_and_county_against_the_annual_targets()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var before = await PledgeFinancingViewComponent.FiguresAsync(db, new PledgeOptions { AnnualAmountTargetYuan = 1_000_000_000m, AnnualCountTarget = 1_000 });
        var patent = await site.AddUniversityPatentAsync("看板统计测试专利");
        var year = DateTime.UtcNow.Year;
        await scope.ServiceProvider.GetRequiredService<PledgeService>().RegisterAsync(await OperatorAsync(db), new PledgeInput
        {
            RegistrationNumber = Number(), PledgorName = "泉州示范大学（演示）", PledgeeName = DemoData.BankName, AmountYuan = 10_000_000m,
            RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow), Patents = patent, County = "安溪县",
        });

        var after = await PledgeFinancingViewComponent.FiguresAsync(db, new PledgeOptions { AnnualAmountTargetYuan = 1_000_000_000m, AnnualCountTarget = 1_000 });

        var (was, now) = (before.Years.SingleOrDefault(y => y.Year == year), after.Years.Single(y => y.Year == year));
        Assert.Equal((was?.Count ?? 0) + 1, now.Count);
        Assert.Equal((was?.AmountYuan ?? 0) + 10_000_000m, now.AmountYuan);
        Assert.Equal((int)Math.Floor(now.AmountYuan * 100m / 1_000_000_000m), now.PercentOfAmountTarget);
        Assert.Equal(10_000_000m, after.Counties.Single(c => c.Year == year && c.County == "安溪县").AmountYuan - (before.Counties.SingleOrDefault(c => c.Year == year && c.County == "安溪县")?.AmountYuan ?? 0));
    }

    [Fact]
    public void A_pledge_cannot_be_released_before_its_registration_nor_released_twice()
    {
        var registered = new DateOnly(2025, 3, 18);
        var record = PledgeRecord.Register(new PledgeInput
        {
            RegistrationNumber = "Y1", PledgorName = "甲", PledgeeName = "乙银行", AmountYuan = 1m, RegisteredOn = registered,
        }, [("CN1A", "标题")], null, PledgeSource.Entered, null, Guid.NewGuid(), DateTime.UtcNow);

        Assert.Equal(PledgeFields.ReleasedOn, Assert.Throws<PledgeRuleException>(() => record.Release(registered.AddDays(-1))).Field);
        record.Release(registered.AddDays(30));
        Assert.False(record.InForceOn(registered.AddDays(30)));
        Assert.True(record.InForceOn(registered.AddDays(29)));
        Assert.Throws<PledgeRuleException>(() => record.Release(registered.AddDays(31)));
    }

    private static System.Security.Claims.ClaimsPrincipal SignedIn(Guid userId) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString())], "test"));
}
