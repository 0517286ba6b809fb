using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Notifications;

public static class NotificationsHostingExtensions
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationService>();
        builder.Services.AddScoped<INotifier>(sp => sp.GetRequiredService<NotificationService>());
        builder.Services.AddOptions<DailyJobOptions>().BindConfiguration("DailyJobs").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<DailyNotificationJob>();
        return builder;
    }
}

/// <summary>When the daily jobs run (UTC hour) and whether they run at all (tests switch them off and call them directly).</summary>
public sealed class DailyJobOptions
{
    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(0, 23)]
    public int HourUtc { get; set; } = 1;
}

/// <summary>
/// Once a day: every registered <see cref="IDailyJob"/> (saved-need alerts first, so their notifications
/// make the digest), then the e-mail digest. Each run in its own scope; a failing job is logged and the others still run.
/// </summary>
public sealed partial class DailyNotificationJob(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DailyJobOptions> options,
    ILogger<DailyNotificationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(now.Date.AddHours(options.Value.HourUtc), TimeSpan.Zero);
            if (next <= now) next = next.AddDays(1);
            await Task.Delay(next - now, clock, stoppingToken);
            await RunOnceAsync(scopes, logger, stoppingToken);
        }
    }

    /// <summary>What one daily run does; tests call it directly.</summary>
    public static async Task RunOnceAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var job in scope.ServiceProvider.GetServices<IDailyJob>())
            {
                try { await job.RunAsync(cancellationToken); }
                catch (Exception e) when (e is not OperationCanceledException) { LogFailed(logger, job.GetType().Name, e); }
            }
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<NotificationService>().SendDigestsAsync(cancellationToken);
            LogDigest(logger, sent);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Daily job {Job} failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Daily digest: {Count} e-mails sent")]
    private static partial void LogDigest(ILogger logger, int count);
}

/// <summary>Work a feature wants done once a day before the digest (e.g. re-matching saved needs); registered as scoped.</summary>
public interface IDailyJob
{
    Task RunAsync(CancellationToken cancellationToken = default);
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.MessageKey).HasMaxLength(Notification.MaxKey).IsRequired();
        b.Property(n => n.Arguments).HasMaxLength(4000).IsRequired();
        b.Property(n => n.Link).HasMaxLength(Notification.MaxLink).IsRequired();
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => n.EmailedAt);
        b.HasOne<Accounts.MarketplaceUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.HasKey(p => p.UserId);
        b.HasOne<Accounts.MarketplaceUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
