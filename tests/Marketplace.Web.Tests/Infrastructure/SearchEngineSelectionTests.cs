using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Search.Indexer;
using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The engine is chosen by configuration alone (Search:Engine and the Search:Elasticsearch section).</summary>
public sealed class SearchEngineSelectionTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSearch();
        return builder.Build();
    }

    [Fact]
    public async Task EngineElasticsearch_with_url_and_credentials_serves_the_cluster_behind_the_configured_alias()
    {
        await using var app = Build(new()
        {
            ["Search:Engine"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = "http://es1.invalid:9200,http://es2.invalid:9200",
            ["Search:Elasticsearch:ApiKey"] = "a2V5OnNlY3JldA==",
            ["Search:Elasticsearch:IndexName"] = "patents-quanzhou",
            ["Search:Elasticsearch:BulkBatchSize"] = "500",
        });
        var index = Assert.IsType<ElasticsearchIndex>(app.Services.GetRequiredService<IPatentIndex>());
        Assert.Equal("patents-quanzhou", index.Alias);
        Assert.Equal("http://es1.invalid:9200,http://es2.invalid:9200/patents-quanzhou", index.Location);
        Assert.Equal(500, app.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Elasticsearch.BulkBatchSize);
    }

    [Fact]
    public async Task EngineElasticsearch_without_url_fails_validation_naming_the_key()
    {
        await using var app = Build(new() { ["Search:Engine"] = "elasticsearch" });
        var e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<SearchOptions>>().Value);
        Assert.Contains("Search:Elasticsearch:Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEngine_fails_validation_listing_the_engines()
    {
        await using var app = Build(new() { ["Search:Engine"] = "Solr" });
        var e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<SearchOptions>>().Value);
        Assert.Contains("Elasticsearch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LuceneSection_binds_the_embedded_index_tuning()
    {
        await using var app = Build(new() { ["Search:Lucene:ResultCacheHits"] = "0", ["Search:Lucene:ParallelSearch"] = "false" });
        var lucene = app.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Lucene;
        Assert.Equal(0, lucene.ResultCacheHits);
        Assert.False(lucene.ParallelSearch);
    }

    [Fact]
    public async Task LuceneSection_out_of_range_fails_validation_naming_the_key_only_when_Lucene_is_the_engine()
    {
        await using var app = Build(new() { ["Search:Lucene:ResultCacheHits"] = "-1" });
        var e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<SearchOptions>>().Value);
        Assert.Contains("Search:Lucene:ResultCacheHits", e.Message, StringComparison.Ordinal);

        await using var cluster = Build(new()
        {
            ["Search:Engine"] = "Elasticsearch", ["Search:Elasticsearch:Url"] = "http://es.invalid:9200", ["Search:Lucene:ResultCacheHits"] = "-1",
        });
        Assert.Equal(-1, cluster.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Lucene.ResultCacheHits);
    }
}
