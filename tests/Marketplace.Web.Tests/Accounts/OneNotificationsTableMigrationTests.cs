using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>The OneNotificationsTable migration carries the old licensing notices into the one notifications table.</summary>
public sealed class OneNotificationsTableMigrationTests
{
    private const string Migration = "OneNotificationsTable";

    private static MarketplaceDbContext Context(string provider, string folder) => provider == DatabaseProviders.PostgreSql
        ? new PostgreSqlMarketplaceDbContext(new DbContextOptionsBuilder<PostgreSqlMarketplaceDbContext>().UseNpgsql(PostgresCluster.Shared.NewDatabase("notices")).Options)
        : new SqliteMarketplaceDbContext(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "notices.db")}").Options);

    [Theory]
    [InlineData(DatabaseProviders.PostgreSql)]
    [InlineData(DatabaseProviders.Sqlite)]
    public async Task Old_licensing_notices_reach_every_member_of_the_organisation_with_their_read_state_and_the_old_table_is_gone(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("notices-migration-").FullName;
        try
        {
            await using var db = Context(provider, folder);
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_" + Migration, StringComparison.Ordinal)) - 1];
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(before);

            // An organisation with an owner and a member, as the site had them before the migration.
            var now = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
            var owner = new MarketplaceUser($"owner-{Guid.NewGuid():N}@example.com", "Owner", now) { EmailConfirmed = true };
            var member = new MarketplaceUser($"member-{Guid.NewGuid():N}@example.com", "Member", now) { EmailConfirmed = true };
            db.Users.AddRange(owner, member);
            await db.SaveChangesAsync();
            // In SQL, not through the entity: the Organizations table of that time lacks columns the model has gained since.
            var organization = new { Id = Guid.NewGuid() };
            var creditCode = "12350000MB0000001" + UnifiedSocialCreditCode.CheckCharacterFor("12350000MB0000001");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Organizations" ("Id", "Name", "Type", "CreditCode", "CreatedAt", "Verification")
                VALUES ({organization.Id}, {"迁移测试大学"}, {(int)OrganizationType.University}, {creditCode}, {now}, {(int)VerificationStatus.Unverified})
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Memberships" ("OrganizationId", "UserId", "Role", "JoinedAt")
                VALUES ({organization.Id}, {owner.Id}, {(int)OrganizationRole.Owner}, {now}), ({organization.Id}, {member.Id}, {(int)OrganizationRole.Member}, {now})
                """);
            var published = now.AddDays(-3);
            var paid = now.AddDays(-1);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "LicensingNotifications" ("Id", "OrganizationId", "Message", "Link", "CreatedAt", "ReadAt")
                VALUES ({Guid.NewGuid()}, {organization.Id}, {"Your open licence declaration was published."}, {"/licensing/declarations/d1"}, {published}, {(DateTime?)now}),
                       ({Guid.NewGuid()}, {organization.Id}, {"A licence of your open licence was paid and took effect: record it within three months."}, {"/licensing/orders/o1"}, {paid}, {(DateTime?)null})
                """);

            await migrator.MigrateAsync();

            var carried = await db.Notifications.AsNoTracking().Where(n => n.OrganizationId == organization.Id).ToListAsync();
            Assert.Equal(4, carried.Count);
            foreach (var person in new[] { owner.Id, member.Id })
            {
                var own = carried.Where(n => n.UserId == person).OrderBy(n => n.CreatedAt).ToList();
                Assert.Equal(2, own.Count);
                Assert.Equal(("Your open licence declaration was published.", "/licensing/declarations/d1", published, (DateTime?)now),
                    (own[0].MessageKey, own[0].Link, own[0].CreatedAt, own[0].ReadAt));
                Assert.Equal(("A licence of your open licence was paid and took effect: record it within three months.", "/licensing/orders/o1", paid, (DateTime?)null),
                    (own[1].MessageKey, own[1].Link, own[1].CreatedAt, own[1].ReadAt));
                Assert.All(own, n => Assert.Empty(n.ArgumentList()));
                // Already e-mailed when they were made: the next digest leaves them out.
                Assert.All(own, n => Assert.NotNull(n.EmailedAt));
            }
            Assert.Equal(4, carried.Select(n => n.Id).Distinct().Count());
            var oldTable = provider == DatabaseProviders.PostgreSql
                ? db.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM information_schema.tables WHERE table_name = 'LicensingNotifications'""")
                : db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = 'LicensingNotifications'""");
            Assert.Equal(0, await oldTable.SingleAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
