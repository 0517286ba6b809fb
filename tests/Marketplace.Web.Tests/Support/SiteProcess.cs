using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// The real site as its own process (<c>dotnet Marketplace.Web.dll</c> from the build output), configured only through
/// environment variables as a deployment is: a data folder of its own (<c>PATENT_DATA_DIR</c>), a fixed free loopback port
/// (kept across restarts), SQLite in the data folder unless <c>Database__…</c> says otherwise, the demo accounts, no
/// first-start samples or demo slice unless asked. It can be killed with SIGKILL (no shutdown code runs, as in a power
/// cut or an OOM kill) and started again on the same data. Every wait polls a condition; none sleeps a fixed time.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private readonly bool _ownsDataFolder;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public SiteProcess(IReadOnlyDictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        var home = TestHome.EnsureIsolated();
        _ownsDataFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "marketplace-faults-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataFolder);
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["PATENT_DATA_DIR"] = DataFolder,
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["DOTNET_NOLOGO"] = "1",
            ["Search__SamplesPath"] = "",
            ["Demo__CitySlice"] = "false",
            ["Analytics__LabelOnStart"] = "false",
            ["Analytics__ModelsPath"] = Path.Combine(DataFolder, "models"),
            ["Database__SeedDemoData"] = "true",
            ["Mail__PickupFolder"] = Path.Combine(DataFolder, "mail"),
            ["OpenId__RequireHttps"] = "false",
            ["DailyJobs__Enabled"] = "false",
            ["RateLimits__SignInPerMinute"] = "100000",
            ["RateLimits__TokenPerMinute"] = "100000",
            ["RateLimits__SearchPerMinute"] = "100000",
            // Warnings and errors only: the tests read the output when a start fails.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _environment[key] = value;
    }

    public string DataFolder { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>How long the last start took until /readyz answered 200.</summary>
    public TimeSpan LastStartTime { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the site wrote (standard output and error), for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output.TakeLast(60));

    /// <summary>The build output of Marketplace.Web in the configuration the tests were built in.</summary>
    public static string Program
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var dll = Path.Combine(RepositoryPaths.WebProject, "bin", configuration, "net10.0", "Marketplace.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration} first.");
        }
    }

    /// <summary>Starts the site and waits until /readyz answers 200 (index open, first-start work done, database answering).</summary>
    public async Task StartAsync(TimeSpan? readyWithin = null)
    {
        if (IsRunning) throw new InvalidOperationException("The site is already running.");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            // The project folder is the content root: appsettings.json and wwwroot, as `dotnet run` has them.
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var (key, value) in _environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilAsync(async http =>
        {
            using var ready = await http.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.OK;
        }, readyWithin ?? TimeSpan.FromMinutes(2), "/readyz to answer 200");
        LastStartTime = watch.Elapsed;
    }

    /// <summary>SIGKILL to the site and everything it started; returns once the process is gone.</summary>
    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the site again on the same data folder and port; returns the time until it was ready.</summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan? readyWithin = null)
    {
        Kill();
        await StartAsync(readyWithin);
        return LastStartTime;
    }

    /// <summary>
    /// The site's database opened from the test process, as a second process reading and arranging what the pages
    /// cannot (SQLite allows it; PostgreSQL is a server anyway).
    /// </summary>
    public MarketplaceDbContext OpenDatabase()
    {
        var connection = _environment.GetValueOrDefault("Database__ConnectionString");
        if (string.Equals(_environment.GetValueOrDefault("Database__Provider"), DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
            // No pool: a test that stops the server must not find a dead pooled connection afterwards.
            return new PostgreSqlMarketplaceDbContext(new DbContextOptionsBuilder<PostgreSqlMarketplaceDbContext>().UseNpgsql(connection + ";Pooling=false").Options);
        return new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>()
            .UseSqlite(connection ?? $"Data Source={Path.Combine(DataFolder, "marketplace.db")}").Options);
    }

    /// <summary>The demo enterprise verified (as an operator would), so it may post needs and take licences.</summary>
    public async Task VerifyDemoEnterpriseAsync()
    {
        await using var db = OpenDatabase();
        var enterprise = await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.EnterpriseCode.Value);
        if (enterprise.Verification != VerificationStatus.Pending) return;
        enterprise.Verify(Guid.NewGuid(), DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    public HttpClient CreateHttpClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public SiteClient CreateClient() => new(BaseAddress);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; connection failures count as "not yet". Fails with the site's
    /// last output when the process dies or <paramref name="within"/> passes.
    /// </summary>
    public async Task WaitUntilAsync(Func<HttpClient, Task<bool>> condition, TimeSpan within, string what)
    {
        using var http = CreateHttpClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process is { HasExited: true } dead)
                throw new InvalidOperationException($"The site exited ({dead.ExitCode}) while waiting for {what}:\n{OutputTail}");
            try
            {
                if (await condition(http)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // Not listening yet, or busy: ask again.
            }
            if (watch.Elapsed > within)
                throw new TimeoutException($"Waited {within.TotalSeconds:F0} s for {what}. Site output:\n{OutputTail}");
            await Task.Delay(50);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 400) _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        if (_ownsDataFolder)
        {
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}
