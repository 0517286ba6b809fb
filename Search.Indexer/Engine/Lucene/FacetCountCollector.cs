using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Counts facet values of every collected document (Lucene.Net.Facet is not available). Reading
/// sorted-set doc values per hit costs about 100 ns a facet, too slow for queries that match most
/// of a million records, so the ordinals are read once per segment into plain arrays
/// (<see cref="FacetOrdinals"/>) and a hit costs one array increment per value. Counts are kept per
/// segment ordinal, added into global ordinals when the segment ends, and only the top values are
/// turned into strings.
/// </summary>
internal sealed class FacetCountCollector : ICollector
{
    private readonly IndexReader _reader;
    private readonly FacetOrdinals.ReaderFacet[] _facets;
    private readonly long[][] _globalCounts;
    private readonly FacetOrdinals.SegmentFacet?[] _segment;
    private readonly int[]?[] _segmentCounts;
    private int _segmentIndex = -1;

    public FacetCountCollector(IndexReader reader, IReadOnlyList<string> facets)
    {
        _reader = reader;
        _facets = facets.Select(f => FacetOrdinals.For(reader, f)).ToArray();
        _globalCounts = _facets.Select(f => new long[f.ValueCount]).ToArray();
        _segment = new FacetOrdinals.SegmentFacet?[_facets.Length];
        _segmentCounts = new int[]?[_facets.Length];
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _segmentIndex = context.Ord;
        for (var i = 0; i < _facets.Length; i++)
        {
            var segment = _facets[i].Segments[_segmentIndex];
            _segment[i] = segment.ValueCount == 0 ? null : segment;
            _segmentCounts[i] = segment.ValueCount == 0 ? null : new int[segment.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            var segment = _segment[i];
            if (segment is null) continue;
            var counts = _segmentCounts[i]!;
            if (segment.Single is { } single)
            {
                var ord = single[doc];
                if (ord >= 0) counts[ord]++;
            }
            else
            {
                var ords = segment.Ords!;
                for (int k = segment.Starts![doc], end = segment.Starts[doc + 1]; k < end; k++) counts[ords[k]]++;
            }
        }
    }

    /// <summary>
    /// The top <paramref name="size"/> values per facet, by count then value. Equal counts are cut in
    /// code point order (the index's term order), which is ordinal string order for all but
    /// private-use characters sorting against supplementary ones.
    /// </summary>
    public Dictionary<string, IReadOnlyList<FacetValue>> Result(int size)
    {
        FlushSegment();
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (var i = 0; i < _facets.Length; i++)
        {
            var counts = _globalCounts[i];
            // Min-heap of the best so far: lowest count first, then highest ordinal.
            var best = new PriorityQueue<int, (long Count, int Ord)>(size + 1, WorstFirst.Instance);
            for (var ord = 0; ord < counts.Length; ord++)
            {
                var count = counts[ord];
                if (count == 0) continue;
                if (best.Count < size) best.Enqueue(ord, (count, ord));
                else if (best.TryPeek(out _, out var worst) && (count > worst.Count || (count == worst.Count && ord < worst.Ord)))
                    best.EnqueueDequeue(ord, (count, ord));
            }
            result[_facets[i].Name] = best.UnorderedItems
                .Select(e => new FacetValue(_facets[i].Lookup(_reader, e.Element), e.Priority.Count))
                .OrderByDescending(v => v.Count)
                .ThenBy(v => v.Value, StringComparer.Ordinal)
                .ToList();
        }
        return result;
    }

    private void FlushSegment()
    {
        if (_segmentIndex < 0) return;
        for (var i = 0; i < _facets.Length; i++)
        {
            var counts = _segmentCounts[i];
            if (counts is null) continue;
            var toGlobal = _facets[i].SegmentToGlobal[_segmentIndex];
            var global = _globalCounts[i];
            for (var ord = 0; ord < counts.Length; ord++)
                if (counts[ord] != 0) global[toGlobal[ord]] += counts[ord];
            _segmentCounts[i] = null;
            _segment[i] = null;
        }
        _segmentIndex = -1;
    }

    private sealed class WorstFirst : IComparer<(long Count, int Ord)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((long Count, int Ord) x, (long Count, int Ord) y) =>
            x.Count != y.Count ? x.Count.CompareTo(y.Count) : y.Ord.CompareTo(x.Ord);
    }
}

