using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Records;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// The embedded search engine: one long-lived <see cref="IndexWriter"/> on a local folder, BM25 on
/// writer and searcher, a <see cref="SearcherManager"/> reopened in the background (at most
/// <see cref="LuceneIndexOptions.MaxRefreshDelay"/> behind) and after every commit. Safe for concurrent
/// searches while a load runs. A write that fails on the disk (full, or an I/O error) rolls the writer back to its last
/// commit and reopens it: Lucene may already have applied the deletes of updates whose new documents it then dropped,
/// and a later commit would make that loss durable. Open with <c>new LuceneIndex(options)</c> or <see cref="Open(string)"/>.
/// With <see cref="LuceneIndexOptions.ReadOnly"/> it opens no writer and takes no lock: a reader of the last commit,
/// reopened when it is older than <see cref="LuceneIndexOptions.MaxRefreshDelay"/>, that works beside the process
/// owning the writer (the running site), and refuses every write.
/// </summary>
/// <remarks>
/// Locking uses native OS locks: the OS releases them when a process dies, so a <c>write.lock</c>
/// file left by a killed process does not stop the index from opening, while a live writer (another
/// process or another instance here) makes opening fail with <see cref="PatentIndexLockedException"/>.
/// </remarks>
public sealed class LuceneIndex : IPatentIndex
{
    private const string WriteLockName = "write.lock";
    private static readonly ISet<string> JsonOnly = new HashSet<string> { LuceneFields.Json };

    private readonly LuceneIndexOptions _options;
    private readonly ILogger _logger;
    private readonly LuceneDirectory _directory;
    private readonly PatentAnalyzers _analyzers;
    private readonly bool _readOnly;
    // The writer and the near-real-time searchers over it, replaced together when a write fails (Recover). Null writer:
    // read-only, or a failed write whose writer could not reopen yet (the next write tries again).
    private volatile IndexWriter? _writer;
    private volatile SearcherManager _searchers;
    private readonly System.Threading.Lock _writerSwap = new();
    private long _writeEpoch;
    private volatile Exception? _lastWriteFailure;
    // Refreshes the searchers beside the writer at least every MaxRefreshDelay; its own loop, so a refresh that
    // fails on the disk recovers the writer instead of ending the process with an unhandled exception.
    private readonly Thread? _refresher;
    private readonly CancellationTokenSource _stopRefresh = new();
    // Label writes re-read the stored record and write it back: one at a time, and never beside an upsert of whole
    // records, so neither writes over the other's change (ADR-027).
    private readonly System.Threading.Lock _labelWrites = new();
    // Records label-written since the searchers last refreshed under _labelWrites: a data upsert of one of them refreshes
    // first. Only of one of them: a load labels each batch after its commit, and refreshing before every next batch
    // (other records) cost a flush, the deletes applied and the facets rebuilt, for nothing to read.
    private readonly HashSet<string> _labelledUnseen = new(StringComparer.Ordinal);
    private long _lastReadOnlyRefresh;
    private readonly LuceneQueryTranslator _translator;
    private readonly SearchHighlighter _highlighter;
    private readonly QueryResultCache _results;
    private int _disposed;

    // Held while Dispose closes the writer, so a second caller returns only once the index is closed and its lock released.
    private readonly System.Threading.Lock _closing = new();

    // Before any index opens: segments written by the engine name its codec.
    static LuceneIndex() => PatentCodec.Register();

