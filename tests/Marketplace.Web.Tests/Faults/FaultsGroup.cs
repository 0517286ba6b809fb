namespace Marketplace.Web.Tests.Faults;

/// <summary>
/// The fault tests start the real site as a process and kill it, stop its database, fill its disk or load it for a
/// minute: they run one at a time and apart from the other tests, so their timings and figures mean something.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsGroup
{
    public const string Name = "faults";
}
