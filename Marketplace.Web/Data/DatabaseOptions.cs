using System.ComponentModel.DataAnnotations;
using Search.Indexer;

namespace Marketplace.Web.Data;

/// <summary>The marketplace database, bound from the "Database" section (<c>Database__Provider</c> etc.).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default) or "PostgreSql".</summary>
    [Required]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// ADO.NET connection string. Empty with SQLite means <c>$PATENT_DATA_DIR/marketplace.db</c>;
    /// PostgreSQL needs one (e.g. <c>Host=db;Database=marketplace;Username=app;Password=…</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (the embedded default needs it; a cluster may migrate once, out of band).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo organisations and users. Unset means: only for the embedded SQLite default.</summary>
    public bool? SeedDemoData { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);

    public bool ShouldSeedDemoData => SeedDemoData ?? !IsPostgreSql;

    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : IsPostgreSql ? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is PostgreSql.")
        : $"Data Source={Path.Combine(DataFolders.Root, "marketplace.db")}";
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
}
