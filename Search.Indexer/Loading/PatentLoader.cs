using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Search.Indexer.Loading;

/// <summary>
/// Bulk-loads patent files into an index: detects each file's format by content, streams its
/// records through the reader (parsing on one thread, indexing on another), merges records the
/// index already holds, commits every <see cref="LoadOptions.CommitEvery"/> records and at each
/// file's end, and writes every rejected record to the quarantine file. A bad record never stops
/// the load; a killed load loses only what was not yet committed, and running it again repairs that.
/// </summary>
public sealed class PatentLoader(IPatentIndex index, ReaderCatalog catalog, ILogger<PatentLoader>? logger = null, TimeProvider? clock = null)
{
    private static readonly string[] DocumentationNames = ["README", "SOURCE", "LICENSE", "NOTICE", "DATA_NOTICE"];
    private readonly ILogger _log = logger ?? NullLogger<PatentLoader>.Instance;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<LoadSummary> LoadAsync(IReadOnlyList<string> paths, LoadOptions options, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitEvery, 1);
        using var activity = SearchTelemetry.Source.StartActivity("load");
        var watch = Stopwatch.StartNew();
        var files = ExpandPaths(paths);
        var manifest = options.ManifestPath is null ? null : LoadManifest.Open(options.ManifestPath);
        using var quarantine = new QuarantineWriter(options.QuarantineFolder, _clock.GetUtcNow());
        var summaries = new List<FileLoadSummary>();
        var totals = new Totals(files.Sum(f => f.Exists ? f.Length : 0), files.Count);

        for (var i = 0; i < files.Count; i++)
        {
            if (options.Stop.IsCancellationRequested) break;
            var file = files[i];
            var summary = await LoadFileAsync(file, i, manifest, options, quarantine, totals, progress, watch, cancellationToken).ConfigureAwait(false);
            summaries.Add(summary);
            totals.BytesBefore += summary.Bytes;
        }

