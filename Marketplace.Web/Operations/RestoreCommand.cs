using Marketplace.Web.Data;
using Search.Indexer;

namespace Marketplace.Web.Operations;

/// <summary>
/// <c>Marketplace.Web restore BACKUP --data EMPTY_FOLDER [--database CONNECTION]</c>: checks every file of a backup
/// against its manifest first, then lays it out as a data folder the product opens with <c>PATENT_DATA_DIR</c>
/// (index, marketplace.db, documents where their settings look by default). It refuses a data folder that is not
/// empty and a backup whose checksums disagree. A PostgreSQL backup goes into the empty database named by
/// <c>--database</c> through pg_restore. Runs without the site: the site must not be running on that folder.
/// </summary>
public static class RestoreCommand
{
    public const string Verb = "restore";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out var backup, out var data, out var database, out var usage))
        {
            await error.WriteLineAsync(usage);
            return 2;
        }
        try
        {
            var restored = await RestoreAsync(backup!, data!, database, cancellationToken);
            await output.WriteLineAsync($"Restored {restored.Files.Count} files ({restored.Bytes} bytes) of the backup taken {restored.CreatedUtc:u} into {Path.GetFullPath(data!)}"
                + (restored.IndexRecords is { } records ? $"; the index holds {records} records." : "."));
            await output.WriteLineAsync($"Start the site on it with PATENT_DATA_DIR={Path.GetFullPath(data!)}"
                + (database is null ? "" : " and Database__Provider=PostgreSql Database__ConnectionString=<the restored database>") + ".");
            return 0;
        }
        catch (RestoreRefusedException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>Verifies, then restores; throws <see cref="RestoreRefusedException"/> before writing anything when it cannot.</summary>
    public static async Task<BackupManifest> RestoreAsync(string backup, string data, string? postgresConnection, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(backup, BackupManifest.FileName)))
            throw new RestoreRefusedException($"{Path.GetFullPath(backup)} is not a backup: it has no {BackupManifest.FileName}.");
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
            throw new RestoreRefusedException($"{Path.GetFullPath(data)} is not empty: restore into an empty folder, so nothing of another installation is mixed in.");
        var manifest = BackupManifest.Read(backup);
        var problems = await manifest.VerifyAsync(backup, cancellationToken);
        if (problems.Count > 0)
            throw new RestoreRefusedException($"The backup in {Path.GetFullPath(backup)} does not match its manifest; nothing was restored:\n  " + string.Join("\n  ", problems));
        var postgres = manifest.DatabaseProvider == DatabaseProviders.PostgreSql;
        if (postgres && string.IsNullOrWhiteSpace(postgresConnection))
            throw new RestoreRefusedException("This backup holds a PostgreSQL database: name the empty database to restore it into with --database \"Host=…;Database=…;Username=…\".");

        Directory.CreateDirectory(data);
        foreach (var file in manifest.Files)
        {
            if (ExtractTo(file.Path, data) is not { } target) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(backup, file.Path), target);
        }
        if (postgres)
        {
            await PostgresTools.RunAsync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", new Npgsql.NpgsqlConnectionStringBuilder(postgresConnection).Database!,
                Path.Combine(backup, manifest.DatabaseFile)], postgresConnection!, cancellationToken);
        }
        return manifest;
    }

    /// <summary>Where a backed-up file goes in the data folder; null for the database dump (pg_restore reads it) and the manifest files.</summary>
    private static string? ExtractTo(string path, string data)
    {
        var parts = path.Split('/');
        return parts[0] switch
        {
            BackupService.IndexFolder => Path.Combine([data, "index", .. parts[1..]]),
            BackupService.DatabaseFolder when parts[^1] == BackupService.SqliteFile => Path.Combine(data, BackupService.SqliteFile),
            BackupService.DocumentsFolder => Path.Combine([data, .. parts[1..]]),
            _ => null,
        };
    }

    private static bool TryParse(IReadOnlyList<string> args, out string? backup, out string? data, out string? database, out string usage)
    {
        usage = "Usage: Marketplace.Web restore BACKUP_FOLDER --data EMPTY_DATA_FOLDER [--database POSTGRES_CONNECTION_STRING]";
        backup = data = database = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Count: data = args[++i]; break;
                case "--database" when i + 1 < args.Count: database = args[++i]; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && backup is null: backup = a; break;
                default: return false;
            }
        }
        return backup is not null && data is not null;
    }
}

/// <summary>Why a restore did not start: nothing was written.</summary>
public sealed class RestoreRefusedException(string message) : Exception(message);
