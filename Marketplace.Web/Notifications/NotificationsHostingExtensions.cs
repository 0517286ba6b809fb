using Marketplace.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Notifications;

public static class NotificationsHostingExtensions
{
    /// <summary>The one notifier (<see cref="INotifier"/>) every feature tells people through, and its daily digest.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationService>();
        builder.Services.AddScoped<INotifier>(sp => sp.GetRequiredService<NotificationService>());
        builder.Services.AddSingleton<SiteLinks>();
        builder.Services.AddScoped<IDailyJob, NotificationDigestJob>();
        return builder;
    }
}

/// <summary>The e-mail digest, after the other daily jobs so that their notifications are in it.</summary>
internal sealed partial class NotificationDigestJob(NotificationService notifications, ILogger<NotificationDigestJob> logger) : IDailyJob
{
    public DailyJobStage Stage => DailyJobStage.Deliver;

    public async Task RunAsync(CancellationToken cancellationToken = default) => LogDigest(logger, await notifications.SendDigestsAsync(cancellationToken));

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Daily digest: {Count} e-mails sent")]
    private static partial void LogDigest(ILogger logger, int count);
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
