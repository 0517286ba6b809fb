using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>What a search came to: results, a single patent to go to, or the engine's complaint about the query.</summary>
public sealed record PatentSearchOutcome(SearchResult? Result, string? RedirectToId, string? QueryError);

/// <summary>Runs the search page's query against the index.</summary>
public sealed class PatentSearchService(IPatentIndex index)
{
    public async Task<PatentSearchOutcome> SearchAsync(PatentSearchRequest request, CancellationToken cancellationToken)
    {
        // A patent number in any written form that names exactly one record goes straight to it.
        if (request.Filters.Count == 0 && request.Page == 1 && AsPatentNumber(request.Text) is { } number)
        {
            var matches = await index.LookupAsync(number, cancellationToken);
            if (matches.Count == 1)
                return new PatentSearchOutcome(null, matches[0].Id, null);
        }

        try
        {
            return new PatentSearchOutcome(await index.SearchAsync(request.ToQuery(), cancellationToken), null, null);
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
