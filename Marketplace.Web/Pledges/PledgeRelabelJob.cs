using Analytics;
using Marketplace.Web.Jobs;
using Marketplace.Web.Samples;
using Quartz;
using Search.Indexer.Engine;

namespace Marketplace.Web.Pledges;

/// <summary>
/// Labels again, with every Analytics label, the patents a change of the pledge register touched: high-value criterion 4
/// and the sleeping rule "no pledge" read the register, so a pledge registered or imported shows in the high-value and
/// sleeping labels (and their facets and counts) now rather than after the next relabelling of the whole index. A
/// persisted job, so the request survives a restart; it waits for the start-up labelling, which reads the register
/// itself, and does nothing while no chain model exists (the index then has no Analytics labels to keep in step).
/// </summary>
public sealed partial class PledgeRelabelJob(IPatentIndex index, PatentAnalytics analytics, LabelStatus labelling, ILogger<PledgeRelabelJob> logger) : IJob
{
    private const string PatentsKey = "patents";

    public const string Group = "labels";

    /// <summary>Queues the relabelling of <paramref name="patentIds"/>; each change of the register is one request.</summary>
    public static async Task QueueAsync(JobRequests jobs, IEnumerable<string> patentIds, CancellationToken cancellationToken = default)
    {
        var ids = patentIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return;
        await jobs.EnqueueAsync<PledgeRelabelJob>(Group, "pledge-" + Guid.CreateVersion7().ToString("N"), "Relabelling after a pledge change",
            new Dictionary<string, string> { [PatentsKey] = string.Join('\n', ids) }, cancellationToken);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ct = context.CancellationToken;
        var ids = (context.MergedJobDataMap.GetString(PatentsKey) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await labelling.Finished.WaitAsync(ct);
        if (ids.Length == 0 || analytics.TrainedManifest() is null) return;
        var epoch = index.WriteEpoch;
        using var labeller = await analytics.OpenArrivingLabellerAsync(index, null, ct);
        var labelled = await labeller.LabelAsync(ids, ct);
        if (labelled > 0) await index.CommitSinceAsync(epoch, ct);
        LogRelabelled(logger, labelled);
    }

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "{Count} patents labelled again after a change of the pledge register")]
    private static partial void LogRelabelled(ILogger logger, int count);
}
