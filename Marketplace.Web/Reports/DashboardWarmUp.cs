using Marketplace.Web.Samples;

namespace Marketplace.Web.Reports;

/// <summary>
/// Computes the city dashboard once the start-up labelling has finished, so the first visitor sees figures rather than
/// "being computed". Only after labels were computed at this start: with labelling off nothing is computed before it is asked for.
/// </summary>
internal sealed partial class DashboardWarmUp(LabelStatus labels, CityDashboard dashboard, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await labels.Finished.WaitAsync(stoppingToken) != LabelState.Completed) return;
            await dashboard.WaitAsync(stoppingToken);
            LogWarm(logger);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The page computes on demand anyway; a failed warm-up costs the first visitor a wait, nothing more.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "City dashboard computed after the start-up labelling")]
    private static partial void LogWarm(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "City dashboard warm-up failed; it is computed on the first visit instead")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
