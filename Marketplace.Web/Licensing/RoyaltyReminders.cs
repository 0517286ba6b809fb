using Marketplace.Web.Hosting;

namespace Marketplace.Web.Licensing;

/// <summary>Part of the daily run: reminds licensees whose royalty reports are overdue (in-app, and by e-mail as each member prefers).</summary>
public sealed partial class RoyaltyReminders(LicenseService licenses, ILogger<RoyaltyReminders> logger) : IDailyJob
{
    public async Task RunAsync(CancellationToken cancellationToken = default) =>
        LogSent(logger, await licenses.RemindOverdueRoyaltiesAsync(cancellationToken));

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Royalty reminders sent: {Count}")]
    private static partial void LogSent(ILogger logger, int count);
}
