using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Web.Data;

/// <summary>
/// For <c>dotnet ef migrations add X --context SqliteMarketplaceDbContext --output-dir Data/Migrations/Sqlite</c>
/// (and the PostgreSql twin): no database is contacted to generate a migration.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarketplaceDbContext>
{
    public SqliteMarketplaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlMarketplaceDbContext>
{
    public PostgreSqlMarketplaceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMarketplaceDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
