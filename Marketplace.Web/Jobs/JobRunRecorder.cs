using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// Records every execution of every job as a <see cref="JobRun"/>: a row when it starts, its end state and error when it ends.
/// A job may set <see cref="IJobExecutionContext.Result"/> to a <see cref="JobRunState"/> to say it ended otherwise than
/// succeeded without failing (a load cancelled at a commit), or to <see cref="NothingToDo.Result"/> to say it found nothing
/// to do: that run's row is removed when it ends, so a frequent check does not flood the recent runs (ADR-027). A job
/// stopped by the host shutting down is Interrupted: its request stays in the database and runs again.
/// </summary>
public sealed partial class JobRunRecorder(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<JobRunRecorder> logger) : IJobListener
{
    public string Name => "job-runs";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var run = new JobRun(context.FireInstanceId, context.JobDetail.Key.Name, context.JobDetail.Key.Group, context.Trigger.Key.Name,
            context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc?.UtcDateTime, Now());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The record is for operators; the job itself must still run when it cannot be written.
            LogNotRecorded(logger, e, run.Group, run.Job);
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var (state, error) = Outcome(context, jobException);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            if (jobException is null && context.Result is NothingToDo)
            {
                await db.JobRuns.Where(r => r.FireInstanceId == context.FireInstanceId && r.State == JobRunState.Running).ExecuteDeleteAsync(CancellationToken.None);
                return;
            }
            var run = await db.JobRuns.FirstOrDefaultAsync(r => r.FireInstanceId == context.FireInstanceId && r.State == JobRunState.Running, CancellationToken.None);
            if (run is null) return;
            run.Finish(state, error, Now());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogNotRecorded(logger, e, context.JobDetail.Key.Group, context.JobDetail.Key.Name);
        }
    }

    private (JobRunState State, string? Error) Outcome(IJobExecutionContext context, JobExecutionException? jobException)
    {
        // The scheduler classifies a firing whose token was signalled and that stopped as cancelled, with no exception.
        if (context.Outcome == ExecutionOutcome.Cancelled || jobException?.InnerException is OperationCanceledException)
            return (lifetime.ApplicationStopping.IsCancellationRequested ? JobRunState.Interrupted : JobRunState.Cancelled, null);
        if (jobException is null) return (context.Result as JobRunState? ?? JobRunState.Succeeded, null);
        var cause = jobException.InnerException ?? jobException;
        return (JobRunState.Failed, cause.Message);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "The run of job {Group}.{Job} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string group, string job);
}

/// <summary>
/// The <see cref="IJobExecutionContext.Result"/> of a run that found nothing to do (a periodic check with no work): it
/// leaves no <see cref="JobRun"/>, so the runs operators read are the ones that did something.
/// </summary>
public sealed class NothingToDo
{
    public static readonly NothingToDo Result = new();

    private NothingToDo()
    {
    }
}
