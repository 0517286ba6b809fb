using Search.Indexer;

namespace Marketplace.Web.Operations;

/// <summary>What operators and their tools reach: the metrics scrape and backups (the "Operations" section).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// A secret that Prometheus (<c>authorization: credentials</c>) and the backup command send as
    /// <c>Authorization: Bearer …</c> to reach <c>/metrics</c> and <c>/ops/backup</c> without a person's two-factor
    /// sign-in. Unset: only signed-in operators and administrators reach them. At least 32 characters (ADR-016).
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Where backups are written, one folder each; default <c>$PATENT_DATA_DIR/backups</c>. Put it on another disk.</summary>
    public string BackupPath { get; set; } = Path.Combine(DataFolders.Root, "backups");

    /// <summary>The <c>pg_dump</c> program for PostgreSQL backups: a path, or a name looked up on PATH and in /usr/lib/postgresql.</summary>
    public string PgDump { get; set; } = "pg_dump";

    /// <summary>The <c>pg_restore</c> program, found the same way.</summary>
    public string PgRestore { get; set; } = "pg_restore";
}
