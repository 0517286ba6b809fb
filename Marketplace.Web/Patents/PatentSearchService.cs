using Marketplace.Web.Operations;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>What a search came to: results, a single patent to go to, or the engine's complaint about the query.</summary>
public sealed record PatentSearchOutcome(SearchResult? Result, string? RedirectToId, string? QueryError);

/// <summary>Runs the search page's query against the index.</summary>
public sealed class PatentSearchService(IPatentIndex index, MarketplaceMetrics metrics)
{
    /// <summary>Records per engine call while exporting: large enough to be quick, small enough to stream.</summary>
    private const int ExportBatch = 200;

    /// <summary>
    /// Patents like <paramref name="record"/>: its key terms (titles and the start of its abstracts,
    /// boilerplate dropped) and its main IPC group, ORed in the ordinary query syntax, so every engine
    /// behind <see cref="IPatentIndex"/> answers it without a "more like this" feature of its own.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> MoreLikeThisAsync(PatentRecord record, int count, CancellationToken cancellationToken)
    {
        var text = MoreLikeThis.QueryFor(record);
        if (text is null) return [];
        var query = new PatentQuery { Text = text, PageSize = count + 1, Highlight = false };
        var result = await index.SearchAsync(query, cancellationToken);
        return [.. result.Hits.Where(h => h.Record.Id != record.Id).Take(count)];
    }

    /// <summary>The first applicant's other patents, newest first.</summary>
    public async Task<(long Total, IReadOnlyList<PatentRecord> Records)> OwnerOtherPatentsAsync(PatentRecord record, int count, CancellationToken cancellationToken)
    {
        if (record.Applicants.Count == 0) return (0, []);
        var owner = record.Applicants[0].Name;
        var query = new PatentQuery
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { [FacetFields.Applicant] = [owner] },
            Sort = SearchSort.PublicationDateDescending,
            PageSize = count + 1,
            Highlight = false,
        };
        var result = await index.SearchAsync(query, cancellationToken);
        var others = result.Hits.Select(h => h.Record).Where(r => r.Id != record.Id).Take(count).ToList();
        return (Math.Max(0, result.Total - 1), others);
    }

    /// <summary>Up to <paramref name="limit"/> records of a search in its order, fetched a batch at a time so nothing piles up in memory.</summary>
    public async IAsyncEnumerable<PatentRecord> ExportAsync(PatentSearchRequest request, int limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = request.ToQuery() with { Facets = [], Highlight = false, PageSize = ExportBatch };
        var sent = 0;
        for (var page = 1; sent < limit && (long)page * ExportBatch <= PatentQuery.MaxResultWindow; page++)
        {
            var result = await index.SearchAsync(query with { Page = page }, cancellationToken);
            foreach (var hit in result.Hits)
            {
                if (sent >= limit) yield break;
                sent++;
                yield return hit.Record;
            }
            if (result.Hits.Count < ExportBatch) yield break;
        }
    }

    /// <summary>Records by id in the order given, fetched a batch at a time (ids the index no longer has are left out): a collection's export.</summary>
    public async IAsyncEnumerable<PatentRecord> RecordsAsync(IReadOnlyList<string> ids,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; start < ids.Count; start += ExportBatch)
        {
            var batch = ids.Skip(start).Take(ExportBatch).ToList();
            var found = await index.GetManyAsync(batch, cancellationToken);
            foreach (var id in batch)
                if (found.TryGetValue(id, out var record)) yield return record;
        }
    }

    /// <summary>Records by id in the order given (missing ones left out).</summary>
    public async Task<IReadOnlyList<PatentRecord>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = await index.GetManyAsync(ids, cancellationToken);
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<PatentSearchOutcome> SearchAsync(PatentSearchRequest request, CancellationToken cancellationToken)
    {
        // A patent number in any written form that names exactly one record goes straight to it.
        if (request.Filters.Count == 0 && request.Page == 1 && AsPatentNumber(request.Text) is { } number)
        {
            var matches = await index.LookupAsync(number, cancellationToken);
            if (matches.Count == 1)
                return new PatentSearchOutcome(null, matches[0].Id, null);
        }

        return await SearchOnlyAsync(request, cancellationToken);
    }

    /// <summary>The search as asked, without going to a single patent for a number (the API's answer is always a result page).</summary>
    public async Task<PatentSearchOutcome> SearchOnlyAsync(PatentSearchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var result = await index.SearchAsync(request.ToQuery(), cancellationToken);
            metrics.SearchRun(result.Total);
            return new PatentSearchOutcome(result, null, null);
        }
        catch (Exception ex) when (QueryErrors.IsSyntaxError(ex))
        {
            return new PatentSearchOutcome(null, null, ex.Message);
        }
    }

    /// <summary>The record for a number in any form: by id first, then by lookup when exactly one matches.</summary>
    public async Task<(PatentRecord? Record, IReadOnlyList<PatentRecord> Candidates)> FindAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        var record = await index.GetAsync(idOrNumber, cancellationToken);
        if (record is not null) return (record, [record]);
        if (AsPatentNumber(idOrNumber) is not { } number) return (null, []);
        var matches = await index.LookupAsync(number, cancellationToken);
        return (matches.Count == 1 ? matches[0] : null, matches);
    }

    /// <summary>
    /// The text as a patent number the index can look up, or null. Bare digits (a Chinese
    /// application number such as 2022232206652.2) are read as Chinese.
    /// </summary>
    public static string? AsPatentNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (PatentNumber.TryParse(t, out _)) return t;
        var bareDigits = t.Length >= 8 && t.All(c => char.IsAsciiDigit(c) || c is '.' or ' ' or 'X' or 'x');
        return bareDigits && PatentNumber.TryParse(t, out var cn, "CN") ? cn.ToString() : null;
    }
}
