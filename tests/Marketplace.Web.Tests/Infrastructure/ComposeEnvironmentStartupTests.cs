using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The web application started with the environment infra/compose.yaml gives the web replicas
/// (Production, PostgreSQL, no demo data, token keys from PKCS#12 files …), changing only what this
/// machine cannot provide: the Lucene engine instead of the Elasticsearch container, a local
/// PostgreSQL database, temporary folders and freshly made certificates. /readyz must answer 200 with
/// the database and the search checks healthy, which is what the compose and Kubernetes probes ask.
/// </summary>
public sealed partial class ComposeEnvironmentStartupTests : IAsyncLifetime
{
    private const string Password = "compose-test-password";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "compose-env-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplicationFactory<Program>? _factory;

    public Task InitializeAsync()
    {
        TestHome.EnsureIsolated();
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    /// <summary>The web service's environment from compose.yaml with ${VAR:?…} filled from a test .env.</summary>
    private static Dictionary<string, string> ComposeWebEnvironment()
    {
        var dotEnv = new Dictionary<string, string> { ["ELASTIC_PASSWORD"] = Password, ["POSTGRES_PASSWORD"] = Password, ["OPENID_CERTIFICATE_PASSWORD"] = Password };
        return InfraFiles.Environment(InfraFiles.Compose().Map("services").Map("web"))
            .ToDictionary(kv => kv.Key, kv => Interpolation().Replace(kv.Value, m => dotEnv[m.Groups[1].Value]));
    }

    private string Certificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=patent-marketplace {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    [Fact]
    public async Task WebApp_with_the_compose_environment_answers_readyz_with_database_and_search_healthy()
    {
        var environment = ComposeWebEnvironment();
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("PostgreSql", environment["Database__Provider"]);
        Assert.Equal("Elasticsearch", environment["Search__Engine"]);

        // What this machine cannot provide, and only that.
        var overrides = new Dictionary<string, string>
        {
            ["Search__Engine"] = "Lucene",
            ["Search__IndexPath"] = Path.Combine(_folder, "index"),
            ["Search__QuarantinePath"] = Path.Combine(_folder, "quarantine"),
            ["Database__ConnectionString"] = PostgresCluster.Shared.NewDatabase("compose"),
            ["Mail__PickupFolder"] = Path.Combine(_folder, "mail"),
            ["OpenId__SigningCertificatePath"] = Certificate("signing"),
            ["OpenId__EncryptionCertificatePath"] = Certificate("encryption"),
        };
        foreach (var key in overrides.Keys.Where(k => k != "Search__IndexPath"))
            Assert.True(environment.ContainsKey(key), $"compose.yaml no longer sets {key}; update this test");

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment["ASPNETCORE_ENVIRONMENT"]);
            // compose's ASPNETCORE_URLS (http://+:8080) becomes a free loopback port here.
            b.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in environment.Concat(overrides).GroupBy(kv => kv.Key).Select(g => g.Last()))
            {
                // Host variables (ASPNETCORE_URLS, PATENT_DATA_DIR) are replaced by the loopback port and the paths above.
                if (key.Contains("__", StringComparison.Ordinal)) b.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // Ready once the migrations ran and the (empty) first-start load finished.
        await _factory.Services.GetRequiredService<SampleLoadStatus>().Finished.WaitAsync(TimeSpan.FromSeconds(60));
        await _factory.Services.GetRequiredService<LabelStatus>().Finished.WaitAsync(TimeSpan.FromSeconds(60));
        var ready = await client.GetAsync("/readyz");
        using (ready)
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            using var json = JsonDocument.Parse(body);
            var checks = json.RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Contains("PostgreSQL", checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("Healthy", checks.GetProperty("search").GetProperty("status").GetString());
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"\$\{([A-Z_]+)(?::\?[^}]*)?\}")]
    private static partial Regex Interpolation();
}
