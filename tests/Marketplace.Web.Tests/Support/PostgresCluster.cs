using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, from the machine's server binaries
/// (/usr/lib/postgresql/&lt;version&gt;/bin, newest version), on a free loopback port with durability off.
/// initdb refuses root, so as root the cluster runs as the postgres user in a folder it owns. Stopped
/// (-m fast) and deleted when the test process exits. Fails loudly when the binaries are missing:
/// test.sh installs them; a skipped PostgreSQL test would hide a broken provider.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private static readonly Lazy<PostgresCluster> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly string _folder;

    private readonly string _settings;
    private readonly bool _asRoot;
    private int _stopped;

    private PostgresCluster(string bin, string folder, int port, string settings, bool asRoot)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
        _settings = settings;
        _asRoot = asRoot;
    }

    public static PostgresCluster Shared => Instance.Value;

    /// <summary>
    /// A cluster of the caller's own, for a test that stops and starts it (the shared one serves other tests meanwhile).
    /// The caller disposes it: left to the end of the test process, it outlived a test host that was ended without its
    /// exit handlers.
    /// </summary>
    public static PostgresCluster StartOwn() => Start();

    /// <summary>Stops the cluster and deletes its folder (an own cluster; the shared one stops when the process ends).</summary>
    public void Dispose() => Stop(_asRoot);

    /// <summary>Stops the server as an operator would for maintenance (-m fast: open sessions are ended); the data stays.</summary>
    public void StopServer() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop"], _asRoot);

    /// <summary>Starts the server again on the same port and data.</summary>
    public void StartServer() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-o", _settings, "-l", Path.Combine(_folder, "server.log"), "-w", "start"], _asRoot);

    public int Port { get; }

    /// <summary>A connection string to a new, empty database (EF Core creates it when migrating).</summary>
    public string NewDatabase(string prefix) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={prefix}_{Guid.NewGuid():N}";

    private static PostgresCluster Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL tests need the server binaries (/usr/lib/postgresql/*/bin/initdb). Install them (as root) with: apt-get install -y postgresql");

        var asRoot = Environment.UserName == "root";
        RemoveLeftovers(bin, asRoot);
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        if (asRoot) Run("chown", ["postgres:postgres", folder], asPostgres: false);
        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);

        var port = FreePort();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", Path.Combine(folder, "server.log"), "-w", "start"], asRoot);
        var cluster = new PostgresCluster(bin, folder, port, settings, asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot);
        return cluster;
    }

    private const string FolderPrefix = "marketplace-pg-";

    /// <summary>
    /// The test host may be ended right after the cluster stopped, before its folder is deleted: clusters
    /// of test processes that no longer run are stopped (if still up) and deleted at the next start.
    /// </summary>
    private static void RemoveLeftovers(string bin, bool asRoot)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var pid = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pid, out var id) || Directory.Exists($"/proc/{id}")) continue;
            try
            {
                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                    Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], asRoot);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not remove the leftover test cluster {folder}: {ex.Message}");
            }
        }
    }

    private void Stop(bool asRoot)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop"], asRoot);
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Stopping the test PostgreSQL cluster in {_folder} failed: {ex.Message}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program]) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
