using Marketplace.Web.IndexLabels;
using Marketplace.Web.Licensing;
using Marketplace.Web.Pledges;
using Marketplace.Web.Samples;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Transfers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.IndexLabels;

/// <summary>The one mechanism behind the site's index labels, on a real Lucene index with labels whose carriers the test sets.</summary>
public sealed class IndexLabelWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "index-labels-" + Guid.NewGuid().ToString("N"));
    private readonly CommitCountingIndex _index;

    public IndexLabelWriterTests()
    {
        _index = new CommitCountingIndex(LuceneIndex.Open(_folder));
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string[]> PatentsAsync(int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"CN1{98_000_000 + i:D8}A").ToArray();
        await _index.UpsertAsync([.. ids.Select(id => new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Titles = [new LocalizedText("zh", "一种标签测试用的涂布方法 " + id)],
            IpcCodes = ["H01M4/04"],
            Labels = { [LabelFacets.Chain] = ["new-energy"] },
        })]);
        await _index.CommitAsync();
        _index.Commits = 0;
        return ids;
    }

    /// <summary>The label's values on the stored record, joined: "" when it has none.</summary>
    private async Task<string> ValuesAsync(string id, string facet) => string.Join(",", LabelFacets.ValuesOf((await _index.GetAsync(id))!, facet));

    [Fact]
    public async Task A_refresh_of_several_labels_on_several_patents_writes_them_in_one_write_and_one_commit()
    {
        var (a, b, c) = (await PatentsAsync(3)) switch { var p => (p[0], p[1], p[2]) };
        var writer = new IndexLabelWriter([new TestLabel("label_one", "yes", [a]), new TestLabel("label_two", "on", [a, b])], _index);

        await writer.RefreshAllAsync([a, b, c]);

        Assert.Equal((1, 1), (_index.LabelWrites, _index.Commits));
        Assert.Equal(("yes", "on"), (await ValuesAsync(a, "label_one"), await ValuesAsync(a, "label_two")));
        Assert.Equal(("", "on"), (await ValuesAsync(b, "label_one"), await ValuesAsync(b, "label_two")));
        Assert.Equal(("", ""), (await ValuesAsync(c, "label_one"), await ValuesAsync(c, "label_two")));
    }

    [Fact]
    public async Task A_refresh_of_one_label_removes_it_where_no_longer_carried_and_leaves_every_other_label_as_stored()
    {
        var (a, b) = (await PatentsAsync(2)) switch { var p => (p[0], p[1]) };
        var one = new TestLabel("label_one", "yes", [a, b]);
        var two = new TestLabel("label_two", "on", [a]);
        var writer = new IndexLabelWriter([one, two], _index);
        await writer.RefreshAllAsync([a, b]);

        one.Carriers = [b];
        two.Carriers = [];
        await writer.RefreshAsync([a, b], [one]);

        Assert.Equal(("", "on", "new-energy"), (await ValuesAsync(a, "label_one"), await ValuesAsync(a, "label_two"), await ValuesAsync(a, LabelFacets.Chain)));
        Assert.Equal("yes", await ValuesAsync(b, "label_one"));
    }

    [Fact]
    public async Task A_refresh_that_changes_no_record_commits_nothing()
    {
        var ids = await PatentsAsync(2);
        var writer = new IndexLabelWriter([new TestLabel("label_one", "yes", [ids[0]])], _index);
        await writer.RefreshAllAsync(ids);
        _index.Commits = 0;

        await writer.RefreshAllAsync(ids);

        Assert.Equal(0, _index.Commits);
    }

    [Fact]
    public async Task The_sync_at_start_waits_for_the_sample_load_then_brings_every_label_in_line_in_one_commit_despite_a_failing_label()
    {
        var (a, b, c) = (await PatentsAsync(3)) switch { var p => (p[0], p[1], p[2]) };
        var services = new ServiceCollection()
            .AddSingleton<IPatentIndex>(_index)
            .AddScoped<IndexLabelWriter>()
            .AddScoped<IIndexLabel>(_ => new TestLabel("label_one", "yes", [a], touched: [a, b]))
            .AddScoped<IIndexLabel>(_ => new FailingLabel())
            .AddScoped<IIndexLabel>(_ => new TestLabel("label_two", "on", [c], touched: [c]))
            .BuildServiceProvider();
        await _index.SetLabelsAsync(new Dictionary<string, LabelChanges> { [b] = LabelChanges.Label("label_one", "yes") });
        var samples = new SampleLoadStatus();
        var log = new ListLogger();
        using var sync = new IndexLabelSync(services.GetRequiredService<IServiceScopeFactory>(), samples, log);

        await sync.StartAsync(CancellationToken.None);
        // Started, and waiting for the sample load: nothing written yet.
        Assert.False(sync.ExecuteTask!.IsCompleted);
        Assert.Equal(0, _index.Commits);
        samples.Finish(SampleLoadState.Completed, "loaded");
        await sync.ExecuteTask!;

        Assert.Equal(1, _index.Commits);
        Assert.Equal(("yes", "", "on"), (await ValuesAsync(a, "label_one"), await ValuesAsync(b, "label_one"), await ValuesAsync(c, "label_two")));
        Assert.Contains(log.Lines, l => l.Contains("label_one", StringComparison.Ordinal) && l.Contains("on 2 patents, 1 of which", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("label_broken", StringComparison.Ordinal) && l.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("label_two", StringComparison.Ordinal) && l.Contains("on 1 patents, 1 of which", StringComparison.Ordinal));
    }

    private sealed class TestLabel(string facet, string value, IEnumerable<string> carriers, IEnumerable<string>? touched = null) : IIndexLabel
    {
        public HashSet<string> Carriers { get; set; } = [.. carriers];
        public string Facet => facet;
        public string Value => value;

        public Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlySet<string>>(patentIds.Where(Carriers.Contains).ToHashSet(StringComparer.Ordinal));

        public Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyCollection<string>>([.. touched ?? Carriers]);
    }

    private sealed class FailingLabel : IIndexLabel
    {
        public string Facet => "label_broken";
        public string Value => "never";
        public Task<IReadOnlySet<string>> CarriedByAsync(IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default) => throw new InvalidOperationException("database gone");
        public Task<IReadOnlyCollection<string>> TouchedAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("database gone");
    }

    private sealed class ListLogger : ILogger<IndexLabelSync>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }

    /// <summary>The real index, counting the label writes and commits that reach it.</summary>
    private sealed class CommitCountingIndex(IPatentIndex inner) : IPatentIndex
    {
        public int Commits { get; set; }
        public int LabelWrites { get; private set; }
        public long WriteEpoch => inner.WriteEpoch;
        public Exception? LastWriteFailure => inner.LastWriteFailure;

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            Commits++;
            return inner.CommitAsync(cancellationToken);
        }

        public Task<int> SetLabelsAsync(IReadOnlyDictionary<string, LabelChanges> changes, CancellationToken cancellationToken = default)
        {
            LabelWrites++;
            return inner.SetLabelsAsync(changes, cancellationToken);
        }

        public Task UpsertAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default) => inner.UpsertAsync(records, cancellationToken);
        public Task UpsertDataAsync(IReadOnlyCollection<PatentRecord> records, CancellationToken cancellationToken = default) => inner.UpsertDataAsync(records, cancellationToken);
        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
        public Task<PatentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);
        public Task<IReadOnlyDictionary<string, PatentRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => inner.GetManyAsync(ids, cancellationToken);
        public Task<IReadOnlyList<PatentRecord>> LookupAsync(string number, CancellationToken cancellationToken = default) => inner.LookupAsync(number, cancellationToken);
        public Task<SearchResult> SearchAsync(PatentQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(query, cancellationToken);
        public Task<IReadOnlySet<string>> MatchingIdsAsync(PatentQuery query, CancellationToken cancellationToken = default) => inner.MatchingIdsAsync(query, cancellationToken);
        public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);
        public IAsyncEnumerable<PatentRecord> ExportAsync(CancellationToken cancellationToken = default) => inner.ExportAsync(cancellationToken);
        public IAsyncEnumerable<PatentRecord> ScanAsync(RecordView view, CancellationToken cancellationToken = default) => inner.ScanAsync(view, cancellationToken);
        public void Dispose() => inner.Dispose();
    }
}

/// <summary>The site registers each feature's label with the one writer and the one sync.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class RegisteredIndexLabelsTests(LicensingSite site)
{
    [Fact]
    public async Task The_site_keeps_the_open_licence_for_sale_and_pledge_labels_through_one_writer_and_one_sync()
    {
        await using var scope = site.Scope();
        var writer = scope.ServiceProvider.GetRequiredService<IndexLabelWriter>();

        Assert.Equal([typeof(ForSaleLabel), typeof(OpenLicenseLabel), typeof(PledgeLabel)], writer.Labels.Select(l => l.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal([LabelFacets.ForSale, LabelFacets.OpenLicense, LabelFacets.Pledge], writer.Labels.OrderBy(l => l.GetType().Name, StringComparer.Ordinal).Select(l => l.Facet));
        Assert.Single(site.Services.GetServices<IHostedService>().OfType<IndexLabelSync>());
    }
}
