using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Saved;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Saved;

/// <summary>The person's saved searches (open, rename, delete, alerts on/off) and collections (open, create).</summary>
public sealed class IndexModel(SavedSearchService searches, CollectionService collections, Marketplace.Web.Patents.PatentLabels labels, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<SavedSearch> Searches { get; private set; } = [];

    public IReadOnlyList<CollectionSummary> Collections { get; private set; } = [];

    public string? Message { get; private set; }

    private Guid Me => StaffAccess.UserId(User) ?? throw new InvalidOperationException("The /Saved folder requires a signed-in user.");

    public async Task OnGetAsync(string? message)
    {
        Message = message switch
        {
            "saved" => L["The search was saved."].Value,
            "renamed" => L["The saved search was renamed."].Value,
            "deleted" => L["The saved search was deleted."].Value,
            "alerts-on" => L["Alerts are on: you will be told when new patents match or open licences appear."].Value,
            "alerts-off" => L["Alerts are off."].Value,
            "collection-deleted" => L["The collection was deleted."].Value,
            _ => null,
        };
        await LoadAsync();
    }

    public Task<IActionResult> OnPostRenameAsync(Guid id, string? name) =>
        WithSearchAsync(id, s => searches.RenameAsync(s, name, HttpContext.RequestAborted), "renamed");

    public Task<IActionResult> OnPostDeleteAsync(Guid id) =>
        WithSearchAsync(id, s => searches.DeleteAsync(s, HttpContext.RequestAborted), "deleted");

    public Task<IActionResult> OnPostAlertsAsync(Guid id, bool enabled) =>
        WithSearchAsync(id, s => searches.SetAlertsAsync(s, enabled, HttpContext.RequestAborted), enabled ? "alerts-on" : "alerts-off");

    public async Task<IActionResult> OnPostCreateCollectionAsync(string? name)
    {
        try
        {
            var created = await collections.CreateAsync(Me, name, HttpContext.RequestAborted);
            return Redirect($"/collections/{created.Id}?message=created");
        }
        catch (SavedRuleException e)
        {
            ModelState.AddModelError("collection", L[e.Message, [.. e.Arguments]]);
            await LoadAsync();
            return Page();
        }
    }

    private async Task<IActionResult> WithSearchAsync(Guid id, Func<SavedSearch, Task> action, string message)
    {
        var saved = await searches.FindAsync(Me, id, HttpContext.RequestAborted);
        if (saved is null) return NotFound();
        try
        {
            await action(saved);
            return Redirect("/saved?message=" + message);
        }
        catch (SavedRuleException e)
        {
            ModelState.AddModelError("search-" + id, L[e.Message, [.. e.Arguments]]);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Searches = await searches.ListAsync(Me, HttpContext.RequestAborted);
        Collections = await collections.ListAsync(Me, HttpContext.RequestAborted);
    }

    private static string SortLabel(string sort) => sort switch
    {
        "newest" => "Newest first",
        "oldest" => "Oldest first",
        "filed" => "Latest filing",
        "value" => "Value index",
        _ => "Relevance",
    };

    /// <summary>The saved query as a person reads it: the words, then each filter.</summary>
    public string Describe(SavedSearch saved)
    {
        var request = SavedSearchService.Request(saved.Query, out _);
        var parts = new List<string>();
        if (request.Text is { } text) parts.Add(text);
        parts.AddRange(request.Filters.Select(kv => $"{labels.FacetField(kv.Key)}: {string.Join(", ", kv.Value.Select(v => labels.FacetValue(kv.Key, v)))}"));
        if (request.Sort != "relevance") parts.Add(L["sorted: {0}", L[SortLabel(request.Sort)].Value].Value);
        return string.Join(" · ", parts);
    }
}
