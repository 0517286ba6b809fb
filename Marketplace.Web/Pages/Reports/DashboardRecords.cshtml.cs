using Analytics.Reports;
using Marketplace.Web.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Reports;

/// <summary>The patents behind one dashboard figure (an indicator, for the city or one county), 50 per page.</summary>
public sealed class DashboardRecordsModel(CityDashboard dashboard, IPatentIndex index) : PageModel
{
    public const int PageSize = 50;

    public string Indicator { get; private set; } = "";
    public string? County { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public bool Capped { get; private set; }
    public IReadOnlyList<PatentRecord> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? indicator, string? county, [FromQuery] int? page, CancellationToken ct)
    {
        if (indicator is null || !CityIndicatorsBuilder.Indicators.Contains(indicator)) return BadRequest("indicator must be one of: " + string.Join(", ", CityIndicatorsBuilder.Indicators));
        if (page is < 1) return BadRequest("page must be 1 or more");
        var (snapshot, _) = await dashboard.GetAsync(ct);
        if (snapshot is null) return RedirectToPage("/Reports/Dashboard");
        if (county is not null && snapshot.Counties.All(c => c.County != county)) return NotFound();
        (Indicator, County, PageNumber) = (indicator, county, page ?? 1);
        var ids = snapshot.RecordIds.GetValueOrDefault(CityIndicatorsSnapshot.FigureKey(indicator, county)) ?? [];
        Total = ids.Count;
        Capped = ids.Count >= CityIndicatorsSnapshot.MaxIdsPerFigure;
        var slice = ids.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var found = await index.GetManyAsync(slice, ct);
        Records = slice.Where(found.ContainsKey).Select(id => found[id]).ToList();
        return Page();
    }
}
