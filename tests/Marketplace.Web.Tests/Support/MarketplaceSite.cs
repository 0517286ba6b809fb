using Marketplace.Web.Samples;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// The real application on a Kestrel loopback port, with its index in a temporary folder and the
/// repository's sample patents loaded on first start. Shared by every test in the "site" collection:
/// it starts once and is ready only when the sample load has finished.
/// </summary>
/// <remarks>
/// Labelling at start is off here, unlike the product's default: tests of this site give a few records
/// labels of their own (<c>LabelledSamples</c>) and count on the others having none. <see cref="LabelledSite"/>
/// is the site a newcomer gets, labels and all.
/// </remarks>
public sealed class MarketplaceSite : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDataFolder;
    private IPatentIndex? _index;

    public MarketplaceSite() : this(null, null, null)
    {
    }

    // Not public: xunit wants a collection fixture to have a single public constructor.
    private MarketplaceSite(IReadOnlyDictionary<string, string?>? settings, string? dataFolder, Action<IServiceCollection>? services)
    {
        TestHome.EnsureIsolated();
        _ownsDataFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "marketplace-web-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataFolder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            // A free loopback port, never the default 5000 another process on the machine may hold.
            b.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            b.UseSetting("Search:IndexPath", Path.Combine(DataFolder, "index"));
            b.UseSetting("Search:QuarantinePath", Path.Combine(DataFolder, "quarantine"));
            b.UseSetting("Search:SamplesPath", RepositoryPaths.Samples);
            b.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(DataFolder, "marketplace.db")}");
            b.UseSetting("Mail:PickupFolder", Path.Combine(DataFolder, "mail"));
            b.UseSetting("OpenId:RequireHttps", "false");
            b.UseSetting("RateLimits:SearchPerMinute", "100000");
            b.UseSetting("Analytics:ModelsPath", Path.Combine(DataFolder, "models"));
            b.UseSetting("Analytics:LabelOnStart", "false");
            // The demo slice adds a few hundred synthetic Quanzhou patents; tests count the samples (and their own
            // Quanzhou patents) exactly, so only the tests of the slice switch it on.
            b.UseSetting("Demo:CitySlice", "false");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                b.UseSetting(key, value);
            if (services is not null) b.ConfigureServices(services);
        });
        _factory.UseKestrel(0);
    }

    /// <summary>
    /// A site of a test's own, with <paramref name="settings"/> added after the fixture's (e.g. an operator's taxonomy).
    /// With <paramref name="dataFolder"/> it keeps its index, models and database there and leaves them for the
    /// caller (a restart on the same folder); otherwise in a folder of its own, removed when it stops.
    /// </summary>
    public static MarketplaceSite WithSettings(IReadOnlyDictionary<string, string?> settings, string? dataFolder = null) => new(settings, dataFolder, null);

    /// <summary>A site of a test's own with <paramref name="settings"/> and services added after the application's (e.g. telemetry exporters).</summary>
    public static MarketplaceSite WithServices(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> services) => new(settings, null, services);

    public string DataFolder { get; }

    /// <summary>http://127.0.0.1:port of the running site.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public IPatentIndex Index => Services.GetRequiredService<IPatentIndex>();

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        _index = Index;
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        var state = await Services.GetRequiredService<SampleLoadStatus>().Finished.WaitAsync(TimeSpan.FromMinutes(3));
        if (state is not (SampleLoadState.Completed or SampleLoadState.Skipped))
            throw new InvalidOperationException($"The sample load ended {state}: {Services.GetRequiredService<SampleLoadStatus>().Message}");
        var labels = await Services.GetRequiredService<LabelStatus>().Finished.WaitAsync(TimeSpan.FromMinutes(5));
        if (labels == LabelState.Failed)
            throw new InvalidOperationException($"The labelling at start failed: {Services.GetRequiredService<LabelStatus>().Message}");
    }

    /// <summary>A client that does not follow redirects, so tests see them; cookies are kept per client.</summary>
    public HttpClient CreateClient(bool followRedirects = false)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        // The factory can return while the site's own thread is still disposing its services: the index is closed (its
        // lock released) when this returns, so a test restarting a site on the same folder finds it free.
        _index?.Dispose();
        if (!_ownsDataFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSite : ICollectionFixture<MarketplaceSite>
{
    public const string Name = "site";
}
