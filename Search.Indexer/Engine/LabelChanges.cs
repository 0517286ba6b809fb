using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// A change to a record's <see cref="PatentRecord.Labels"/> and <see cref="PatentRecord.Scores"/> only, applied by
/// <see cref="IPatentIndex.SetLabelsAsync"/> to the record as stored at that moment: two writers that own different
/// labels (Analytics' chains and flags, the marketplace's open-licence label) never undo each other's work.
/// </summary>
public sealed record LabelChanges
{
    /// <summary>Labels to write, by name; an empty list removes the label. Labels not named here stay as stored.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Labels { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Scores to write, by name.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// Families of scores this change replaces whole: a stored score whose name starts with one of these and is not
    /// in <see cref="Scores"/> is removed (a record that lost its value index loses its old components too).
    /// </summary>
    public IReadOnlyList<string> ReplacedScorePrefixes { get; init; } = [];

    /// <summary>Sets one label (or removes it, with no values).</summary>
    public static LabelChanges Label(string name, params IReadOnlyList<string> values) =>
        new() { Labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [name] = values } };

    /// <summary>
    /// The change that makes a stored record carry <paramref name="labelled"/>'s values of the labels in
    /// <paramref name="labelNames"/> (removing those it lacks) and its scores under <paramref name="scorePrefixes"/>.
    /// </summary>
    public static LabelChanges From(PatentRecord labelled, IEnumerable<string> labelNames, IReadOnlyList<string> scorePrefixes)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in labelNames)
            labels[name] = labelled.Labels.TryGetValue(name, out var values) ? [.. values] : [];
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in labelled.Scores)
            if (scorePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) scores[name] = value;
        return new LabelChanges { Labels = labels, Scores = scores, ReplacedScorePrefixes = scorePrefixes };
    }

    /// <summary>Applies the change to <paramref name="record"/>; false when it already carried exactly these values.</summary>
    public bool ApplyTo(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var changed = false;
        foreach (var (name, values) in Labels)
        {
            var had = record.Labels.TryGetValue(name, out var old);
            if (values.Count == 0)
            {
                changed |= had && record.Labels.Remove(name);
            }
            else if (!had || !old!.SequenceEqual(values, StringComparer.Ordinal))
            {
                record.Labels[name] = [.. values];
                changed = true;
            }
        }
        foreach (var name in record.Scores.Keys.ToList())
            if (!Scores.ContainsKey(name) && ReplacedScorePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
                changed |= record.Scores.Remove(name);
        foreach (var (name, value) in Scores)
        {
            if (record.Scores.TryGetValue(name, out var old) && old.Equals(value)) continue;
            record.Scores[name] = value;
            changed = true;
        }
        return changed;
    }
}
