using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Engine;

/// <summary>Lucene-only behaviour the engine-neutral suite cannot state: locks and options.</summary>
public sealed class LuceneIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Open_while_another_writer_holds_the_folder_is_refused_with_a_clear_error()
    {
        using var first = LuceneIndex.Open(_folder.Path);
        var e = Assert.Throws<PatentIndexLockedException>(() => LuceneIndex.Open(_folder.Path));
        Assert.Contains(first.Location, e.Message, StringComparison.Ordinal);
        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispose_made_while_another_is_closing_the_index_returns_only_once_the_writer_lock_is_released()
    {
        // A host's services are disposed on the thread that ran the site and on the one that stopped it: the second call
        // returned at once while the first still committed, and a site restarted on the folder found the lock held.
        var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, RamBufferSizeMB = 256, MaxRefreshDelay = TimeSpan.FromMinutes(10) });
        await index.UpsertAsync(SampleRecords.Generated(20_000).ToList());

        var first = Task.Run(index.Dispose);
        while (!Closing(index)) await Task.Yield();
        index.Dispose();

        Assert.False(LuceneIndex.IsHeldByWriter(_folder.Path));
        await first;
        using var reopened = LuceneIndex.Open(_folder.Path);
        Assert.Equal(20_000, (await reopened.GetStatsAsync()).Records);
    }

    private static bool Closing(LuceneIndex index)
    {
        try
        {
            index.GetAsync(SampleRecords.Drone).GetAwaiter().GetResult();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    [Fact]
    public async Task Beside_the_writer_a_refreshed_searcher_has_its_facet_ordinals_built_before_any_search_asks()
    {
        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, MaxRefreshDelay = TimeSpan.FromMilliseconds(50) });
        await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
        await index.CommitAsync();

        // No search has counted a facet on this searcher: the reopen built the ordinals of every facet.
        Assert.All(PatentFacets.All, f => Assert.True(index.FacetOrdinalsReady(f.Name), f.Name));
    }

    [Fact]
    public async Task A_read_only_index_builds_facet_ordinals_only_when_a_search_counts_them()
    {
        using (var writer = LuceneIndex.Open(_folder.Path))
        {
            await writer.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
            await writer.CommitAsync();
        }
        using var reader = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, ReadOnly = true });

        Assert.False(reader.FacetOrdinalsReady(PatentFacets.All[0].Name));
        await reader.SearchAsync(new PatentQuery { Text = "无人机", Facets = [PatentFacets.All[0].Name] });
        Assert.True(reader.FacetOrdinalsReady(PatentFacets.All[0].Name));
    }

    [Fact]
    public async Task Read_only_open_beside_a_live_writer_reads_its_commits_as_they_come_and_refuses_writes()
    {
        using var writer = LuceneIndex.Open(_folder.Path);
        await writer.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
        await writer.CommitAsync();

        using var reader = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, ReadOnly = true, MaxRefreshDelay = TimeSpan.FromMilliseconds(50) });
        Assert.True(reader.IsReadOnly);
        Assert.True(LuceneIndex.IsHeldByWriter(_folder.Path));
        Assert.NotNull(await reader.GetAsync(SampleRecords.Drone));

        await writer.UpsertAsync([SampleRecords.Get(SampleRecords.Camera)]);
        await writer.CommitAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await reader.GetStatsAsync()).Records < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(2, (await reader.GetStatsAsync()).Records);
        Assert.NotNull(await reader.GetAsync(SampleRecords.Camera));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.UpsertAsync([SampleRecords.Get(SampleRecords.Keywords)]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.SetLabelsAsync(new Dictionary<string, LabelChanges> { [SampleRecords.Drone] = LabelChanges.Label("chain", "x") }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.CommitAsync());
    }

    [Fact]
    public void Read_only_open_of_a_folder_that_holds_no_index_is_refused_with_a_clear_error()
    {
        var e = Assert.Throws<PatentIndexNotFoundException>(() => LuceneIndex.OpenReadOnly(_folder.Path));
        Assert.Contains("no index", e.Message, StringComparison.Ordinal);
        Assert.False(LuceneIndex.IsHeldByWriter(_folder.Path));
    }

    [Fact]
    public async Task Open_with_stale_lock_file_from_a_killed_process_succeeds()
    {
        using (var index = LuceneIndex.Open(_folder.Path))
        {
            await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
            await index.CommitAsync();
        }
        var lockFile = Path.Combine(_folder.Path, "write.lock");
        await File.WriteAllTextAsync(lockFile, "left by a killed process");

        using var reopened = LuceneIndex.Open(_folder.Path);
        Assert.NotNull(await reopened.GetAsync(SampleRecords.Drone));
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task Open_after_dispose_releases_the_lock_for_the_next_writer()
    {
        LuceneIndex.Open(_folder.Path).Dispose();
        using var again = LuceneIndex.Open(_folder.Path);
        Assert.Equal(0, (await again.GetStatsAsync()).Records);
    }

    [Fact]
    public async Task Scan_summary_of_a_record_with_hundreds_of_applicants_is_kept_as_doc_values_like_any_other()
    {
        // 400 applicants with long addresses: a summary of about 60 KB, over the 32 KB some doc-values formats allow.
        var crowded = SampleRecords.Get(SampleRecords.Drone);
        crowded.Applicants = Enumerable.Range(0, 400)
            .Select(i => new Party { Name = $"泉州市第{i}号智能装备制造有限公司", Address = $"福建省泉州市晋江市经济开发区五里园区第{i}号路智能装备产业园{i}号楼", Type = PartyType.Enterprise })
            .ToList();
        Assert.True(RecordJson.SerializeCompact(RecordSummary.Of(crowded)).Length > 32_766);
        using var index = LuceneIndex.Open(_folder.Path);
        await index.UpsertAsync([crowded, SampleRecords.Get(SampleRecords.Camera)]);
        await index.CommitAsync();

        var scanned = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Summary)) scanned.Add(r);

        Assert.Equal(0, index.RecordsWithoutSummary());
        Assert.Equal(2, scanned.Count);
        Assert.Equal(RecordJson.Serialize(RecordSummary.Of(crowded)), RecordJson.Serialize(scanned.Single(r => r.Id == crowded.Id)));
        var camera = SampleRecords.Get(SampleRecords.Camera);
        Assert.Equal(RecordJson.Serialize(RecordSummary.Of(camera)), RecordJson.Serialize(scanned.Single(r => r.Id == camera.Id)));
    }

    [Fact]
    public async Task Open_an_index_written_before_summaries_counts_and_warns_of_its_records_scans_them_whole_and_a_rewrite_gives_them_summaries()
    {
        string[] ids = [SampleRecords.Drone, SampleRecords.Transistor, SampleRecords.Camera];
        var records = ids.Select(SampleRecords.Get).ToList();
        using (var analyzers = new PatentAnalyzers())
        using (var directory = global::Lucene.Net.Store.FSDirectory.Open(_folder.Path))
        using (var writer = new global::Lucene.Net.Index.IndexWriter(directory, new global::Lucene.Net.Index.IndexWriterConfig(PatentAnalyzers.Version, analyzers.PerField)))
        {
            global::Lucene.Net.Documents.Document Old(PatentRecord r)
            {
                var doc = PatentDocumentBuilder.Build(r);
                doc.RemoveField(LuceneFields.Summary); // as the builder wrote documents before summaries existed
                return doc;
            }
            writer.AddDocument(Old(records[0])); // a segment from before summaries: no summary field at all
            writer.Commit();
            writer.AddDocument(Old(records[1])); // a segment where old and new documents meet, as after a merge
            writer.AddDocument(PatentDocumentBuilder.Build(records[2]));
            writer.Commit();
        }
        var log = new WarningLog();

        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path }, log);
        Assert.Equal(2, index.RecordsWithoutSummary());
        Assert.Contains(log.Warnings, w => w.Contains("2 records", StringComparison.Ordinal) && w.Contains("Analytics label", StringComparison.Ordinal));
        var scanned = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Summary)) scanned.Add(r);
        Assert.Equal(3, scanned.Count);
        foreach (var r in records)
            Assert.Equal(RecordJson.Serialize(RecordSummary.Of(r)), RecordJson.Serialize(scanned.Single(s => s.Id == r.Id)));

        await index.UpsertAsync(records.Take(2).ToList());
        await index.CommitAsync();
        Assert.Equal(0, index.RecordsWithoutSummary());
    }

    private static List<string> SegmentCodecs(string path)
    {
        PatentCodec.Register();
        using var directory = global::Lucene.Net.Store.FSDirectory.Open(path);
        var infos = new global::Lucene.Net.Index.SegmentInfos();
        infos.Read(directory);
        return infos.Segments.Select(s => s.Info.Codec.Name).ToList();
    }

    [Fact]
    public async Task Records_the_engine_writes_go_into_segments_of_the_patent_codec_and_read_back_exactly()
    {
        var records = SampleRecords.All();
        using (var index = LuceneIndex.Open(_folder.Path))
        {
            await index.UpsertAsync(records.ToList());
            await index.CommitAsync();
        }

        Assert.All(SegmentCodecs(_folder.Path), name => Assert.Equal(PatentCodec.CodecName, name));
        using var reader = LuceneIndex.OpenReadOnly(_folder.Path);
        foreach (var r in records)
            Assert.Equal(RecordJson.Serialize(r), RecordJson.Serialize((await reader.GetAsync(r.Id))!));
    }

    [Fact]
    public async Task An_index_written_by_the_Lucene46_codec_with_JSON_summaries_opens_searches_reads_and_scans_and_takes_new_records_in_the_patent_codec()
    {
        string[] ids = [SampleRecords.Drone, SampleRecords.Transistor];
        var records = ids.Select(SampleRecords.Get).ToList();
        // As the engine wrote documents before ADR-021: the default codec, summaries as compact JSON.
        using (var analyzers = new PatentAnalyzers())
        using (var directory = global::Lucene.Net.Store.FSDirectory.Open(_folder.Path))
        using (var writer = new global::Lucene.Net.Index.IndexWriter(directory, new global::Lucene.Net.Index.IndexWriterConfig(PatentAnalyzers.Version, analyzers.PerField)))
        {
            foreach (var r in records)
            {
                var doc = PatentDocumentBuilder.Build(r);
                doc.RemoveField(LuceneFields.Summary);
                doc.Add(new global::Lucene.Net.Documents.BinaryDocValuesField(LuceneFields.Summary, new global::Lucene.Net.Util.BytesRef(RecordJson.SerializeCompact(RecordSummary.Of(r)))));
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        Assert.All(SegmentCodecs(_folder.Path), name => Assert.Equal("Lucene46", name));

        using (var old = LuceneIndex.OpenReadOnly(_folder.Path))
        {
            Assert.Equal(SampleRecords.Drone, (await old.SearchAsync(new PatentQuery { Text = "无人机" })).Hits.Single().Record.Id);
            Assert.Equal(RecordJson.Serialize(records[1]), RecordJson.Serialize((await old.GetAsync(SampleRecords.Transistor))!));
        }

        using var index = LuceneIndex.Open(_folder.Path);
        Assert.Equal(0, index.RecordsWithoutSummary());
        var camera = SampleRecords.Get(SampleRecords.Camera);
        await index.UpsertAsync([camera]);
        await index.CommitAsync();
        records.Add(camera);

        Assert.Equal(["Lucene46", PatentCodec.CodecName], SegmentCodecs(_folder.Path));
        var scanned = new List<PatentRecord>();
        await foreach (var r in index.ScanAsync(RecordView.Summary)) scanned.Add(r);
        Assert.Equal(3, scanned.Count);
        foreach (var r in records)
        {
            Assert.Equal(RecordJson.Serialize(RecordSummary.Of(r)), RecordJson.Serialize(scanned.Single(s => s.Id == r.Id)));
            Assert.Equal(RecordJson.Serialize(r), RecordJson.Serialize((await index.GetAsync(r.Id))!));
        }
    }

    private sealed class WarningLog : Microsoft.Extensions.Logging.ILogger<LuceneIndex>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10_000, 2)]
    public async Task Open_from_search_options_takes_the_Lucene_sections_result_cache(int cacheHits, long servedFromCache)
    {
        using var engine = SearchEngines.Open(new SearchOptions { IndexPath = _folder.Path, Lucene = { ResultCacheHits = cacheHits } });
        var index = Assert.IsType<LuceneIndex>(engine);
        await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
        await index.CommitAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(1, (await index.SearchAsync(new PatentQuery { Text = "无人机" })).Total);
        Assert.Equal(servedFromCache, index.CachedSearches);
    }

    [Fact]
    public void Create_without_index_path_names_the_missing_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => new LuceneIndex(new LuceneIndexOptions()));
        Assert.Contains(nameof(LuceneIndexOptions.IndexPath), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_is_visible_to_searches_without_commit_after_the_refresh_delay()
    {
        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path, MaxRefreshDelay = TimeSpan.FromMilliseconds(50) });
        await index.UpsertAsync([SampleRecords.Get(SampleRecords.Drone)]);
        // Wait on the condition (the background reopen), bounded so a broken refresh fails instead of hanging.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await index.GetAsync(SampleRecords.Drone) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the upsert never became visible without a commit");
            await Task.Yield();
        }
        Assert.Equal(1, (await index.SearchAsync(new PatentQuery { Text = "无人机" })).Total);
    }

    [Fact]
    public async Task Facets_over_many_segments_with_updates_count_like_the_records_themselves()
    {
        using var index = new LuceneIndex(new LuceneIndexOptions { IndexPath = _folder.Path });
        var records = SampleRecords.All().Concat(SampleRecords.Generated(300)).ToDictionary(r => r.Id);
        // Several commits make several segments; the second round replaces records, leaving deleted documents.
        foreach (var chunk in records.Values.Chunk(40))
        {
            await index.UpsertAsync(chunk);
            await index.CommitAsync();
        }
        foreach (var r in records.Values.Where((_, i) => i % 7 == 0).ToList())
        {
            r.Applicants = [new Party { Name = "替换后的申请人" + (r.Id.Length % 3), Type = PartyType.Individual }];
            await index.UpsertAsync([r]);
        }
        await index.CommitAsync();

        var result = await index.SearchAsync(new PatentQuery { Facets = [.. PatentFacets.All.Select(f => f.Name)], FacetSize = 1000 });
        Assert.Equal(records.Count, result.Total);
        foreach (var facet in PatentFacets.All)
        {
            var expected = records.Values.SelectMany(r => PatentFacets.ValuesOf(facet, r))
                .GroupBy(v => v, StringComparer.Ordinal)
                .Select(g => new FacetValue(g.Key, g.Count()))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(expected, result.Facets[facet.Name]);
        }
        var top = await index.SearchAsync(new PatentQuery { Text = "储能", Facets = [FacetFields.Applicant], FacetSize = 3 });
        var expectedTop = records.Values.Where(r => r.Titles.Concat(r.Abstracts).Concat(r.FirstClaims).Any(t => t.Text.Contains("储能", StringComparison.Ordinal)))
            .SelectMany(r => PatentFacets.ValuesOf(PatentFacets.Find(FacetFields.Applicant)!, r))
            .GroupBy(v => v, StringComparer.Ordinal).Select(g => new FacetValue(g.Key, g.Count()))
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).Take(3).ToList();
        Assert.Equal(expectedTop, top.Facets[FacetFields.Applicant]);
    }

    [Fact]
    public async Task Stats_name_the_engine_and_folder()
    {
        using var index = LuceneIndex.Open(_folder.Path);
        var stats = await index.GetStatsAsync();
        Assert.Equal("lucene", stats.Engine);
        Assert.Equal(Path.GetFullPath(_folder.Path), stats.Location);
    }

    public void Dispose() => _folder.Dispose();
}
