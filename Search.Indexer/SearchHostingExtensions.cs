using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Loading;
using Search.Indexer.Normalization;
using Search.Indexer.Readers;

namespace Search.Indexer;

public static class SearchHostingExtensions
{
    /// <summary>
    /// Registers the search side: <see cref="SearchOptions"/> from the "Search" section (validated at
    /// start-up), the configured <see cref="IPatentIndex"/> as a singleton holding the one writer, the
    /// reader catalog, the loader and the IPC scheme.
    /// </summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>()
            .BindConfiguration(SearchOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => SearchEngines.IsKnown(o.Engine),
                $"Search:Engine must be '{SearchEngines.Lucene}' or '{SearchEngines.Elasticsearch}'.")
            .Validate(o => !SearchEngines.IsElasticsearch(o) || !string.IsNullOrWhiteSpace(o.Elasticsearch.Url),
                "Search:Elasticsearch:Url is required when Search:Engine is Elasticsearch (for example http://localhost:9200).")
            // The embedded index's tuning matters only when it is the engine.
            .Validate(o => SearchEngines.IsElasticsearch(o) || o.Lucene.ResultCacheHits is >= 0 and <= 1_000_000,
                "Search:Lucene:ResultCacheHits must be between 0 (no cache) and 1,000,000 hits.")
            .Validate(o => SearchEngines.IsElasticsearch(o) || o.Lucene.RamBufferSizeMB is >= 16 and <= 2048,
                "Search:Lucene:RamBufferSizeMB must be between 16 and 2048.")
            .Validate(o => SearchEngines.IsElasticsearch(o) || o.Lucene.IndexingThreads is >= 1 and <= 64,
                "Search:Lucene:IndexingThreads must be between 1 and 64.")
            .Validate(o => SearchEngines.IsElasticsearch(o) || (o.Lucene.MaxRefreshDelay > TimeSpan.Zero && o.Lucene.MaxRefreshDelay <= TimeSpan.FromMinutes(10)),
                "Search:Lucene:MaxRefreshDelay must be a positive time of at most 00:10:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPatentIndex>(sp =>
            SearchEngines.Open(sp.GetRequiredService<IOptions<SearchOptions>>().Value, sp.GetService<ILoggerFactory>()));
        builder.Services.AddSingleton(DefaultReaders.Catalog);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PatentLoader>();
        builder.Services.AddSingleton(IpcScheme.Default);
        return builder;
    }
}
