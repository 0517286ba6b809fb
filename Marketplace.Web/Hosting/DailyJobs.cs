using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hosting;

/// <summary>Work a feature wants done once a day (e.g. re-matching saved needs, royalty reminders); registered as scoped.</summary>
public interface IDailyJob
{
    /// <summary>
    /// <see cref="DailyJobStage.Deliver"/> jobs run after every <see cref="DailyJobStage.Produce"/> job, so that what the
    /// other jobs notified reaches the same run's e-mail digest.
    /// </summary>
    DailyJobStage Stage => DailyJobStage.Produce;

    Task RunAsync(CancellationToken cancellationToken = default);
}

public enum DailyJobStage
{
    Produce = 0,
    Deliver = 1,
}

/// <summary>When the daily jobs run (UTC hour) and whether they run at all (tests switch them off and call them directly).</summary>
public sealed class DailyJobOptions
{
    public const string Section = "DailyJobs";

    public bool Enabled { get; set; } = true;

    [Range(0, 23)]
    public int HourUtc { get; set; } = 1;
}

/// <summary>
/// The one scheduler of daily work: once a day at <see cref="DailyJobOptions.HourUtc"/>, every registered
/// <see cref="IDailyJob"/>, producing jobs first, each in its own scope; a failing job is logged and the others still run.
/// </summary>
public sealed partial class DailyJobHost(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DailyJobOptions> options, ILogger<DailyJobHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var next = new DateTimeOffset(now.Date.AddHours(options.Value.HourUtc), TimeSpan.Zero);
                if (next <= now) next = next.AddDays(1);
                await Task.Delay(next - now, clock, stoppingToken);
                await RunOnceAsync(scopes, logger, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>What one daily run does; tests call it directly.</summary>
    public static async Task RunOnceAsync(IServiceScopeFactory scopes, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        List<(int Index, DailyJobStage Stage)> order;
        await using (var scope = scopes.CreateAsyncScope())
            order = scope.ServiceProvider.GetServices<IDailyJob>().Select((job, i) => (i, job.Stage)).OrderBy(j => j.Stage).ThenBy(j => j.i).ToList();
        foreach (var (index, _) in order)
        {
            // A scope per job: a job that failed half-way leaves no tracked changes for the next one to save.
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetServices<IDailyJob>().ElementAt(index);
            try
            {
                await job.RunAsync(cancellationToken);
                LogRan(logger, job.GetType().Name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, job.GetType().Name, e);
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Daily job {Job} failed")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Daily job {Job} ran")]
    private static partial void LogRan(ILogger logger, string job);
}

public static class DailyJobsHostingExtensions
{
    /// <summary>The daily-job host; features register their <see cref="IDailyJob"/>s as scoped services.</summary>
    public static IHostApplicationBuilder AddDailyJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DailyJobOptions>().BindConfiguration(DailyJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<DailyJobHost>();
        return builder;
    }
}
