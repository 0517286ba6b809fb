using Marketplace.Web.Accounts;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Acquisition.Admin;

/// <summary>
/// Operators: one pool. A screen over the index (its hit count, the first hits to pick from, or all up to the stated cap),
/// the candidates with their stage and latest valuation, and the pool's total value.
/// </summary>
public sealed class PoolModel(AcquisitionService acquisition, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int HitsShown = 20;

    public AcquisitionPool Pool { get; private set; } = null!;

    public IReadOnlyList<CandidateView> Candidates { get; private set; } = [];

    public SearchResult? Hits { get; private set; }

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)] public bool Sleeping { get; set; }

    [BindProperty(SupportsGet = true)] public bool HighValue { get; set; }

    [BindProperty(SupportsGet = true)] public string? Chain { get; set; }

    [BindProperty(SupportsGet = true)] public ScreenOwnerType? OwnerType { get; set; }

    [BindProperty(SupportsGet = true)] public LegalStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public int? FromYear { get; set; }

    [BindProperty(SupportsGet = true)] public int? ToYear { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true)] public bool Screen { get; set; }

    public decimal TotalValueYuan => Candidates.Where(c => c.Candidate.Stage != CandidateStage.Dropped).Sum(c => c.LatestValueYuan ?? 0m);

    private AcquisitionScreen Current => new(Sleeping, HighValue, Chain, OwnerType, Status, FromYear, ToYear, Q);

    public async Task<IActionResult> OnGetAsync(Guid id, int? added, int? present, string? acquired, string? message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        Message = message switch
        {
            "added" => L["{0} patent(s) added; {1} already in the pool.", added ?? 0, present ?? 0].Value
                + (string.IsNullOrEmpty(acquired) ? "" : " " + L["Already acquired through a pool, so not added as acquirable: {0}.", acquired].Value),
            "valued" => L["Candidate marked as valued."].Value,
            "dropped" => L["Candidate dropped."].Value,
            _ => null,
        };
        if (Screen) await RunScreenAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAddSelectedAsync(Guid id, List<string> selected) =>
        AddAsync(id, (pool, user) => acquisition.AddAsync(pool, selected, user));

    public Task<IActionResult> OnPostAddAllAsync(Guid id) =>
        AddAsync(id, (pool, user) => acquisition.AddScreenAsync(pool, Current, user));

    public Task<IActionResult> OnPostValuedAsync(Guid id, Guid candidateId) => MoveAsync(id, candidateId, c => acquisition.MarkValuedAsync(c), "valued");

    public Task<IActionResult> OnPostDropAsync(Guid id, Guid candidateId) => MoveAsync(id, candidateId, c => acquisition.DropAsync(c), "dropped");

    private async Task<IActionResult> AddAsync(Guid id, Func<AcquisitionPool, Guid, Task<AddResult>> add)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        try
        {
            var result = await add(Pool, StaffAccess.UserId(User)!.Value);
            return Redirect($"{AcquisitionLinks.Pool(id)}?message=added&added={result.Added}&present={result.AlreadyInPool}&acquired={Uri.EscapeDataString(string.Join("、", result.AcquiredElsewhere))}");
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError(ex.Field, L.Localize(ex));
            await RunScreenAsync();
            return Page();
        }
    }

    private async Task<IActionResult> MoveAsync(Guid id, Guid candidateId, Func<AcquisitionCandidate, Task> move, string message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        var candidate = Pool.Candidates.FirstOrDefault(c => c.Id == candidateId);
        if (candidate is null) return NotFound();
        try
        {
            await move(candidate);
            return Redirect($"{AcquisitionLinks.Pool(id)}?message={message}");
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            Candidates = await acquisition.ViewsAsync([.. Pool.Candidates.OrderBy(c => c.AddedAt)]);
            return Page();
        }
    }

    private async Task RunScreenAsync()
    {
        try
        {
            Hits = await acquisition.ScreenAsync(Current, 1, HitsShown);
        }
        catch (AcquisitionRuleException ex)
        {
            ModelState.AddModelError(ex.Field, L.Localize(ex));
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var pool = await acquisition.FindPoolAsync(id);
        if (pool is null) return NotFound();
        Pool = pool;
        Candidates = await acquisition.ViewsAsync([.. pool.Candidates.OrderBy(c => c.AddedAt)]);
        return null;
    }

    public int ThisYear => clock.GetUtcNow().Year;
}
