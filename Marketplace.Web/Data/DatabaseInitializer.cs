using Marketplace.Web.Accounts;
using Marketplace.Web.Demo;
using Marketplace.Web.OpenId;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Data;

/// <summary>
/// Before the site serves: applies pending migrations (when configured), makes sure the platform roles
/// and the first-party mobile client exist, and seeds the demo data (embedded default, first start).
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    IOptions<OpenIdOptions> openId,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(logger, pending.Count, options.Value.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in PlatformRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));

        await scope.ServiceProvider.GetRequiredService<ApiClientService>().EnsureMobileClientAsync(openId.Value.MobileRedirectUris, cancellationToken);

        if (options.Value.ShouldSeedDemoData && !await db.Users.AnyAsync(cancellationToken))
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applying {Count} migrations to the {Provider} marketplace database")]
    private static partial void LogMigrating(ILogger logger, int count, string provider);
}
