using System.Diagnostics;
using Analytics;
using Search.Indexer.Engine;

namespace Marketplace.Web.Samples;

/// <summary>
/// Once the first-start sample load has finished, brings the index's labels up to date in the background with
/// the code <c>Analytics train</c> and <c>Analytics label</c> run: trains the chain model on the index when none
/// fits (saved under <c>Analytics:ModelsPath</c>, in the data folder), then labels every record: chains with
/// reasons and confidences, sub-topics, technology fields, high-value criteria, value index, sleeping flag.
/// A start whose index is already labelled with the current models, taxonomy and settings does nothing.
/// The site serves meanwhile; /readyz is not ready until this has finished, and shows a failure as degraded.
/// </summary>
public sealed partial class StartupLabelling(
    IPatentIndex index,
    PatentAnalytics analytics,
    SampleLoadStatus samples,
    LabelStatus status,
    ILogger<StartupLabelling> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!analytics.Options.LabelOnStart)
        {
            status.Finish(LabelState.Off, "labelling at start is off (Analytics:LabelOnStart)");
            LogOff(logger);
            return;
        }
        try
        {
            await samples.Finished.WaitAsync(stoppingToken);
            var check = await analytics.CheckLabelsAsync(index, stoppingToken);
            if (!check.NeedsLabelling)
            {
                LogUpToDate(logger, check.Reason);
                status.Finish(LabelState.Completed, check.Reason);
                return;
            }

            LogStarting(logger, check.Records, check.Reason, analytics.Options.ModelsPath);
            status.Running($"labelling {check.Records} records: {check.Reason}");
            var watch = Stopwatch.StartNew();
            var last = "";
            var progress = new Progress<AnalyticsProgress>(p =>
            {
                var line = p.Total is { } total ? $"{p.Phase} {p.Done} of {total}" : p.Phase;
                if (line == last) return;
                last = line;
                LogProgress(logger, line, watch.Elapsed.TotalSeconds);
                status.Running(line);
            });
            // Training and labelling are CPU-bound and partly synchronous: off the host's start-up path.
            var run = await Task.Run(() => analytics.EnsureLabelledAsync(index, progress, stoppingToken), stoppingToken);
            if (run.Trained is { } m) LogTrained(logger, m.TrainingRecords, m.SeedLabelled, m.TaxonomyVersion, analytics.Options.ModelsPath);
            var s = run.Labelled;
            var done = s is null
                ? "nothing to label"
                : $"{s.Records} records labelled in {watch.Elapsed.TotalSeconds:0.0} s: {s.WithChain} with a chain, {s.HighValue} high-value, {s.WithValueIndex} with a value index";
            if (s is not null) LogFinished(logger, s.Records, watch.Elapsed.TotalSeconds, s.WithChain, s.ByRules, s.ByModel, s.HighValue, s.HighValueUnknown, s.WithValueIndex);
            status.Finish(LabelState.Completed, done);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.Finish(LabelState.Failed, "stopped before labelling finished");
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            status.Finish(LabelState.Failed, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Labelling at start is off (Analytics:LabelOnStart)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Labels are up to date: {Reason}")]
    private static partial void LogUpToDate(ILogger logger, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Labelling started for {Records} records ({Reason}); models in {ModelsPath}")]
    private static partial void LogStarting(ILogger logger, long records, string reason, string modelsPath);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Labelling progress: {Step} after {Seconds:0.0} s")]
    private static partial void LogProgress(ILogger logger, string step, double seconds);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "Chain model trained on {TrainingRecords} of {SeedLabelled} rule-labelled records (taxonomy {TaxonomyVersion}), saved in {ModelsPath}")]
    private static partial void LogTrained(ILogger logger, int trainingRecords, int seedLabelled, string taxonomyVersion, string modelsPath);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "Labelling finished: {Records} records in {Seconds:0.0} s, {WithChain} with a chain ({ByRules} by rules, {ByModel} by the classifier), {HighValue} high-value ({HighValueUnknown} unknown), {WithValueIndex} with a value index")]
    private static partial void LogFinished(ILogger logger, long records, double seconds, long withChain, long byRules, long byModel, long highValue, long highValueUnknown, long withValueIndex);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Error, Message = "Labelling failed; the site serves without up-to-date labels")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
