namespace Search.Indexer.Records;

/// <summary>
/// Records made up for a demonstration (not read from any patent office's data) carry the label
/// <see cref="Label"/> in <see cref="PatentRecord.Labels"/>, with the name of the set they belong to, so that every
/// page, count and report can say so and the set can be removed again.
/// </summary>
public static class SyntheticData
{
    /// <summary>The label name; its value names the synthetic set.</summary>
    public const string Label = "synthetic";

    /// <summary>The demo slice of Quanzhou applicants recombined from the sample patents (first start with demo accounts).</summary>
    public const string CityDemoSlice = "demo-city-slice";

    public static bool IsSynthetic(PatentRecord record) =>
        record.Labels.TryGetValue(Label, out var values) && values.Count > 0;
}
