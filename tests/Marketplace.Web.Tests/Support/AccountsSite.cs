using Marketplace.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// The real application on a Kestrel loopback port for account and organisation tests: no sample
/// patents (an empty index), its own marketplace database on the chosen provider with the demo data
/// seeded, e-mail into a pickup folder, generous rate limits unless a test asks for tight ones.
/// </summary>
public class AccountsSite : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly bool _ownsDataFolder;

    public AccountsSite(string provider, IReadOnlyDictionary<string, string?>? settings = null, string? dataFolder = null, string? connectionString = null,
        Action<IServiceCollection>? services = null)
    {
        TestHome.EnsureIsolated();
        Provider = provider;
        _ownsDataFolder = dataFolder is null;
        DataFolder = dataFolder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketplace-accounts-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataFolder);
        ConnectionString = connectionString ?? (provider == DatabaseProviders.PostgreSql
            ? PostgresCluster.Shared.NewDatabase("accounts")
            : $"Data Source={System.IO.Path.Combine(DataFolder, "marketplace.db")}");
        Mail = new MailFolder(System.IO.Path.Combine(DataFolder, "mail"));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            // Any free loopback port: several sites run at once (one per provider, plus the restart and rate-limit tests).
            b.UseSetting("urls", "http://127.0.0.1:0");
            b.UseSetting("Search:IndexPath", System.IO.Path.Combine(DataFolder, "index"));
            b.UseSetting("Search:QuarantinePath", System.IO.Path.Combine(DataFolder, "quarantine"));
            b.UseSetting("Search:SamplesPath", "");
            b.UseSetting("Database:Provider", provider);
            b.UseSetting("Database:ConnectionString", ConnectionString);
            b.UseSetting("Database:SeedDemoData", "true");
            b.UseSetting("Mail:PickupFolder", Mail.Path);
            b.UseSetting("OpenId:RequireHttps", "false");
            // A free loopback port, never the default 5000 another process on the machine may hold.
            b.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            b.UseSetting("RateLimits:SignInPerMinute", "100000");
            b.UseSetting("RateLimits:TokenPerMinute", "100000");
            b.UseSetting("RateLimits:SearchPerMinute", "100000");
            // Tests arrange records with labels of their own; a restart on the same folder must not relabel them.
            b.UseSetting("Analytics:ModelsPath", System.IO.Path.Combine(DataFolder, "models"));
            b.UseSetting("Analytics:LabelOnStart", "false");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                b.UseSetting(key, value);
            if (services is not null) b.ConfigureServices(services);
        });
        _factory.UseKestrel();
    }

    public string Provider { get; }

    public string DataFolder { get; }

    public string ConnectionString { get; }

    public MailFolder Mail { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public Task InitializeAsync()
    {
        _factory.StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests see them).</summary>
    public SiteClient CreateClient() => new(BaseAddress);

    /// <summary>A scope for arranging data straight through the services (UserManager, the DbContext).</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public virtual async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        // A folder the caller gave is the caller's: it may start the site again on it.
        if (!_ownsDataFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class SqliteSite() : AccountsSite(DatabaseProviders.Sqlite);

public sealed class PostgreSqlSite() : AccountsSite(DatabaseProviders.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SqliteSiteGroup : ICollectionFixture<SqliteSite>
{
    public const string Name = "accounts on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlSiteGroup : ICollectionFixture<PostgreSqlSite>
{
    public const string Name = "accounts on PostgreSQL";
}
