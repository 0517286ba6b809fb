namespace Marketplace.Web.Licensing;

/// <summary>Once a day, reminds licensees whose royalty reports are overdue (in-app and by e-mail to their owners and admins).</summary>
public sealed partial class RoyaltyReminders(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RoyaltyReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    LogSent(logger, await scope.ServiceProvider.GetRequiredService<LicenseService>().RemindOverdueRoyaltiesAsync(stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Royalty reminders sent: {Count}")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "Royalty reminders failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
