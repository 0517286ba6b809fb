using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// Finds the live document of an id in one reader, newest segment first, reusing one terms enumerator and one postings
/// enumerator per segment for a whole batch of ids. <c>AtomicReader.GetTermDocsEnum</c> builds both afresh for every
/// id and segment, with their block buffers and frames: during a browser load those lookups (twice per record: to merge,
/// then to keep stored labels) were a third of everything the site allocated, and the collections they caused paused
/// the searches (ADR-029). Not thread-safe: one batch on one thread.
/// </summary>
internal sealed class IdSeeker
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly TermsEnum?[] _terms;
    private readonly DocsEnum?[] _docs;
    private readonly bool[] _opened;

    public IdSeeker(IndexReader reader)
    {
        _leaves = reader.Leaves;
        _terms = new TermsEnum?[_leaves.Count];
        _docs = new DocsEnum?[_leaves.Count];
        _opened = new bool[_leaves.Count];
    }

    /// <summary>The live document holding <paramref name="id"/> (a top-level doc id), or -1.</summary>
    public int Find(string id)
    {
        var bytes = new BytesRef(id);
        for (var i = _leaves.Count - 1; i >= 0; i--)
        {
            var terms = TermsOf(i);
            if (terms is null || !terms.SeekExact(bytes)) continue;
            var docs = _docs[i] = terms.Docs(_leaves[i].AtomicReader.LiveDocs, _docs[i], DocsFlags.NONE);
            var doc = docs.NextDoc();
            if (doc != DocIdSetIterator.NO_MORE_DOCS) return _leaves[i].DocBase + doc;
        }
        return -1;
    }

    private TermsEnum? TermsOf(int leaf)
    {
        if (!_opened[leaf])
        {
            _opened[leaf] = true;
            _terms[leaf] = _leaves[leaf].AtomicReader.GetTerms(PatentFields.Id)?.GetEnumerator();
        }
        return _terms[leaf];
    }
}
