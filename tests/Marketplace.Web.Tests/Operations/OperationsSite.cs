using System.Diagnostics;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Marketplace.Web.Tests.Operations;

/// <summary>
/// The real site with in-memory exporters beside its own (every span and metric it produces lands in
/// <see cref="Spans"/> and <see cref="Metrics"/>), an operations token, backups and documents in a folder of its
/// own, and one path, <see cref="FailingPath"/>, that throws as a bug would.
/// </summary>
public sealed class OperationsSite : IAsyncLifetime
{
    public const string Token = "test-operations-token-0123456789abcdef0123";
    public const string FailingPath = "/test/unhandled-failure";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "marketplace-ops-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public OperationsSite()
    {
        Site = MarketplaceSite.WithServices(new Dictionary<string, string?>
        {
            ["Operations:Token"] = Token,
            ["Operations:BackupPath"] = BackupFolder,
            ["Licensing:EvaluationReportFolder"] = Path.Combine(_folder, "documents", "evaluation-reports"),
            ["Deals:ContractsPath"] = Path.Combine(_folder, "documents", "deal-contracts"),
            ["Contests:DocumentsPath"] = Path.Combine(_folder, "documents", "contest-documents"),
        }, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
            services.AddSingleton<IStartupFilter, FailingPathFilter>();
        });
    }

    public MarketplaceSite Site { get; }

    public string BackupFolder => Path.Combine(_folder, "backups");

    public string EvaluationReportFolder => Path.Combine(_folder, "documents", "evaluation-reports");

    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>The spans of one trace (the site's spans of other tests, and of other sites in this process, are left out).</summary>
    public IReadOnlyList<Activity> SpansOf(ActivityTraceId trace)
    {
        Site.Services.GetRequiredService<TracerProvider>().ForceFlush();
        return Spans.Snapshot().Where(a => a.TraceId == trace).ToList();
    }

    /// <summary>The current total of a counter, read through the in-memory exporter (all its tag combinations added up).</summary>
    public long CounterTotal(string name)
    {
        Metrics.Clear();
        Site.Services.GetRequiredService<MeterProvider>().ForceFlush();
        long total = 0;
        foreach (var metric in Metrics.Snapshot().Where(m => m.Name == name))
            foreach (var point in metric.MetricPoints)
                total += point.GetSumLong();
        return total;
    }

    public Task InitializeAsync() => Site.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Behind the whole application: a request no endpoint answers reaches it, and this path fails.</summary>
    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, rest) => http.Request.Path == FailingPath ? throw new InvalidOperationException("A failure the test provoked.") : rest(http));
        };
    }
}

/// <summary>A list the exporters add to from many threads while a test reads it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count { get { lock (_items) return _items.Count; } }

    public bool IsReadOnly => false;

    public void Add(T item) { lock (_items) _items.Add(item); }

    public void Clear() { lock (_items) _items.Clear(); }

    public bool Contains(T item) { lock (_items) return _items.Contains(item); }

    public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }

    public bool Remove(T item) { lock (_items) return _items.Remove(item); }

    public List<T> Snapshot() { lock (_items) return [.. _items]; }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

[CollectionDefinition(Name)]
public sealed class OperationsSiteGroup : ICollectionFixture<OperationsSite>
{
    public const string Name = "operations";
}
