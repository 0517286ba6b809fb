using Marketplace.Web.Data;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Web.Saved;

/// <summary>A person's saved searches: save, list, rename, delete, alerts on and off. Only the owner ever finds one.</summary>
public sealed class SavedSearchService(MarketplaceDbContext db, PatentSearchService search, SavedSearchAlerts alerts, TimeProvider clock)
{
    public const int MaxPerUser = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The search page's query string reduced to what defines the search (q, f.*, sort) in one order, so
    /// the same search always saves the same way; page, size and culture are dropped.
    /// </summary>
    public static string Canonical(PatentSearchRequest request)
    {
        var qb = new QueryBuilder();
        if (!string.IsNullOrEmpty(request.Text)) qb.Add("q", request.Text);
        foreach (var (field, values) in request.Filters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            qb.Add(PatentSearchRequest.FilterPrefix + field, values);
        if (request.Sort != "relevance") qb.Add("sort", request.Sort);
        return qb.ToQueryString().Value?.TrimStart('?') ?? "";
    }

    /// <summary>The saved query string as the search page reads it.</summary>
    public static PatentSearchRequest Request(string query, out IReadOnlyList<SearchInputError> errors)
    {
        var parsed = QueryHelpers.ParseQuery(query.StartsWith('?') ? query : "?" + query);
        return PatentSearchRequest.Parse(parsed.Where(kv => kv.Key is "q" or "sort" || kv.Key.StartsWith(PatentSearchRequest.FilterPrefix, StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, StringValues>(kv.Key, kv.Value)), out errors);
    }

    public Task<List<SavedSearch>> ListAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Set<SavedSearch>().AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>The person's saved search, or null when there is none with that id or it is someone else's.</summary>
    public Task<SavedSearch?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken = default) =>
        db.Set<SavedSearch>().FirstOrDefaultAsync(s => s.Id == id && s.UserId == userId, cancellationToken);

    public async Task<SavedSearch> SaveAsync(Guid userId, string? name, string? query, bool alertsEnabled, CancellationToken cancellationToken = default)
    {
        var checkedName = SavedRules.Name(name);
        var request = Request(query ?? "", out var errors);
        if (errors.Count > 0)
            throw new SavedRuleException("Search: the search to save is not valid ({0}).", string.Join("; ", errors.Select(e => $"{e.Problem} “{e.Value}”")));
        var canonical = Canonical(request);
        if (canonical.Length == 0 || (request.Text is null && request.Filters.Count == 0))
            throw new SavedRuleException("Search: there is nothing to save; enter search words or pick a filter first.");
        if (canonical.Length > SavedSearch.MaxQuery)
            throw new SavedRuleException("Search: the search is too long to save (at most {0} characters).", SavedSearch.MaxQuery);
        if (await db.Set<SavedSearch>().CountAsync(s => s.UserId == userId, cancellationToken) >= MaxPerUser)
            throw new SavedRuleException("You already have {0} saved searches, the most allowed. Delete one you no longer need first.", MaxPerUser);
        if (await db.Set<SavedSearch>().AnyAsync(s => s.UserId == userId && s.Name == checkedName, cancellationToken))
            throw new SavedRuleException("Name: you already have a saved search named “{0}”.", checkedName);
        // A query the engine cannot parse would fail every alert run: refuse it now, with the engine's words.
        var probe = await search.SearchOnlyAsync(request with { PageSize = 1, Page = 1 }, cancellationToken);
        if (probe.QueryError is { } syntax)
            throw new SavedRuleException("Search: the query has a syntax error: {0}", syntax);

        var saved = SavedSearch.Create(userId, checkedName, canonical, alertsEnabled, Now);
        db.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        // What matches today is what the person just looked at: only later matches are news.
        if (alertsEnabled) await alerts.BaselineAsync(saved, cancellationToken);
        return saved;
    }

    public async Task RenameAsync(SavedSearch saved, string? name, CancellationToken cancellationToken = default)
    {
        var checkedName = SavedRules.Name(name);
        if (checkedName != saved.Name && await db.Set<SavedSearch>().AnyAsync(s => s.UserId == saved.UserId && s.Name == checkedName && s.Id != saved.Id, cancellationToken))
            throw new SavedRuleException("Name: you already have a saved search named “{0}”.", checkedName);
        saved.Rename(checkedName);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetAlertsAsync(SavedSearch saved, bool enabled, CancellationToken cancellationToken = default)
    {
        var wasOn = saved.AlertsEnabled;
        saved.SetAlerts(enabled);
        await db.SaveChangesAsync(cancellationToken);
        if (enabled && !wasOn) await alerts.BaselineAsync(saved, cancellationToken);
    }

    public async Task DeleteAsync(SavedSearch saved, CancellationToken cancellationToken = default)
    {
        db.Remove(saved);
        await db.SaveChangesAsync(cancellationToken);
    }
}