/// <summary>
/// Facet ordinals held in memory: per segment (cached on the segment's core, so a refresh reads only
/// new segments) the ordinals of each document, and per top-level reader the map from segment
/// ordinals to global ordinals. About 4 bytes per document and value, 50 MB for a million records.
/// </summary>
internal static class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, SegmentCache> Segments = new();
    private static readonly ConditionalWeakTable<IndexReader, ReaderCache> Readers = new();

    /// <summary>The facet's ordinals in <paramref name="reader"/>, built on first use.</summary>
    public static ReaderFacet For(IndexReader reader, string facet) =>
        Readers.GetValue(reader, r => new ReaderCache(r)).Get(facet);

    /// <summary>Whether <paramref name="facet"/>'s ordinals in <paramref name="reader"/> are built (tests of the warm-up).</summary>
    internal static bool IsBuilt(IndexReader reader, string facet) =>
        Readers.TryGetValue(reader, out var cache) && cache.IsBuilt(facet);

    /// <summary>Builds every facet's ordinals now (after a refresh, so no search pays for it).</summary>
    public static void Warm(IndexReader reader)
    {
        foreach (var f in PatentFacets.All) For(reader, f.Name);
    }

    /// <summary>One segment's ordinals of one facet: <see cref="Single"/> when no document has two values.</summary>
    internal sealed class SegmentFacet
    {
        public static readonly SegmentFacet Empty = new(0, null, null, null);

        public SegmentFacet(int valueCount, int[]? single, int[]? starts, int[]? ords)
        {
            ValueCount = valueCount;
            Single = single;
            Starts = starts;
            Ords = ords;
        }

        public int ValueCount { get; }
        /// <summary>The ordinal of each document, -1 for none.</summary>
        public int[]? Single { get; }
        /// <summary>Document d's ordinals are <c>Ords[Starts[d]..Starts[d+1]]</c>.</summary>
        public int[]? Starts { get; }
        public int[]? Ords { get; }

        public static SegmentFacet Read(AtomicReader reader, string field)
        {
            var dv = reader.GetSortedSetDocValues(field);
            if (dv is null || dv.ValueCount == 0) return Empty;
            var maxDoc = reader.MaxDoc;
            var starts = new int[maxDoc + 1];
            var ords = new List<int>(maxDoc);
            var multi = false;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ords.Count;
                dv.SetDocument(doc);
                long ord;
                while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) ords.Add((int)ord);
                multi |= ords.Count - starts[doc] > 1;
            }
            starts[maxDoc] = ords.Count;
            var valueCount = checked((int)dv.ValueCount);
            if (multi) return new SegmentFacet(valueCount, null, starts, [.. ords]);
            var single = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++) single[doc] = starts[doc + 1] > starts[doc] ? ords[starts[doc]] : -1;
            return new SegmentFacet(valueCount, single, null, null);
        }
    }

    /// <summary>One facet in one top-level reader: its segments and their global ordinals.</summary>
    internal sealed class ReaderFacet
    {
        private readonly MultiDocValues.OrdinalMap? _map;

        public ReaderFacet(IndexReader reader, string name)
        {
            Name = name;
            var field = LuceneFields.FacetValues(name);
            var leaves = reader.Leaves;
            Segments = new SegmentFacet[leaves.Count];
            SegmentToGlobal = new int[leaves.Count][];
            var terms = new TermsEnum[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i].AtomicReader;
                Segments[i] = SegmentCache.Of(leaf).Get(leaf, field);
                terms[i] = leaf.GetSortedSetDocValues(field)?.GetTermsEnum() ?? TermsEnum.EMPTY;
            }
            if (leaves.Count == 0) return;
            _map = new MultiDocValues.OrdinalMap(reader.CoreCacheKey, terms);
            ValueCount = checked((int)_map.ValueCount);
            for (var i = 0; i < leaves.Count; i++)
            {
                var toGlobal = new int[Segments[i].ValueCount];
                for (var ord = 0; ord < toGlobal.Length; ord++) toGlobal[ord] = (int)_map.GetGlobalOrd(i, ord);
                SegmentToGlobal[i] = toGlobal;
            }
        }

        public string Name { get; }
        public int ValueCount { get; }
        public SegmentFacet[] Segments { get; }
        public int[][] SegmentToGlobal { get; }

        public string Lookup(IndexReader reader, int globalOrd)
        {
            var segment = _map!.GetFirstSegmentNumber(globalOrd);
            var dv = reader.Leaves[segment].AtomicReader.GetSortedSetDocValues(LuceneFields.FacetValues(Name));
            var bytes = new BytesRef();
            dv.LookupOrd(_map.GetFirstSegmentOrd(globalOrd), bytes);
            return bytes.Utf8ToString();
        }
    }

    private sealed class ReaderCache(IndexReader reader)
    {
        private readonly Dictionary<string, Lazy<ReaderFacet>> _facets = PatentFacets.All.ToDictionary(
            f => f.Name, f => new Lazy<ReaderFacet>(() => new ReaderFacet(reader, f.Name)), StringComparer.Ordinal);

        public ReaderFacet Get(string facet) => _facets[facet].Value;

        public bool IsBuilt(string facet) => _facets[facet].IsValueCreated;
    }

    private sealed class SegmentCache
    {
        private readonly Dictionary<string, Lazy<SegmentFacet>> _facets = new(StringComparer.Ordinal);

        public static SegmentCache Of(AtomicReader leaf) => Segments.GetValue(leaf.CoreCacheKey, _ => new SegmentCache());

        public SegmentFacet Get(AtomicReader leaf, string field)
        {
            Lazy<SegmentFacet> lazy;
            lock (_facets)
            {
                if (!_facets.TryGetValue(field, out lazy!))
                    _facets[field] = lazy = new Lazy<SegmentFacet>(() => SegmentFacet.Read(leaf, field));
            }
            return lazy.Value;
        }
    }
}
