using Marketplace.Web.Contests;
using Marketplace.Web.Exports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Contests;

/// <summary>Entrants and observers type the names, titles and notes the contest exports carry: one written as a formula stays text.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class ContestExportFormulaTests(SqliteSite site)
{
    private readonly ContestArrangement _arrange = new(site);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var format in new[] { "csv", "xlsx" })
            foreach (var lead in ExportFiles.FormulaLeads) cases.Add(format, lead);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Results_export_an_organisation_and_a_title_starting_with_a_formula_character_as_text(string format, string lead)
    {
        var contestId = await _arrange.ContestAsync([]);
        var formula = ExportFiles.Formula(lead);

        var (title, rows) = await _arrange.WithServicesAsync(async (svc, services) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var entry = ContestEntry.Create(contest, Guid.NewGuid(), formula, Guid.NewGuid(), DateTime.UtcNow);
            entry.Edit(contest, "发明创业组", formula, "项目简介", "", ["CN100000001A"], DateTime.UtcNow);
            entry.RecordEligibility([]);
            var file = services.GetRequiredService<ContestExports>().Results(contest, [entry], format);
            return (entry.Title, ExportFiles.Rows(file, format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv));
        });

        Assert.Equal("'" + formula, rows[1][3]); // the organisation's name, kept as entered
        // The entry trims its title, so a tab or CR never leads it; = + - @ do.
        Assert.Equal(lead is "\t" or "\r" ? formula.Trim() : "'" + formula, rows[1][2]);
        Assert.Equal(title, rows[1][2].TrimStart('\''));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Leads_export_an_observers_name_and_note_starting_with_a_formula_character_as_text(string format, string lead)
    {
        var contestId = await _arrange.ContestAsync([]);
        var formula = ExportFiles.Formula(lead);

        var rows = await _arrange.WithServicesAsync(async (svc, services) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var interest = new Lead(contest.Name, "陶瓷项目", "泉州大学", "CN100000001A", formula, "investor@example.org", "投资", formula, DateTime.UtcNow);
            return ExportFiles.Rows(services.GetRequiredService<ContestExports>().Leads(contest, [interest], format), format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv);
        });

        Assert.Equal("陶瓷项目", rows[1][0]);
        Assert.Equal("'" + formula, rows[1][3]); // observer
        Assert.Equal("'" + formula, rows[1][6]); // note
    }
}
