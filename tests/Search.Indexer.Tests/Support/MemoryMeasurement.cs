namespace Search.Indexer.Tests.Support;

/// <summary>
/// Tests that sample process-wide managed memory run alone: another test allocating in parallel
/// would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement (runs alone)";
}
