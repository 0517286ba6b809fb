using System.Globalization;
using System.Text;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Recent search results, as Solr's queryResultCache keeps them: the key is the whole query (text, filters,
/// dates, sort, page, facets, highlighting) plus the version of the index reader that answered, so a
/// result is never served once a refresh has made new or changed records visible. Least recently used
/// entries go first; the budget counts hits (each hit holds a whole record), so memory stays bounded.
/// </summary>
internal sealed class QueryResultCache(int maxHits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private int _hits;
    private long _served;
    private object? _reader;

    /// <summary>Results answered from the cache since the index opened.</summary>
    public long Served => Interlocked.Read(ref _served);

    public bool Enabled => maxHits > 0;

    /// <summary>
    /// A result for <paramref name="key"/> computed on this very <paramref name="reader"/>; the first call with
    /// another reader (a refresh happened) empties the cache, so nothing from an older view is ever served.
    /// </summary>
    public bool TryGet(object reader, string key, out SearchResult result)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(reader, _reader)) Reset(reader);
            else if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                result = node.Value.Result;
                _served++;
                return true;
            }
        }
        result = null!;
        return false;
    }

    public void Add(object reader, string key, SearchResult result)
    {
        var cost = Cost(result);
        if (cost > maxHits) return;
        lock (_lock)
        {
            if (!ReferenceEquals(reader, _reader)) Reset(reader);
            if (_entries.Remove(key, out var existing))
            {
                _recency.Remove(existing);
                _hits -= Cost(existing.Value.Result);
            }
            _entries[key] = _recency.AddFirst(new Entry(key, result));
            _hits += cost;
            while (_hits > maxHits && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _hits -= Cost(last.Value.Result);
            }
        }
    }

    private void Reset(object reader)
    {
        _entries.Clear();
        _recency.Clear();
        _hits = 0;
        _reader = reader;
    }

    private static int Cost(SearchResult result) => result.Hits.Count + 1;

    /// <summary>Every part of the query that changes its answer, in a fixed order, with the reader version.</summary>
    public static string Key(PatentQuery q, long readerVersion)
    {
        var b = new StringBuilder(128);
        const char Sep = '\u001f';
        b.Append(readerVersion.ToString(CultureInfo.InvariantCulture)).Append(Sep).Append(q.Text).Append(Sep);
        foreach (var (field, values) in q.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (values is null || values.Count == 0) continue;
            b.Append(field).Append('=');
            foreach (var v in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) b.Append(v).Append('\u001e');
            b.Append(Sep);
        }
        Append(b, q.ApplicationDate).Append(Sep);
        Append(b, q.PublicationDate).Append(Sep);
        Append(b, q.GrantDate).Append(Sep);
        b.Append((int)q.Sort).Append(Sep).Append(q.Page).Append(Sep).Append(q.PageSize).Append(Sep);
        foreach (var f in q.Facets) b.Append(f).Append(',');
        b.Append(Sep).Append(q.FacetSize).Append(Sep).Append(q.Highlight ? '1' : '0');
        return b.ToString();
    }

    private static StringBuilder Append(StringBuilder b, DateRange? range) =>
        range is null ? b : b.Append(range.From?.DayNumber).Append('~').Append(range.To?.DayNumber);

    private sealed record Entry(string Key, SearchResult Result);
}
