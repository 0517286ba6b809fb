namespace Marketplace.Web.IndexLabels;

/// <summary>
/// A label the marketplace keeps in the search index in step with its own database (an open licence on offer, a listing
/// for sale, a pledge in force): one facet, one value, written on exactly the patents that carry it now. Each feature
/// implements its own and registers it with <see cref="IndexLabelsHostingExtensions.AddIndexLabel{TLabel}"/>; the writes,
/// the commit and the sync at start are <see cref="IndexLabelWriter"/>'s and <see cref="IndexLabelSync"/>'s.
/// </summary>
public interface IIndexLabel
{
    /// <summary>The label's name in the index (a <c>LabelFacets</c> constant); no other writer sets it.</summary>
    string Facet { get; }

    /// <summary>The value a patent that carries the label has under <see cref="Facet"/>; one that does not has none.</summary>
    string Value { get; }

    /// <summary>Of <paramref name="patentIds"/>, those that carry the label today.</summary>
    Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default);

    /// <summary>Every patent the label may ever have been written on: the ones a sync at start brings in line.</summary>
    Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default);
}
