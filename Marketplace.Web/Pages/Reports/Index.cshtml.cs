using Analytics.Reports;
using Analytics.Taxonomy;
using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Reports;

/// <summary>Operators request a navigation report for a scope and period, and see the reports generated and under way.</summary>
[Authorize(Policy = StaffAccess.OperatorPolicy)]
public sealed class IndexModel(ReportRequests queue, ReportStore store, IndustryTaxonomy taxonomy, ReportOptions options, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<IndustryChain> Chains => taxonomy.Chains;
    public CityDefinition City => options.City;
    public IReadOnlyList<StoredReport> Recent { get; private set; } = [];
    public IReadOnlyList<ReportProgress> UnderWay { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty] public string? Chain { get; set; }
    [BindProperty] public string? Ipc { get; set; }
    [BindProperty] public string? Query { get; set; }
    [BindProperty] public string? Applicants { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public int? FromYear { get; set; }
    [BindProperty] public int? ToYear { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ToYear ??= clock.GetUtcNow().Year;
        FromYear ??= ToYear - 10;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = new ReportScope
        {
            Chain = string.IsNullOrWhiteSpace(Chain) ? null : Chain.Trim(),
            Ipc = Split(Ipc).Select(i => i.ToUpperInvariant()).ToList(),
            Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
            Applicants = Split(Applicants).ToList(),
            Region = string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
            FromYear = FromYear ?? 0,
            ToYear = ToYear ?? 0,
        };
        var result = await queue.RequestAsync(scope, ct);
        if (result.Id is { } id) return Redirect($"/reports/{id}");
        Errors = result.Problems.Select(p => L[ProblemText(p.Field)].Value + " " + p.Message).ToList();
        await LoadAsync(ct);
        return Page();
    }

    private static string ProblemText(string field) => field switch
    {
        nameof(ReportScope.Chain) => "Industry chain:",
        nameof(ReportScope.Ipc) => "IPC codes:",
        nameof(ReportScope.Region) => "Region:",
        nameof(ReportScope.Query) => "Search query:",
        nameof(ReportScope.Applicants) => "Applicants:",
        _ => "Period:",
    };

    private static string[] Split(string? text) =>
        (text ?? "").Split([',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task LoadAsync(CancellationToken ct)
    {
        Recent = await store.RecentAsync(20, ct);
        UnderWay = store.UnderWay();
    }
}
