using System.Diagnostics;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// The site a newcomer gets: the repository's sample patents loaded on first start and then labelled in the
/// background (labelling at start on, as by default). Shared by the "labelled-site" collection; ready when both
/// have finished. <see cref="FirstStart"/> is how long that took from the host's start.
/// </summary>
public sealed class LabelledSite : IAsyncLifetime
{
    public MarketplaceSite Site { get; } = MarketplaceSite.WithSettings(new Dictionary<string, string?> { ["Analytics:LabelOnStart"] = "true" });

    public TimeSpan FirstStart { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        await Site.InitializeAsync();
        FirstStart = watch.Elapsed;
    }

    public Task DisposeAsync() => Site.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedLabelledSite : ICollectionFixture<LabelledSite>
{
    public const string Name = "labelled-site";
}
