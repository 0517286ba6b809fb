using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Data;

public static class DataHostingExtensions
{
    /// <summary>
    /// The marketplace database: <see cref="DatabaseOptions"/> validated at start-up, both provider
    /// contexts registered lazily, and <see cref="MarketplaceDbContext"/> resolving to the configured one.
    /// </summary>
    public static IHostApplicationBuilder AddMarketplaceData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsPostgreSql || string.Equals(o.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase),
                "Database:Provider must be 'Sqlite' or 'PostgreSql'.")
            .Validate(o => !o.IsPostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is PostgreSql.")
            .ValidateOnStart();

        builder.Services.AddDbContext<SqliteMarketplaceDbContext>((sp, o) =>
            o.UseSqlite(SqliteConnectionString(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value)));
        builder.Services.AddDbContext<PostgreSqlMarketplaceDbContext>((sp, o) =>
            o.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.EffectiveConnectionString));
        builder.Services.AddScoped<MarketplaceDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgreSql
                ? sp.GetRequiredService<PostgreSqlMarketplaceDbContext>()
                : sp.GetRequiredService<SqliteMarketplaceDbContext>());
        // Registered before Data Protection and everything else that reads the database while starting:
        // hosted services start in registration order.
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>SQLite does not create the folder of its file: the data folder may not exist on a fresh machine.</summary>
    private static string SqliteConnectionString(DatabaseOptions options)
    {
        var connection = new SqliteConnectionStringBuilder(options.EffectiveConnectionString);
        if (!string.IsNullOrEmpty(connection.DataSource) && connection.DataSource != ":memory:" && !connection.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(connection.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return connection.ToString();
    }
}
