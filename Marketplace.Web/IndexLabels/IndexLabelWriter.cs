using Search.Indexer.Engine;

namespace Marketplace.Web.IndexLabels;

/// <summary>
/// Writes the registered <see cref="IIndexLabel"/>s of given patents into the index: only those labels, applied to the
/// record as stored when written (labelling running meanwhile keeps its labels), in one write and one commit however
/// many labels and patents, and a commit that lost its writes to a failed write throws rather than passing for done.
/// </summary>
public sealed class IndexLabelWriter(IEnumerable<IIndexLabel> labels, IPatentIndex index)
{
    /// <summary>Every label registered, in registration order.</summary>
    public IReadOnlyList<IIndexLabel> Labels { get; } = [.. labels];

    /// <summary>Brings one feature's label on <paramref name="patentIds"/> in line with its database.</summary>
    public Task RefreshAsync<TLabel>(IEnumerable<string> patentIds, CancellationToken cancellationToken = default) where TLabel : IIndexLabel =>
        RefreshAsync(patentIds, [Labels.OfType<TLabel>().Single()], cancellationToken);

    /// <summary>Brings every registered label on <paramref name="patentIds"/> in line.</summary>
    public Task RefreshAllAsync(IEnumerable<string> patentIds, CancellationToken cancellationToken = default) =>
        RefreshAsync(patentIds, Labels, cancellationToken);

    public async Task RefreshAsync(IEnumerable<string> patentIds, IReadOnlyCollection<IIndexLabel> which, CancellationToken cancellationToken = default)
    {
        var ids = patentIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        var changes = new IndexLabelChanges();
        foreach (var label in which) changes.Add(label, ids, await label.CarriedByAsync(ids, cancellationToken));
        await WriteAsync(changes, cancellationToken);
    }

    /// <summary>Writes <paramref name="changes"/> in one write, then commits once if anything changed.</summary>
    internal async Task WriteAsync(IndexLabelChanges changes, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty) return;
        var epoch = index.WriteEpoch;
        if (await index.SetLabelsAsync(changes.ByPatent(), cancellationToken) == 0) return;
        await index.CommitSinceAsync(epoch, cancellationToken);
    }
}

/// <summary>Several labels' values on several patents, gathered into one change per patent.</summary>
internal sealed class IndexLabelChanges
{
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _byPatent = new(StringComparer.Ordinal);

    public bool IsEmpty => _byPatent.Count == 0;

    /// <summary>The label's value on each of <paramref name="patentIds"/> in <paramref name="carriers"/>, and no value on the others.</summary>
    public void Add(IIndexLabel label, IEnumerable<string> patentIds, IReadOnlySet<string> carriers)
    {
        foreach (var id in patentIds)
        {
            var labels = _byPatent.TryGetValue(id, out var l) ? l : _byPatent[id] = new(StringComparer.Ordinal);
            labels[label.Facet] = carriers.Contains(id) ? [label.Value] : [];
        }
    }

    public IReadOnlyDictionary<string, LabelChanges> ByPatent() =>
        _byPatent.ToDictionary(kv => kv.Key, kv => new LabelChanges { Labels = kv.Value }, StringComparer.Ordinal);
}
