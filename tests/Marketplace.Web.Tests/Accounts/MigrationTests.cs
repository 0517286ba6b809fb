using Marketplace.Web.Data;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>Each provider has its own migrations, up to date with the model and applied at start-up.</summary>
public abstract class MigrationTests(AccountsSite site)
{
    [Fact]
    public async Task The_migrations_of_the_provider_match_the_model_and_are_all_applied()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both contexts.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        var expectedNamespace = site.Provider == DatabaseProviders.PostgreSql ? "Marketplace.Web.Data.Migrations.PostgreSql" : "Marketplace.Web.Data.Migrations.Sqlite";
        var migrations = ((IInfrastructure<IServiceProvider>)db).Instance.GetRequiredService<IMigrationsAssembly>().Migrations.Values;
        Assert.All(migrations, m => Assert.Equal(expectedNamespace, m.Namespace));
        Assert.Equal(site.Provider == DatabaseProviders.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class MigrationTests_on_SQLite(SqliteSite site) : MigrationTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class MigrationTests_on_PostgreSQL(PostgreSqlSite site) : MigrationTests(site);
