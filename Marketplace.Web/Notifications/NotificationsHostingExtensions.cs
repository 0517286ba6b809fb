using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
        // PostConfigure: Razor Pages' own setup replaces the convention collection, so conventions added in an earlier Configure are lost.
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Notifications"));
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
