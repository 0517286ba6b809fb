using Marketplace.Web.Data;
using Marketplace.Web.Operations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Web.Tests.Operations;

/// <summary>On PostgreSQL the backup holds a pg_dump of the database, which restore puts into an empty database.</summary>
[Collection(PostgreSqlSiteGroup.Name)]
public sealed class PostgreSqlBackupTests(PostgreSqlSite site) : IDisposable
{
    private readonly string _restored = Path.Combine(Path.GetTempPath(), "marketplace-pg-restore-" + Guid.NewGuid().ToString("N")[..12]);
    private string? _backup;

    [Fact]
    public async Task A_postgresql_backup_is_a_pg_dump_that_restores_every_user_and_organisation_into_an_empty_database()
    {
        List<Guid> users, organizations;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            users = await db.Users.Select(u => u.Id).ToListAsync();
            organizations = await db.Organizations.Select(o => o.Id).ToListAsync();
        }
        Assert.NotEmpty(users);
        BackupManifest manifest;
        await using (var scope = site.Scope())
            manifest = await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpAsync();
        _backup = manifest.Folder;
        Assert.Equal(DatabaseProviders.PostgreSql, manifest.DatabaseProvider);
        Assert.Equal("database/marketplace.dump", manifest.DatabaseFile);

        var target = new NpgsqlConnectionStringBuilder(PostgresCluster.Shared.NewDatabase("restored"));
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        using var errors = new StringWriter();
        Assert.Equal(0, await RestoreCommand.RunAsync([manifest.Folder!, "--data", _restored, "--database", target.ConnectionString], TextWriter.Null, errors));
        Assert.Equal("", errors.ToString());

        await using var restored = new PostgreSqlMarketplaceDbContext(new DbContextOptionsBuilder<PostgreSqlMarketplaceDbContext>().UseNpgsql(target.ConnectionString).Options);
        Assert.Equal(users.Order(), (await restored.Users.Select(u => u.Id).ToListAsync()).Order());
        Assert.Equal(organizations.Order(), (await restored.Organizations.Select(o => o.Id).ToListAsync()).Order());
        Assert.True(File.Exists(Path.Combine(_restored, "index", "segments.gen")) || Directory.EnumerateFiles(Path.Combine(_restored, "index"), "segments_*").Any());
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _restored, _backup })
        {
            if (folder is null) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
