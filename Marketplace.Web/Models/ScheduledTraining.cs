using Analytics;
using Marketplace.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Models;

/// <summary>
/// Asks for a training once the newest model version is <see cref="ModelsOptions.TrainEveryDays"/> old (a daily job):
/// the request is the same file the operator's button writes, so the next pass of the models job trains on the index as it is then.
/// </summary>
public sealed class ScheduledTraining(PatentAnalytics analytics, IOptions<ModelsOptions> options, TimeProvider clock) : IDailyJob
{
    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.TrainEveryDays;
        if (days == 0 || analytics.Store.ActiveVersion() is null) return Task.CompletedTask;
        var newest = analytics.Store.List().Select(v => v.Manifest.TrainedAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var now = clock.GetUtcNow();
        if (now - newest < TimeSpan.FromDays(days)) return Task.CompletedTask;
        analytics.Store.RequestTraining("schedule", $"the newest version is more than {days} days old", now);
        return Task.CompletedTask;
    }
}
