using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Counts facet values of every collected document from sorted-set doc values (Lucene.Net.Facet is not
/// available). Counts per segment ordinal in a plain array, then turns the used ordinals into strings
/// when the segment ends, so the per-hit cost is a few array increments.
/// </summary>
internal sealed class FacetCountCollector : ICollector
{
    private readonly string[] _facets;
    private readonly SortedSetDocValues?[] _values;
    private readonly int[]?[] _segmentCounts;
    private readonly Dictionary<string, long>[] _totals;
    private readonly BytesRef _scratch = new();

    public FacetCountCollector(IReadOnlyList<string> facets)
    {
        _facets = [.. facets];
        _values = new SortedSetDocValues?[_facets.Length];
        _segmentCounts = new int[]?[_facets.Length];
        _totals = new Dictionary<string, long>[_facets.Length];
        for (var i = 0; i < _facets.Length; i++) _totals[i] = new Dictionary<string, long>(StringComparer.Ordinal);
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var i = 0; i < _facets.Length; i++)
        {
            var dv = context.AtomicReader.GetSortedSetDocValues(LuceneFields.FacetValues(_facets[i]));
            _values[i] = dv;
            _segmentCounts[i] = dv is null ? null : new int[checked((int)dv.ValueCount)];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var dv = _values[i];
            if (dv is null) continue;
            var counts = _segmentCounts[i]!;
            dv.SetDocument(doc);
            long ord;
            while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) counts[ord]++;
        }
    }

    /// <summary>The top <paramref name="size"/> values per facet, by count then value.</summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Result(int size)
    {
        FlushSegment();
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (var i = 0; i < _facets.Length; i++)
        {
            result[_facets[i]] = _totals[i]
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(size)
                .Select(kv => new FacetValue(kv.Key, kv.Value))
                .ToList();
        }
        return result;
    }

    private void FlushSegment()
    {
        for (var i = 0; i < _facets.Length; i++)
        {
            var counts = _segmentCounts[i];
            var dv = _values[i];
            if (counts is null || dv is null) continue;
            var totals = _totals[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                dv.LookupOrd(ord, _scratch);
                var key = _scratch.Utf8ToString();
                totals[key] = totals.GetValueOrDefault(key) + counts[ord];
            }
            _segmentCounts[i] = null;
            _values[i] = null;
        }
    }
}