        var result = new LoadSummary
        {
            Files = summaries,
            QuarantinePath = quarantine.Count > 0 ? quarantine.FilePath : null,
            Elapsed = watch.Elapsed,
            Stopped = options.Stop.IsCancellationRequested,
        };
        activity?.SetTag("load.files", summaries.Count);
        activity?.SetTag("load.records", result.Loaded + result.Quarantined);
        if (result.Loaded + result.Quarantined > 0) SearchTelemetry.LoadRate.Record(result.RecordsPerSecond);
        _log.LogInformation("Load finished: {Files} files, {Added} added, {Merged} merged, {Unchanged} unchanged, {Quarantined} quarantined in {Seconds:F1} s ({Rate:F0} records/s)",
            summaries.Count, result.Added, result.Merged, result.Unchanged, result.Quarantined, result.Elapsed.TotalSeconds, result.RecordsPerSecond);
        return result;
    }

    /// <summary>Files named, and files under folders named (recursively, in name order), without documentation files.</summary>
    public static List<FileInfo> ExpandPaths(IEnumerable<string> paths)
    {
        var result = new List<FileInfo>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                result.AddRange(Directory.EnumerateFiles(p, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Where(f => !IsDocumentation(f))
                    .Order(StringComparer.Ordinal)
                    .Select(f => new FileInfo(f)));
            }
            else
            {
                result.Add(new FileInfo(p));
            }
        }
        return result;
    }

    private static bool IsDocumentation(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.')) return true;
        var stem = Path.GetFileNameWithoutExtension(name).ToUpperInvariant();
        return DocumentationNames.Any(d => stem == d || stem.StartsWith(d + "-", StringComparison.Ordinal) || stem.StartsWith(d + "_", StringComparison.Ordinal))
            || Path.GetExtension(name).Equals(".md", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<FileLoadSummary> LoadFileAsync(FileInfo file, int fileIndex, LoadManifest? manifest, LoadOptions options,
        QuarantineWriter quarantine, Totals totals, IProgress<LoadProgress>? progress, Stopwatch watch, CancellationToken ct)
    {
        var name = file.Name;
        if (!file.Exists)
        {
            var missing = new FileLoadSummary { Path = file.FullName, Problem = "file not found" };
            quarantine.Write(new RecordRejection { SourceFile = name, Format = "unknown", Because = RejectionReasons.FileNotFound.With(file.FullName) });
            missing.Quarantined = 1;
            return missing;
        }

        var hash = manifest is null ? null : LoadManifest.HashFile(file.FullName);
        if (hash is not null && !options.Force && manifest!.Find(hash) is { } done)
        {
            _log.LogInformation("Skipping {File}: already loaded on {LoadedAt:u} as {Name} ({Records} records)", name, done.LoadedAt, done.Name, done.Records);
            return new FileLoadSummary { Path = file.FullName, Format = done.Format, Bytes = file.Length, Skipped = true };
        }

        var detection = catalog.Detect(file.FullName);
        if (detection.Reader is not { } registration)
        {
            _log.LogWarning("Cannot read {File}: {Problem}", name, detection.Problem);
            quarantine.Write(new RecordRejection { SourceFile = name, Format = "unknown", Because = detection.Why! });
            return new FileLoadSummary { Path = file.FullName, Bytes = file.Length, Problem = detection.Problem, Quarantined = 1 };
        }

        var summary = new FileLoadSummary { Path = file.FullName, Format = registration.Format, Bytes = file.Length };
        _log.LogInformation("Loading {File} as {Format} ({Bytes} bytes)", name, registration.Format, file.Length);
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var channel = Channel.CreateBounded<ReadResult>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true, SingleWriter = true });
        var reader = registration.Create();
        // A stop ends reading only; writing and committing what was read go on under ct alone.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct, options.Stop);
        var readToken = reading.Token;

        // Parsing runs on a thread of its own, below the site's requests (BackgroundWork), so that it overlaps with
        // indexing; a full channel blocks that thread alone.
        var producer = BackgroundWork.RunLong(() =>
        {
            try
            {
                foreach (var result in reader.Read(stream, name, readToken))
                    if (!channel.Writer.TryWrite(result))
                        channel.Writer.WriteAsync(result, readToken).AsTask().GetAwaiter().GetResult();
                channel.Writer.Complete();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                channel.Writer.Complete(ex);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                channel.Writer.Complete();
            }
        }, ct);

        var batch = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
        var writes = new WritePipeline(index, options.CommitEvery, options.Committed, options.Arriving);
        void Report() => progress?.Report(new LoadProgress(name, fileIndex, totals.FileCount, totals.BytesBefore + SafePosition(stream), totals.Bytes,
            totals.Added + summary.Added, totals.Merged + summary.Merged, totals.Unchanged + summary.Unchanged, totals.Quarantined + summary.Quarantined, watch.Elapsed));

        try
        {
            await foreach (var result in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (options.Stop.IsCancellationRequested) break;
                if (result.Rejection is { } rejection)
                {
                    quarantine.Write(rejection);
                    summary.Quarantined++;
                    continue;
                }
                var record = result.Record!;
                if (batch.TryGetValue(record.Id, out var same))
                    RecordMerger.Merge(same, record);
                else
                    batch[record.Id] = record;
                if (batch.Count >= options.BatchSize)
                {
                    await writes.FlushAsync(batch, summary, ct).ConfigureAwait(false);
                    Report();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // A reader bug must not lose the good records read so far: keep them and report the file.
            var stopped = RejectionReasons.ReadingStopped.With(RejectionArgument.Number(summary.Added + summary.Merged + summary.Unchanged + batch.Count + summary.Quarantined), RejectionArgument.FromParser(ex.Message));
            summary.Problem = stopped.ToString();
            quarantine.Write(new RecordRejection { SourceFile = name, Format = registration.Format, Because = stopped });
            summary.Quarantined++;
            _log.LogError(ex, "Reading {File} failed", name);
            // A write that failed (a full disk) ends the loop too: stop the parser, or it waits forever on the full channel.
            await reading.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            // On failure or cancellation, let writes in flight end before the caller disposes the index.
            if (ct.IsCancellationRequested) await writes.DrainAsync().ConfigureAwait(false);
        }
        if (options.Stop.IsCancellationRequested) await reading.CancelAsync().ConfigureAwait(false);
        await producer.ConfigureAwait(false);

        await writes.FlushAsync(batch, summary, ct).ConfigureAwait(false);
        await writes.CompleteAsync(ct).ConfigureAwait(false);
        if (options.Stop.IsCancellationRequested)
        {
            // Committed, but not the whole file: the manifest must not call it loaded.
            _log.LogInformation("Load of {File} stopped on request after {Records} records, all committed", name, summary.Loaded + summary.Quarantined);
            Report();
            totals.Add(summary);
            return summary;
        }
        if (hash is not null && summary.Problem is null)
            manifest!.Record(new LoadedFile(hash, name, file.Length, registration.Format, summary.Loaded, summary.Quarantined, _clock.GetUtcNow()));
        Report();
        totals.Add(summary);
        RecordOutcomes(summary, registration.Format);
        return summary;
    }

    /// <summary>
    /// Writes a batch while the next one is read and looked up, and commits while writing goes on, so
    /// both cores stay busy. The ids written since the last finished commit are kept: a batch holding
    /// one of them is looked up only after a commit has made that write visible, so a record met again
    /// further on in a file is merged with what was written, never overwritten by the later copy.
    /// </summary>
    private sealed class WritePipeline(IPatentIndex index, long commitEvery, Func<IReadOnlyCollection<string>, CancellationToken, Task>? committed,
        Func<IReadOnlyList<PatentRecord>, CancellationToken, Task>? arriving)
    {
        private static IEnumerable<string> RelatedKeys(PatentRecord r) =>
            r.ApplicationNumber is { } app && app.Key != r.Id ? [r.Id, app.Key] : [r.Id];

        /// <summary>Within one batch, an application-keyed record merges into a publication of the same application.</summary>
        private static void FoldApplications(Dictionary<string, PatentRecord> batch)
        {
            var publications = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
            foreach (var r in batch.Values)
                if (!r.KeyedByApplication && r.ApplicationNumber is { } app) publications.TryAdd(app.Key, r);
            if (publications.Count == 0) return;
            foreach (var r in batch.Values.Where(r => r.KeyedByApplication).ToList())
            {
                if (!publications.TryGetValue(r.ApplicationNumber!.Key, out var publication)) continue;
                RecordMerger.MergeApplication(publication, r);
                batch.Remove(r.Id);
            }
        }

        /// <summary>The stored publication of an application-keyed record's application (the first by id), if any.</summary>
        private async Task<PatentRecord?> PublicationOfAsync(PatentRecord application, CancellationToken ct)
        {
            var key = application.ApplicationNumber!.Key;
            var found = await index.LookupAsync(key, ct).ConfigureAwait(false);
            return found.FirstOrDefault(r => !r.KeyedByApplication && r.ApplicationNumber?.Key == key);
        }

        private Task _write = Task.CompletedTask;
        private Task _commit = Task.CompletedTask;
        // Every commit checks that no failure dropped this load's writes since it began (IPatentIndex.WriteEpoch): one
        // that did ends the load at its last good commit, and nothing after it is reported as committed.
        private readonly long _epoch = index.WriteEpoch;
        // Written since the running (or last) commit began, and written before the running one began.
        private HashSet<string> _unseen = new(StringComparer.Ordinal);
        private HashSet<string>? _committing;
        private long _sinceCommit;
        // Ids settled (written or found unchanged) since the running (or last) commit began, for the Committed callback.
        private List<string> _settled = [];

        public async Task FlushAsync(Dictionary<string, PatentRecord> batch, FileLoadSummary summary, CancellationToken ct)
        {
            if (batch.Count == 0) return;
            FoldApplications(batch);
            // A record is related to what was written by its id and by its application (the id its application-keyed record has).
            var keys = batch.Values.SelectMany(RelatedKeys).ToHashSet(StringComparer.Ordinal);
            if (_committing is not null && keys.Any(_committing.Contains))
            {
                await _commit.ConfigureAwait(false);
                _committing = null;
            }
            if (keys.Any(_unseen.Contains))
                await CommitNowAsync(ct).ConfigureAwait(false);

            var existing = await index.GetManyAsync(keys, ct).ConfigureAwait(false);
            var changed = new List<PatentRecord>(batch.Count);
            var added = new List<PatentRecord>();
            var replaced = new List<string>();
            foreach (var record in batch.Values)
            {
                if (record.KeyedByApplication && await PublicationOfAsync(record, ct).ConfigureAwait(false) is { } publication)
                {
                    // The publication came first: the application-keyed record merges into it and is not stored apart.
                    var publicationBefore = RecordJson.Serialize(publication);
                    if (existing.TryGetValue(record.Id, out var storedApplication))
                    {
                        RecordMerger.MergeApplication(publication, storedApplication);
                        replaced.Add(record.Id);
                    }
                    var taken = RecordMerger.MergeApplication(publication, record);
                    if (RecordJson.Serialize(taken) == publicationBefore)
                    {
                        summary.Unchanged++;
                        _settled.Add(taken.Id);
                        continue;
                    }
                    changed.Add(taken);
                    summary.Merged++;
                    continue;
                }
                if (!record.KeyedByApplication && record.ApplicationNumber is { } app && existing.TryGetValue(app.Key, out var application) && application.KeyedByApplication)
                {
                    // The application came first: its record merges into the publication, which replaces it.
                    var publicationRecord = existing.TryGetValue(record.Id, out var storedPublication) ? RecordMerger.Merge(storedPublication, record) : record;
                    changed.Add(RecordMerger.MergeApplication(publicationRecord, application));
                    replaced.Add(application.Id);
                    summary.Merged++;
                    continue;
                }
                if (!existing.TryGetValue(record.Id, out var stored))
                {
                    changed.Add(record);
                    added.Add(record);
                    summary.Added++;
                    continue;
                }
                var before = RecordJson.Serialize(stored);
                var merged = RecordMerger.Merge(stored, record);
                if (RecordJson.Serialize(merged) == before)
                {
                    summary.Unchanged++;
                    _settled.Add(merged.Id);
                    continue;
                }
                changed.Add(merged);
                summary.Merged++;
            }
            batch.Clear();

            // While the previous batch is still being written: labelling uses the cores the writer leaves.
            if (arriving is not null && added.Count > 0) await arriving(added, ct).ConfigureAwait(false);
            await _write.ConfigureAwait(false);
            foreach (var id in replaced) await index.DeleteAsync(id, ct).ConfigureAwait(false);
            if (changed.Count == 0) return;
            // The labels of a stored record are its label writers' (the marketplace, the labeller): they are taken as
            // stored when written, not from the copy read above, which a label write may have changed since.
            _write = index.UpsertDataAsync(changed, ct);
            foreach (var r in changed) _unseen.UnionWith(RelatedKeys(r));
            foreach (var r in changed) _settled.Add(r.Id);
            _sinceCommit += changed.Count;
            if (_sinceCommit >= commitEvery)
            {
                await _commit.ConfigureAwait(false);
                _committing = _unseen;
                _unseen = new HashSet<string>(StringComparer.Ordinal);
                _sinceCommit = 0;
                _commit = CommitAfterAsync(_write, TakeSettled(), ct);
            }
        }

        /// <summary>Waits for every write and commits them.</summary>
        public Task CompleteAsync(CancellationToken ct) => CommitNowAsync(ct);

        /// <summary>Waits for writes and commits in flight, ignoring their failures (already reported or cancelled).</summary>
        public async Task DrainAsync()
        {
            try { await _write.ConfigureAwait(false); } catch (Exception) { }
            try { await _commit.ConfigureAwait(false); } catch (Exception) { }
        }

        private async Task CommitNowAsync(CancellationToken ct)
        {
            await _write.ConfigureAwait(false);
            await _commit.ConfigureAwait(false);
            var settled = TakeSettled();
            await index.CommitSinceAsync(_epoch, ct).ConfigureAwait(false);
            _unseen.Clear();
            _committing = null;
            _sinceCommit = 0;
            if (committed is not null && settled.Count > 0) await committed(settled, ct).ConfigureAwait(false);
        }

        private async Task CommitAfterAsync(Task write, List<string> settled, CancellationToken ct)
        {
            await write.ConfigureAwait(false);
            await index.CommitSinceAsync(_epoch, ct).ConfigureAwait(false);
            // Inside the commit task: the next commit and any lookup of these ids wait for it.
            if (committed is not null && settled.Count > 0) await committed(settled, ct).ConfigureAwait(false);
        }

        private List<string> TakeSettled()
        {
            var settled = _settled;
            _settled = [];
            return settled;
        }
    }

    /// <summary>Counted per file, so a long load shows its progress in the metrics before it ends.</summary>
    private static void RecordOutcomes(FileLoadSummary summary, string format)
    {
        var formatTag = new KeyValuePair<string, object?>("load.format", format);
        foreach (var (outcome, count) in new[] { ("added", summary.Added), ("merged", summary.Merged), ("unchanged", summary.Unchanged), ("quarantined", summary.Quarantined) })
            if (count > 0) SearchTelemetry.LoadedRecords.Add(count, new KeyValuePair<string, object?>("load.outcome", outcome), formatTag);
    }

    private static long SafePosition(Stream stream)
    {
        try { return stream.CanSeek ? stream.Position : 0; }
        catch (ObjectDisposedException) { return 0; }
    }

    private sealed class Totals(long bytes, int fileCount)
    {
        public long Bytes { get; } = bytes;
        public int FileCount { get; } = fileCount;
        public long BytesBefore { get; set; }
        public long Added { get; private set; }
        public long Merged { get; private set; }
        public long Unchanged { get; private set; }
        public long Quarantined { get; private set; }

        public void Add(FileLoadSummary s)
        {
            Added += s.Added;
            Merged += s.Merged;
            Unchanged += s.Unchanged;
            Quarantined += s.Quarantined;
        }
    }
}