    public LuceneIndex(LuceneIndexOptions options, ILogger<LuceneIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.IndexPath))
            throw new ArgumentException($"{nameof(LuceneIndexOptions)}.{nameof(LuceneIndexOptions.IndexPath)} is required", nameof(options));
        _options = options;
        _logger = logger ?? NullLogger<LuceneIndex>.Instance;
        var path = Path.GetFullPath(options.IndexPath);
        if (options.ReadOnly && !System.IO.Directory.Exists(path))
            throw new PatentIndexNotFoundException($"There is no index at '{path}' yet: load records into it first.");
        System.IO.Directory.CreateDirectory(path);
        Location = path;
        _readOnly = options.ReadOnly;

        _directory = FSDirectory.Open(new DirectoryInfo(path), new NativeFSLockFactory(path));
        _analyzers = new PatentAnalyzers();
        if (options.ReadOnly)
        {
            try
            {
                _searchers = OpenReader(path);
            }
            catch
            {
                _analyzers.Dispose();
                _directory.Dispose();
                throw;
            }
            _lastReadOnlyRefresh = Environment.TickCount64;
        }
        else
        {
            try
            {
                _writer = OpenWriter(path);
            }
            catch
            {
                _analyzers.Dispose();
                _directory.Dispose();
                throw;
            }
            _searchers = new SearcherManager(_writer, true, new Bm25SearcherFactory(options.ParallelSearch, warmFacets: true));
            _refresher = new Thread(RefreshLoop) { Name = "lucene-refresh", IsBackground = true };
            _refresher.Start();
        }
        _translator = new LuceneQueryTranslator(_analyzers);
        _highlighter = new SearchHighlighter(_analyzers);
        _results = new QueryResultCache(options.ResultCacheHits);
        if (RecordsWithoutSummary() is > 0 and var old)
            _logger.LogWarning("{Count} records in {IndexPath} were written before record summaries existed; reports and the city dashboard read them whole, "
                + "about ten times slower, until they are written again (Analytics label, or a reload with --force)", old, path);
    }

    /// <summary>
    /// Live records written before record summaries existed, which <see cref="ScanAsync"/> reads from the stored record:
    /// whole segments without the summary field, and in merged segments the documents that have no summary value.
    /// </summary>
    public long RecordsWithoutSummary() => WithSearcher(searcher =>
    {
        long missing = 0;
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            if (reader.FieldInfos.FieldInfo(LuceneFields.Summary) is null)
            {
                missing += reader.NumDocs;
                continue;
            }
            var live = reader.LiveDocs;
            var has = reader.GetDocsWithField(LuceneFields.Summary);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
                if ((live is null || live.Get(doc)) && !has.Get(doc)) missing++;
        }
        return missing;
    });

    /// <summary>Opens (or creates) the index in <paramref name="indexPath"/> with default settings.</summary>
    public static LuceneIndex Open(string indexPath) => new(new LuceneIndexOptions { IndexPath = indexPath });

    /// <summary>Opens the index in <paramref name="indexPath"/> read-only (see <see cref="LuceneIndexOptions.ReadOnly"/>).</summary>
    public static LuceneIndex OpenReadOnly(string indexPath) => new(new LuceneIndexOptions { IndexPath = indexPath, ReadOnly = true });

    /// <summary>The full path of the index folder.</summary>
    public string Location { get; }

    /// <summary>Opened without a writer: searches and reads only.</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>
    /// Whether a live writer holds the index in <paramref name="indexPath"/> now (the running site, or a load):
    /// the OS lock behind <c>write.lock</c>, which a killed process does not leave held.
    /// </summary>
    public static bool IsHeldByWriter(string indexPath)
    {
        var path = Path.GetFullPath(indexPath);
        if (!System.IO.Directory.Exists(path)) return false;
        using var directory = FSDirectory.Open(new DirectoryInfo(path), new NativeFSLockFactory(path));
        return IndexWriter.IsLocked(directory);
    }

    /// <summary>A reader of the last commit, with no writer and no lock; the process owning the writer may commit meanwhile.</summary>
    private SearcherManager OpenReader(string path)
    {
        if (!DirectoryReader.IndexExists(_directory))
            throw new PatentIndexNotFoundException(IndexWriter.IsLocked(_directory)
                ? $"The index at '{path}' has no committed records yet (its writer has not committed); try again in a moment."
                : $"There is no index at '{path}' yet: load records into it first.");
        return new SearcherManager(_directory, new Bm25SearcherFactory(_options.ParallelSearch, warmFacets: false));
    }

    /// <summary>The writer, reopened first if a failed write closed it and it could not reopen then.</summary>
    private IndexWriter CurrentWriter()
    {
        if (_readOnly)
            throw new InvalidOperationException($"The index at '{Location}' was opened read-only; writes go through the process that owns its writer.");
        if (_writer is { } writer) return writer;
        lock (_writerSwap)
        {
            ThrowIfDisposed();
            return _writer ?? ReopenWriter();
        }
    }

    /// <summary>Runs a write; when it fails on the disk, drops the uncommitted changes (<see cref="Recover"/>) and rethrows.</summary>
    private T Write<T>(Func<IndexWriter, T> write)
    {
        var writer = CurrentWriter();
        try
        {
            return write(writer);
        }
        catch (Exception e) when (WriterFailed(e))
        {
            if (Recover(writer, e) || _lastWriteFailure is not { } cause) throw;
            // Another write's failure closed this writer under this one: this write is dropped for that cause (a full
            // disk), and says so, rather than as "this IndexWriter is disposed", which names no cause.
            throw new IndexWritesDroppedException(cause);
        }
    }

    /// <summary>
    /// Failures that can leave the writer's uncommitted state torn: I/O (a full disk) while a document or a flush is
    /// written, and a writer closed by such a failure. A bad document (an analysis error) is not one of them: Lucene
    /// drops that document alone and applies none of its update.
    /// </summary>
    private bool WriterFailed(Exception e) => Volatile.Read(ref _disposed) == 0 && e switch
    {
        AggregateException all => all.InnerExceptions.Any(WriterFailed),
        IOException or ObjectDisposedException or OutOfMemoryException => true,
        _ => false,
    };

    /// <summary>
    /// Rolls the failed writer back to the last commit and opens a new one there, with new searchers: searches see the
    /// last commit at once, and no later commit can make durable what the failure tore (an update's delete without its
    /// document). Writes not yet committed by anyone are dropped with it; a load says so and stops at its last commit.
    /// </summary>
    /// <returns>False when another write's failure had already recovered from this writer.</returns>
    private bool Recover(IndexWriter failed, Exception cause)
    {
        lock (_writerSwap)
        {
            if (Volatile.Read(ref _disposed) != 0) return true;
            if (!ReferenceEquals(failed, _writer)) return false;
            _logger.LogError(cause, "A write to the index at {IndexPath} failed; its uncommitted changes are dropped and the index goes back to its last commit", Location);
            _writer = null;
            _lastWriteFailure = cause;
            Interlocked.Increment(ref _writeEpoch);
            try
            {
                failed.Rollback();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _logger.LogWarning(e, "Rolling back the failed writer of {IndexPath} failed too; opening a new one", Location);
            }
            try
            {
                ReopenWriter();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Searches go on at the last commit; the next write tries to open a writer again.
                _logger.LogError(e, "The index at {IndexPath} could not open a new writer after the failure; searches see its last commit, and the next write tries again", Location);
                SwapSearchers(new SearcherManager(_directory, new Bm25SearcherFactory(_options.ParallelSearch, warmFacets: true)));
            }
            return true;
        }
    }

    /// <summary>Under <see cref="_writerSwap"/>: a new writer at the last commit and searchers over it.</summary>
    private IndexWriter ReopenWriter()
    {
        var writer = OpenWriter(Location);
        try
        {
            SwapSearchers(new SearcherManager(writer, true, new Bm25SearcherFactory(_options.ParallelSearch, warmFacets: true)));
        }
        catch
        {
            writer.Rollback();
            throw;
        }
        _writer = writer;
        return writer;
    }

    // Searches holding the old manager's searcher finish on it: Release decrements its reader, not the manager.
    private void SwapSearchers(SearcherManager searchers)
    {
        var old = _searchers;
        _searchers = searchers;
        old.Dispose();
    }

    /// <summary>
    /// A refresh beside a load is not free: it flushes the writer's buffer into a new segment, applies the load's deletes
    /// to every segment and rebuilds the facets' global ordinals. On a large index that is hundreds of milliseconds, and
    /// at one a second it took a core from the load and the searches. The next refresh waits at least this many times
    /// what the last one cost, so refreshing keeps to a fifth of one core and records still show within seconds.
    /// </summary>
    private const int RefreshCostFactor = 4;

    private void RefreshLoop()
    {
        // Rebuilding facet ordinals on a large index costs a core for a second: searches go first.
        BackgroundWork.LowerCurrentThread();
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, _options.MaxRefreshDelay.TotalMilliseconds));
        var wait = interval;
        while (!_stopRefresh.Token.WaitHandle.WaitOne(wait))
        {
            var writer = _writer;
            if (writer is null) continue;
            try
            {
                var started = Stopwatch.GetTimestamp();
                _searchers.MaybeRefreshBlocking();
                var cost = Stopwatch.GetElapsedTime(started);
                wait = cost * RefreshCostFactor > interval ? cost * RefreshCostFactor : interval;
                if (wait > interval)
                    _logger.LogDebug("Refreshing the searchers of {IndexPath} took {Milliseconds:F0} ms; the next refresh waits {Seconds:F1} s", Location, cost.TotalMilliseconds, wait.TotalSeconds);
            }
            catch (Exception e) when (WriterFailed(e))
            {
                Recover(writer, e);
            }
            catch (Exception e) when (Volatile.Read(ref _disposed) == 0)
            {
                // A background thread must not end the process; the next write or refresh meets the cause again.
                _logger.LogError(e, "Refreshing the searchers of {IndexPath} failed", Location);
            }
        }
    }

    private IndexWriter OpenWriter(string path)
    {
        // With native locks IsLocked is true only while a live writer holds the OS lock; a lock file
        // alone (left by a killed process) is stale and needs no Unlock.
        if (IndexWriter.IsLocked(_directory))
            throw new PatentIndexLockedException($"The Lucene index at '{path}' is in use by another writer (another process or another open index in this one); close it first.");
        if (File.Exists(Path.Combine(path, WriteLockName)))
            _logger.LogWarning("Found a stale {LockFile} in {IndexPath} (left by a process that did not close the index); opening anyway", WriteLockName, path);

        var config = new IndexWriterConfig(PatentAnalyzers.Version, _analyzers.PerField)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Codec = new PatentCodec(),
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = _options.RamBufferSizeMB,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            // Lets a backup hold the last commit's files while merges and later commits go on (CopyLastCommitTo).
            IndexDeletionPolicy = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()),
            MergeScheduler = new LoggingMergeScheduler(_logger, path),
        };
        try
        {
            return new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException e)
        {
            throw new PatentIndexLockedException($"The Lucene index at '{path}' is in use by another writer: {e.Message}", e);
        }
    }

    public Task UpsertAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfDisposed();
        if (records.Count == 0)
        {
            CurrentWriter();
            return Task.CompletedTask;
        }
        return BackgroundWork.Run(() => Write(writer => Upsert(writer, records, cancellationToken)), cancellationToken);
    }

    private bool Upsert(IndexWriter writer, IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken)
    {
        // The last record of a batch wins when ids repeat; parallel writes would otherwise race.
        var byId = new Dictionary<string, PatentRecord>(records.Count, StringComparer.Ordinal);
        foreach (var r in records) byId[r.Id] = r;

        // Under the label lock: a label write between its read and its write would otherwise put back the data replaced here.
        lock (_labelWrites)
            WriteAll(writer, byId.Values, cancellationToken);
        return true;
    }

    // IndexWriter analyses on the calling thread, so parallel UpdateDocument calls use every core, at background priority.
    private void WriteAll(IndexWriter writer, IEnumerable<PatentRecord> records, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.IndexingThreads, CancellationToken = cancellationToken, TaskScheduler = BackgroundWork.Scheduler };
        Parallel.ForEach(Partitioner.Create(records.ToArray(), loadBalance: true), parallel, record =>
            writer.UpdateDocument(new Term(PatentFields.Id, record.Id), PatentDocumentBuilder.Build(record)));
    }

    public Task UpsertDataAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ThrowIfDisposed();
        if (records.Count == 0)
        {
            CurrentWriter();
            return Task.CompletedTask;
        }
        return BackgroundWork.Run(() => Write(writer => UpsertData(writer, records, cancellationToken)), cancellationToken);
    }

    private bool UpsertData(IndexWriter writer, IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, PatentRecord>(records.Count, StringComparer.Ordinal);
        foreach (var r in records) byId[r.Id] = r;
        lock (_labelWrites)
        {
            // Searches see a label write only after a refresh; one made since the last on these records must be read here.
            // Without such writes there is nothing newer to read, and a refresh per batch would cut a load into tiny segments.
            if (_labelledUnseen.Count > 0 && byId.Keys.Any(_labelledUnseen.Contains))
            {
                _searchers.MaybeRefreshBlocking();
                _labelledUnseen.Clear();
            }
            WithSearcher(searcher =>
            {
                var seeker = new IdSeeker(searcher.IndexReader);
                foreach (var record in byId.Values)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Get(searcher, seeker, record.Id) is not { } stored) continue;
                    record.Labels = stored.Labels;
                    record.Scores = stored.Scores;
                }
                return true;
            });
            WriteAll(writer, byId.Values, cancellationToken);
        }
        return true;
    }

    public Task<int> SetLabelsAsync(IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfDisposed();
        if (changes.Count == 0)
        {
            CurrentWriter();
            return Task.FromResult(0);
        }
        return BackgroundWork.Run(() => Write(writer => SetLabels(writer, changes, cancellationToken)), cancellationToken);
    }

    private int SetLabels(IndexWriter writer, IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken)
    {
        lock (_labelWrites)
        {
            // The searcher must see every write so far, the previous label write included (not committed yet):
            // otherwise this would change a copy older than the one it replaces.
            _searchers.MaybeRefreshBlocking();
            _labelledUnseen.Clear();
            var changed = WithSearcher(searcher =>
            {
                var records = new List<PatentRecord>();
                var seeker = new IdSeeker(searcher.IndexReader);
                foreach (var (id, change) in changes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!string.IsNullOrEmpty(id) && Get(searcher, seeker, id) is { } record && change.ApplyTo(record)) records.Add(record);
                }
                return records;
            });
            WriteAll(writer, changed, cancellationToken);
            foreach (var r in changed) _labelledUnseen.Add(r.Id);
            return changed.Count;
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ThrowIfDisposed();
        return Task.FromResult(Write(writer =>
        {
            _searchers.MaybeRefreshBlocking();
            var exists = WithSearcher(s => new IdSeeker(s.IndexReader).Find(id) >= 0);
            writer.DeleteDocuments(new Term(PatentFields.Id, id));
            return exists;
        }));
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CurrentWriter();
        return BackgroundWork.Run(() => Write(writer =>
        {
            writer.Commit();
            _searchers.MaybeRefreshBlocking();
            return true;
        }), cancellationToken);
    }

    public long WriteEpoch => Interlocked.Read(ref _writeEpoch);

    public Exception? LastWriteFailure => _lastWriteFailure;

    public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ThrowIfDisposed();
        return Task.FromResult(WithSearcher(s => Get(s, id)));
    }

    public Task<IReadOnlyDictionary<string, PatentRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ThrowIfDisposed();
        IReadOnlyDictionary<string, PatentRecord> result = WithSearcher(s =>
        {
            var found = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
            var seeker = new IdSeeker(s.IndexReader);
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!string.IsNullOrEmpty(id) && Get(s, seeker, id) is { } r) found[id] = r;
            }
            return found;
        });
        return Task.FromResult(result);
    }

    private static PatentRecord? Get(IndexSearcher searcher, string id) => Get(searcher, new IdSeeker(searcher.IndexReader), id);

    /// <summary>
    /// The stored record of <paramref name="id"/>: one term seek per segment, newest first (<see cref="IdSeeker"/>). A
    /// load looks up every id it writes (twice: to merge, then to keep stored labels), and a scored top-1 search per
    /// id, dispatched over the segments on the thread pool by the parallel searcher, cost far more than the seek it needs.
    /// </summary>
    private static PatentRecord? Get(IndexSearcher searcher, IdSeeker seeker, string id) =>
        seeker.Find(id) is var doc and >= 0 ? Load(searcher, doc) : null;

    private static PatentRecord Load(IndexSearcher searcher, int doc) =>
        RecordJson.Deserialize(searcher.Doc(doc, JsonOnly).Get(LuceneFields.Json));

    public Task<IReadOnlyList<PatentRecord>> LookupAsync(string number, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!PatentNumber.TryParse(number, out var parsed, out var error) && !PatentNumber.TryParse(number, out parsed, "CN"))
            throw new ArgumentException($"Cannot look up '{number}': {error}", nameof(number));
        var query = LuceneQueryTranslator.NumberQuery(parsed);
        IReadOnlyList<PatentRecord> result = WithSearcher(s =>
        {
            var top = s.Search(query, null, 100, new Sort(new SortField(LuceneFields.IdSort, SortFieldType.STRING)));
            return top.ScoreDocs.Select(d => Load(s, d.Doc)).ToList();
        });
        return Task.FromResult(result);
    }

    public Task<SearchResult> SearchAsync(PatentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        query.Validate();
        using var activity = SearchTelemetry.Source.StartActivity("search patents");
        var stopwatch = Stopwatch.StartNew();
        Query luceneQuery;
        Query? textQuery;
        using (SearchTelemetry.Source.StartActivity("query parse"))
            luceneQuery = Compile(query, out textQuery);

        var cachedAnswer = false;
        var result = WithSearcher(searcher =>
        {
            var key = _results.Enabled ? QueryResultCache.Key(query, ((DirectoryReader)searcher.IndexReader).Version) : null;
            if (key is not null && _results.TryGet(searcher.IndexReader, key, out var cached))
            {
                cachedAnswer = true;
                return cached;
            }
            var answer = Search(searcher, query, textQuery, luceneQuery, cancellationToken);
            if (key is not null) _results.Add(searcher.IndexReader, key, answer);
            return answer;
        });
        activity?.SetTag("search.engine", "lucene");
        activity?.SetTag("search.cached", cachedAnswer);
        activity?.SetTag("search.hits", result.Total);
        SearchTelemetry.SearchDuration.Record(stopwatch.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("search.engine", "lucene"), new KeyValuePair<string, object?>("search.cached", cachedAnswer));
        return Task.FromResult(result with { Took = stopwatch.Elapsed });
    }

    /// <summary>The whole query (text, filters, dates) as one Lucene query; <paramref name="textQuery"/> is its text part.</summary>
    private Query Compile(PatentQuery query, out Query? textQuery)
    {
        textQuery = _translator.Translate(QuerySyntax.Parse(query.Text));
        // Nothing searchable in the text (only stop words): an empty BooleanQuery matches nothing.
        var main = textQuery ?? new BooleanQuery();
        var filter = BuildFilter(query);
        return filter is null ? main : new FilteredQuery(main, new QueryWrapperFilter(filter));
    }

    public Task<IReadOnlySet<string>> MatchingIdsAsync(PatentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfDisposed();
        // Paging, facets and highlighting do not apply: checked and compiled as the Elasticsearch engine does.
        query = query with { Page = 1, PageSize = 1, Facets = [], Highlight = false, Sort = SearchSort.Relevance };
        query.Validate();
        var luceneQuery = Compile(query, out _);
        var ids = WithSearcher(searcher =>
        {
            var collector = new IdCollector(cancellationToken);
            searcher.Search(luceneQuery, collector);
            return collector.Ids;
        });
        return Task.FromResult<IReadOnlySet<string>>(ids);
    }

    /// <summary>Collects the id of every matching document from the id's sorted doc values, without loading records.</summary>
    private sealed class IdCollector(CancellationToken cancellationToken) : ICollector
    {
        private readonly global::Lucene.Net.Util.BytesRef _bytes = new();
        private SortedDocValues? _ids;

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ids = context.AtomicReader.GetSortedDocValues(LuceneFields.IdSort);
        }

        public void Collect(int doc)
        {
            if (_ids is null) return;
            _ids.Get(doc, _bytes);
            Ids.Add(_bytes.Utf8ToString());
        }
    }

    /// <summary>Searches answered from the result cache since the index opened.</summary>
    internal long CachedSearches => _results.Served;

    /// <summary>Whether the searcher searches get now has <paramref name="facet"/>'s ordinals built already.</summary>
    internal bool FacetOrdinalsReady(string facet)
    {
        var searcher = AcquireSearcher();
        try
        {
            return FacetOrdinals.IsBuilt(searcher.IndexReader, facet);
        }
        finally
        {
            Release(searcher);
        }
    }

    private SearchResult Search(IndexSearcher searcher, PatentQuery query, Query? textQuery, Query luceneQuery, CancellationToken cancellationToken)
    {
        var window = query.Page * query.PageSize;
        var facets = query.Facets.Count > 0 ? new FacetCountCollector(searcher.IndexReader, query.Facets) : null;
        TopDocs all;
        // Facets are counted by a collector in the same pass as the top documents: the "search" span holds both,
        // and "facet count" the turning of counts into the labelled top values.
        using (var searching = SearchTelemetry.Source.StartActivity("search"))
        {
            searching?.SetTag("search.facets", query.Facets.Count);
            all = TopDocuments(searcher, query, luceneQuery, facets, window);
        }
        var docs = all.ScoreDocs.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToArray();
        var highlight = query.Highlight && textQuery is not null and not MatchAllDocsQuery ? SearchHighlighter.Prepare(textQuery) : null;
        var hits = new List<SearchHit>(docs.Length);
        // The page's records are read and marked up here: the span is named for the costlier half.
        using (SearchTelemetry.Source.StartActivity("highlight"))
        {
            foreach (var sd in docs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = Load(searcher, sd.Doc);
                var highlights = highlight is not null
                    ? _highlighter.Highlight(highlight, record)
                    : new Dictionary<string, string>();
                hits.Add(new SearchHit(record, float.IsNaN(sd.Score) ? 0f : sd.Score, highlights));
            }
        }
        IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> facetValues = new Dictionary<string, IReadOnlyList<FacetValue>>();
        if (facets is not null)
        {
            using (SearchTelemetry.Source.StartActivity("facet count"))
                facetValues = facets.Result(query.FacetSize);
        }
        return new SearchResult
        {
            Total = all.TotalHits,
            Hits = hits,
            Facets = facetValues,
        };
    }

    private static TopDocs TopDocuments(IndexSearcher searcher, PatentQuery query, Query luceneQuery, FacetCountCollector? facets, int window)
    {
        if (facets is null)
        {
            // Without facets the searcher's own top-docs search runs the segments in parallel (see Bm25SearcherFactory).
            return query.Sort == SearchSort.Relevance
                ? searcher.Search(luceneQuery, window)
                : searcher.Search(luceneQuery, null, window, SortFor(query.Sort), true, false);
        }
        ITopDocsCollector top = query.Sort == SearchSort.Relevance
            ? TopScoreDocCollector.Create(window, false)
            : TopFieldCollector.Create(SortFor(query.Sort), window, false, true, false, false);
        searcher.Search(luceneQuery, MultiCollector.Wrap(top, facets));
        return top.GetTopDocs();
    }

    /// <summary>Filters and date ranges as one non-scoring query: OR within a field, AND across fields.</summary>
    private static BooleanQuery? BuildFilter(PatentQuery query)
    {
        var all = new BooleanQuery();
        foreach (var (field, values) in query.Filters)
        {
            if (values is null || values.Count == 0) continue;
            var any = new BooleanQuery();
            foreach (var v in values.Distinct(StringComparer.Ordinal))
                any.Add(new TermQuery(new Term(PatentFields.Facet(field), v)), Occur.SHOULD);
            all.Add(any, Occur.MUST);
        }
        AddDateFilter(all, PatentFields.ApplicationDate, query.ApplicationDate);
        AddDateFilter(all, PatentFields.PublicationDate, query.PublicationDate);
        AddDateFilter(all, PatentFields.GrantDate, query.GrantDate);
        return all.Clauses.Count == 0 ? null : all;
    }

    private static void AddDateFilter(BooleanQuery all, string field, DateRange? range)
    {
        if (range is null || (range.From is null && range.To is null)) return;
        if (range.From > range.To)
            throw new ArgumentException($"Date range on {field} starts ({range.From:yyyy-MM-dd}) after it ends ({range.To:yyyy-MM-dd})");
        all.Add(LuceneQueryTranslator.DateRange(field, range.From, range.To), Occur.MUST);
    }

    private static Sort SortFor(SearchSort sort)
    {
        if (sort == SearchSort.ValueIndexDescending)
        {
            var value = new SortField(LuceneFields.ValueIndexSort, SortFieldType.INT64, true);
            value.SetMissingValue(long.MinValue);
            return new Sort(value, SortField.FIELD_SCORE, new SortField(LuceneFields.IdSort, SortFieldType.STRING));
        }
        var (field, descending) = sort switch
        {
            SearchSort.PublicationDateDescending => (LuceneFields.PublicationDateSort, true),
            SearchSort.PublicationDateAscending => (LuceneFields.PublicationDateSort, false),
            SearchSort.ApplicationDateDescending => (LuceneFields.ApplicationDateSort, true),
            SearchSort.ApplicationDateAscending => (LuceneFields.ApplicationDateSort, false),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "not a date sort"),
        };
        // Records without the date come last either way.
        var date = new SortField(field, SortFieldType.INT32, descending);
        date.SetMissingValue(descending ? int.MinValue : int.MaxValue);
        return new Sort(date, new SortField(LuceneFields.IdSort, SortFieldType.STRING));
    }

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var stats = WithSearcher(s =>
        {
            // Counting every facet over every record costs ~60 ms at a million records, and callers ask for stats to
            // learn whether the index changed (the dashboard on every visit): computed once per reader.
            if (_stats is { } known && known.Reader.TryGetTarget(out var reader) && ReferenceEquals(reader, s.IndexReader)) return known.Stats;
            var facets = new FacetCountCollector(s.IndexReader, PatentFacets.All.Select(f => f.Name).ToList());
            s.Search(new MatchAllDocsQuery(), facets);
            var computed = new IndexStats(s.IndexReader.NumDocs, SizeOnDisk(), facets.Result(20), "lucene", Location);
            _stats = new ReaderStats(new WeakReference<IndexReader>(s.IndexReader), computed);
            return computed;
        });
        return Task.FromResult(stats);
    }

    /// <summary>Stats and the reader they describe, held weakly so a replaced reader's caches can go.</summary>
    private sealed record ReaderStats(WeakReference<IndexReader> Reader, IndexStats Stats);

    private volatile ReaderStats? _stats;

    private long SizeOnDisk()
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(Location).EnumerateFiles())
        {
            try { total += file.Length; }
            catch (FileNotFoundException) { }
        }
        return total;
    }

    public async IAsyncEnumerable<PatentRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await Task.Yield();
        var searcher = AcquireSearcher();
        try
        {
            var reader = searcher.IndexReader;
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var terms = MultiFields.GetTerms(reader, PatentFields.Id);
            if (terms is null) yield break;
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            // Term order of StringField ids is ordinal order of their UTF-8 bytes: id order.
            while (termsEnum.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                docs = termsEnum.Docs(liveDocs, docs, DocsFlags.NONE);
                var doc = docs.NextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) continue;
                yield return RecordJson.Deserialize(reader.Document(doc, JsonOnly).Get(LuceneFields.Json));
            }
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>Documents a scan reads in one go, on one thread, before handing them out.</summary>
    private const int ScanBatch = 256;

    public async IAsyncEnumerable<PatentRecord> ScanAsync(RecordView view, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await Task.Yield();
        var searcher = AcquireSearcher();
        try
        {
            var batch = new List<PatentRecord>(ScanBatch);
            // Segment by segment in document order: summaries are read column-wise from binary doc values, a few
            // hundred bytes each, instead of decompressing the stored record (most of the index's bytes).
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                for (var from = 0; from < leaf.AtomicReader.MaxDoc; from += ScanBatch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ReadBatch(leaf.AtomicReader, view, from, Math.Min(leaf.AtomicReader.MaxDoc, from + ScanBatch), batch);
                    foreach (var record in batch) yield return record;
                }
            }
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>
    /// Documents [from, to) of one segment into <paramref name="batch"/>, synchronously: a segment's doc values belong
    /// to the thread that asked for them, and a consumer may resume the scan on another thread after each batch.
    /// </summary>
    private static void ReadBatch(AtomicReader reader, RecordView view, int from, int to, List<PatentRecord> batch)
    {
        batch.Clear();
        var live = reader.LiveDocs;
        var summaries = view == RecordView.Summary ? reader.GetBinaryDocValues(LuceneFields.Summary) : null;
        var bytes = new global::Lucene.Net.Util.BytesRef();
        for (var doc = from; doc < to; doc++)
        {
            if (live is not null && !live.Get(doc)) continue;
            if (summaries is not null)
            {
                summaries.Get(doc, bytes);
                if (SummaryEncoding.Decode(bytes.Bytes, bytes.Offset, bytes.Length) is { } summary)
                {
                    batch.Add(summary);
                    continue;
                }
            }
            var record = RecordJson.Deserialize(reader.Document(doc, JsonOnly).Get(LuceneFields.Json));
            batch.Add(view == RecordView.Summary ? RecordSummary.Of(record) : record);
        }
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> work)
    {
        var searcher = AcquireSearcher();
        try
        {
            return work(searcher);
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>
    /// The current searcher. Read-only, nothing reopens it in the background: it is reopened here, without waiting,
    /// when older than <see cref="LuceneIndexOptions.MaxRefreshDelay"/>, so it follows the writer's commits.
    /// </summary>
    private IndexSearcher AcquireSearcher()
    {
        if (_readOnly)
        {
            var now = Environment.TickCount64;
            var last = Volatile.Read(ref _lastReadOnlyRefresh);
            if (now - last >= _options.MaxRefreshDelay.TotalMilliseconds && Interlocked.CompareExchange(ref _lastReadOnlyRefresh, now, last) == last)
                _searchers.MaybeRefresh();
        }
        while (true)
        {
            var searchers = _searchers;
            try
            {
                return searchers.Acquire();
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(searchers, _searchers))
            {
                // Replaced after a failed write between reading the field and acquiring: take the new one.
            }
        }
    }

    // What SearcherManager.Release does, without the manager: the searcher may outlive a manager replaced meanwhile.
    private static void Release(IndexSearcher searcher) => searcher.IndexReader.DecRef();

    /// <summary>
    /// Copies the files of the last commit into <paramref name="folder"/> (created, expected empty) while searches,
    /// writes and commits go on: the commit is held by the writer's snapshot deletion policy until the copy ends, so
    /// merges cannot delete its files. The copy is an index that opens on its own with every record committed
    /// before the call and none written after it. Returns the commit's generation and the files copied.
    /// </summary>
    public (long Generation, IReadOnlyList<string> Files) CopyLastCommitTo(string folder)
    {
        ThrowIfDisposed();
        if (_readOnly)
            throw new InvalidOperationException("A read-only index cannot take a snapshot: the backup is taken by the process that owns the writer.");
        var writer = CurrentWriter();
        var policy = (SnapshotDeletionPolicy)writer.Config.IndexDeletionPolicy;
        // A new index has no commit until its first one; committing nothing gives the copy an empty, openable index.
        if (!DirectoryReader.IndexExists(_directory)) Write(w => { w.Commit(); return true; });
        var commit = policy.Snapshot();
        try
        {
            System.IO.Directory.CreateDirectory(folder);
            var files = commit.FileNames.Order(StringComparer.Ordinal).ToList();
            foreach (var name in files)
                File.Copy(Path.Combine(Location, name), Path.Combine(folder, name), overwrite: false);
            return (commit.Generation, files);
        }
        finally
        {
            policy.Release(commit);
            // Files only the snapshot still held (merged away meanwhile) go now rather than at the next commit.
            writer.DeleteUnusedFiles();
        }
    }

    /// <summary>
    /// Test hook for a crash: drops uncommitted writes and releases the lock without a final commit,
    /// as a killed process would (the caller then leaves a stale lock file behind).
    /// </summary>
    internal void Abandon()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        StopRefreshing();
        lock (_writerSwap)
        {
            _searchers.Dispose();
            _writer?.Rollback();
        }
        _analyzers.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// Commits and closes the writer, releasing the index's lock. A call made while another is closing the index waits for
    /// it: a host that disposes its services on one thread while the code that stopped it disposes them on another (the
    /// test host does) must not see the lock still held when its own call returns.
    /// </summary>
    public void Dispose()
    {
        lock (_closing)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            StopRefreshing();
            lock (_writerSwap)
            {
                _searchers.Dispose();
                _writer?.Dispose();
            }
            _analyzers.Dispose();
            _directory.Dispose();
        }
    }

    private void StopRefreshing()
    {
        _stopRefresh.Cancel();
        _refresher?.Join();
        _stopRefresh.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>
    /// Background merges as Lucene runs them, at background priority (<see cref="BackgroundWork"/>), except that a merge that fails (a full disk) is logged: Lucene's own
    /// scheduler rethrows on its merge thread, which ends a .NET process. A failed merge loses nothing: its segments stay
    /// as they were, and the next merge tries again.
    /// </summary>
    private sealed class LoggingMergeScheduler(ILogger logger, string path) : ConcurrentMergeScheduler
    {
        // Merge threads merge and nothing else: they run below the searches, as the load's other threads do.
        protected override void DoMerge(MergePolicy.OneMerge merge)
        {
            BackgroundWork.LowerCurrentThread();
            base.DoMerge(merge);
        }

        protected override void HandleMergeException(Exception exc) =>
            logger.LogError(exc, "A background merge of the index at {IndexPath} failed; its segments stay unmerged until a later merge", path);
    }

    /// <summary>
    /// BM25 searchers; with more than one core they search the segments of a top-docs search in parallel on the thread
    /// pool, so one query (a match over a large index) uses every core. Beside the writer, each reopened reader's facet
    /// ordinals are built here, on the reopen thread before the searcher is published: otherwise the first faceted
    /// searches after every refresh (each second during a load) wait together for them, which made search p99 during a
    /// browser load many times its idle value. A read-only command builds them on first use instead, as most never
    /// count facets.
    /// </summary>
    private sealed class Bm25SearcherFactory(bool parallel, bool warmFacets) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            if (warmFacets) FacetOrdinals.Warm(reader);
            var searcher = parallel ? new IndexSearcher(reader, TaskScheduler.Default) : new IndexSearcher(reader);
            searcher.Similarity = new BM25Similarity();
            return searcher;
        }
    }
}
