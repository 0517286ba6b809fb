using Marketplace.Web.Demo;
using Microsoft.Extensions.Options;
using Search.Indexer;
using Search.Indexer.Engine;
using Search.Indexer.Loading;

namespace Marketplace.Web.Samples;

/// <summary>
/// On first start (an empty index) loads the real sample patents, in the background so the site
/// serves meanwhile; /readyz reports not ready until it has finished. The Quanzhou demo slice follows the samples
/// (it is recombined from them) before the load counts as finished, so the start-up labelling labels it too; at
/// any start with the slice switched off, its records are removed first.
/// </summary>
public sealed partial class FirstStartSampleLoader(
    IPatentIndex index,
    PatentLoader loader,
    IOptions<SearchOptions> options,
    IHostEnvironment environment,
    SampleLoadStatus status,
    CityDemoSlice citySlice,
    ILogger<FirstStartSampleLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before any I/O: the site serves while this runs.
        await Task.Yield();
        if (SearchEngines.IsElasticsearch(options.Value))
        {
            // A cluster is shared by every replica and filled by the indexer job (infra/README.md):
            // replicas must not each load samples into it, nor stay unready after a start-up blip.
            status.Finish(SampleLoadState.Skipped, "the Elasticsearch index is loaded by the indexer job");
            return;
        }
        try
        {
            await citySlice.RemoveIfOffAsync(stoppingToken);
            var stats = await index.GetStatsAsync(stoppingToken);
            if (stats.Records > 0)
            {
                LogSkipped(logger, stats.Records, stats.Location);
                status.Finish(SampleLoadState.Skipped, $"index holds {stats.Records} records");
                return;
            }

            var folder = SampleFiles.FindFolder(options.Value, environment.ContentRootPath);
            var files = folder is not null && Directory.Exists(folder) ? PatentLoader.ExpandPaths([folder]).Count : 0;
            if (files == 0)
            {
                LogNoSamples(logger, folder ?? "(none found)");
                status.Finish(SampleLoadState.Completed, "no sample files found");
                return;
            }

            LogStarting(logger, files, folder!);
            status.Loading($"loading {files} sample files");
            var progress = new Progress<LoadProgress>(p =>
            {
                LogProgress(logger, p.FileIndex + 1, p.FileCount, Path.GetFileName(p.CurrentFile), p.Records, p.Quarantined);
                status.Loading($"file {p.FileIndex + 1} of {p.FileCount}, {p.Records} records read");
            });
            var loadOptions = new LoadOptions
            {
                QuarantineFolder = options.Value.QuarantinePath,
                ManifestPath = DataFolders.ManifestPathFor(options.Value.IndexPath),
            };
            var summary = await loader.LoadAsync([folder!], loadOptions, progress, stoppingToken);
            LogFinished(logger, summary.Files.Count, summary.Added, summary.Merged, summary.Quarantined, summary.FailedFiles, summary.QuarantinePath);
            status.Loading("adding the demo slice");
            var demo = await citySlice.AddAtFirstStartAsync(stoppingToken);
            status.Finish(SampleLoadState.Completed,
                $"{summary.Added + summary.Merged} records from {summary.Files.Count} files, {summary.Quarantined} quarantined" + (demo > 0 ? $", {demo} synthetic demo records" : ""));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.Finish(SampleLoadState.Failed, "stopped before the sample load finished");
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            status.Finish(SampleLoadState.Failed, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Sample load skipped: the index at {Location} already holds {Records} records")]
    private static partial void LogSkipped(ILogger logger, long records, string location);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Sample load skipped: no sample files in {Folder}; set Search:SamplesPath")]
    private static partial void LogNoSamples(ILogger logger, string folder);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Sample load started: {Files} files from {Folder}")]
    private static partial void LogStarting(ILogger logger, int files, string folder);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Sample load progress: file {FileNumber} of {FileCount} ({File}), {Records} records read, {Quarantined} quarantined")]
    private static partial void LogProgress(ILogger logger, int fileNumber, int fileCount, string file, long records, long quarantined);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Sample load finished: {Files} files, {Added} added, {Merged} merged, {Quarantined} quarantined, {FailedFiles} files failed; quarantine {QuarantinePath}")]
    private static partial void LogFinished(ILogger logger, int files, long added, long merged, long quarantined, int failedFiles, string? quarantinePath);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Sample load failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
