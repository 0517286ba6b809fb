using System.Diagnostics;
using Marketplace.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Search.Indexer;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;

namespace Marketplace.Web.Operations;

/// <summary>
/// A folder of uploaded documents kept in the data folder (evaluation reports, deal contracts, contest entries):
/// backed up under <c>documents/<see cref="RelativePath"/></c> and restored to <c>&lt;data folder&gt;/<see cref="RelativePath"/></c>,
/// where the product looks for it by default.
/// </summary>
public sealed record DocumentFolder(string RelativePath, string Path);

/// <summary>
/// One backup of everything the marketplace cannot rebuild, taken while the site serves and loads: the index (the last
/// Lucene commit, held by the writer's snapshot policy while it is copied), the database (SQLite's online backup, or
/// pg_dump) and the uploaded documents, into a new folder under <see cref="OperationsOptions.BackupPath"/> with a
/// manifest and SHA-256 checksums. The folder appears under its final name only once complete. See ADR-016.
/// </summary>
public sealed partial class BackupService(
    IPatentIndex index,
    IOptions<SearchOptions> search,
    IOptions<DatabaseOptions> database,
    IOptions<OperationsOptions> options,
    IEnumerable<DocumentFolder> documents,
    TimeProvider clock,
    ILogger<BackupService> logger)
{
    public const string IndexFolder = "index";
    public const string DatabaseFolder = "database";
    public const string DocumentsFolder = "documents";
    public const string SqliteFile = "marketplace.db";
    public const string PostgresFile = "marketplace.dump";

    public async Task<BackupManifest> BackUpAsync(CancellationToken cancellationToken = default)
    {
        using var activity = MarketplaceMetrics.Source.StartActivity("backup");
        var watch = Stopwatch.StartNew();
        var created = clock.GetUtcNow();
        var root = Path.GetFullPath(options.Value.BackupPath);
        Directory.CreateDirectory(root);
        var name = "backup-" + created.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "Z";
        var final = Path.Combine(root, name);
        for (var n = 2; Directory.Exists(final); n++) final = Path.Combine(root, $"{name}-{n}");
        var work = Path.Combine(root, ".partial-" + Path.GetFileName(final));
        Directory.CreateDirectory(work);
        try
        {
            var (generation, records, note) = CopyIndex(Path.Combine(work, IndexFolder));
            var databaseFile = await CopyDatabaseAsync(Path.Combine(work, DatabaseFolder), cancellationToken);
            foreach (var folder in documents)
                CopyTree(folder.Path, Path.Combine(work, DocumentsFolder, folder.RelativePath));

            var files = new List<BackupFile>();
            foreach (var path in Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                files.Add(await BackupManifest.DescribeAsync(work, Path.GetRelativePath(work, path), cancellationToken));
            var manifest = new BackupManifest
            {
                CreatedUtc = created,
                Folder = final,
                DatabaseProvider = database.Value.IsPostgreSql ? DatabaseProviders.PostgreSql : DatabaseProviders.Sqlite,
                DatabaseFile = databaseFile,
                IndexGeneration = generation,
                IndexRecords = records,
                IndexNote = note,
                Files = files,
                Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
            };
            await manifest.WriteAsync(work, cancellationToken);
            Directory.Move(work, final);
            activity?.SetTag("backup.files", files.Count);
            activity?.SetTag("backup.bytes", manifest.Bytes);
            LogBackedUp(logger, final, files.Count, manifest.Bytes, records, watch.Elapsed.TotalSeconds);
            return manifest;
        }
        catch
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private (long? Generation, long? Records, string? Note) CopyIndex(string target)
    {
        if (index is not LuceneIndex lucene)
            return (null, null, "The Elasticsearch index is not in this backup: snapshot the cluster (infra/README.md, Backup and restore).");
        // The load manifest first: a file it lists was committed before it was listed, so the commit copied next holds it.
        var loadManifest = DataFolders.ManifestPathFor(search.Value.IndexPath);
        var manifestCopy = Path.Combine(target, Path.GetFileName(loadManifest));
        Directory.CreateDirectory(target);
        if (File.Exists(loadManifest)) File.Copy(loadManifest, manifestCopy);
        var (generation, _) = lucene.CopyLastCommitTo(target);
        using var directory = global::Lucene.Net.Store.FSDirectory.Open(target);
        using var copy = global::Lucene.Net.Index.DirectoryReader.Open(directory);
        return (generation, copy.NumDocs, null);
    }

    private async Task<string> CopyDatabaseAsync(string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        if (database.Value.IsPostgreSql)
        {
            var dump = Path.Combine(target, PostgresFile);
            await PostgresTools.RunAsync(options.Value.PgDump, ["--format=custom", "--file", dump],
                database.Value.EffectiveConnectionString, cancellationToken);
            return $"{DatabaseFolder}/{PostgresFile}";
        }
        // SQLite's online backup copies a consistent image page by page while other connections keep writing.
        var file = Path.Combine(target, SqliteFile);
        await using (var source = new SqliteConnection(database.Value.EffectiveConnectionString))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
        }
        return $"{DatabaseFolder}/{SqliteFile}";
    }

    /// <summary>Every file under <paramref name="source"/> (none when it does not exist yet: nothing was uploaded).</summary>
    internal static void CopyTree(string source, string target)
    {
        if (!Directory.Exists(source)) return;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {Folder}: {Files} files, {Bytes} bytes, {Records} index records, in {Seconds:F1} s")]
    private static partial void LogBackedUp(ILogger logger, string folder, int files, long bytes, long? records, double seconds);
}

/// <summary>pg_dump and pg_restore, run with the connection's settings in the PG* environment (never on the command line).</summary>
public static class PostgresTools
{
    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(program)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        if (!string.IsNullOrEmpty(connection.Password)) start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}".Trim());
    }

    /// <summary>A path as given; a bare name from PATH, else from the newest /usr/lib/postgresql/&lt;version&gt;/bin (Debian's layout).</summary>
    public static string Find(string program)
    {
        if (Path.IsPathRooted(program)) return program;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, program))) return Path.Combine(dir, program);
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var found = Directory.EnumerateDirectories(debian)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", program)))
                .Where(c => File.Exists(c.Path)).OrderByDescending(c => c.Version).FirstOrDefault();
            if (found.Path is not null) return found.Path;
        }
        throw new FileNotFoundException($"{program} was not found on PATH or under {debian}; install the PostgreSQL client tools or set Operations:PgDump / Operations:PgRestore to its path.");
    }
}
