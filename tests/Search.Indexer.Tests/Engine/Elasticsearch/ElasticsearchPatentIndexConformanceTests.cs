using Search.Indexer.Engine;
using Search.Indexer.Engine.Elasticsearch;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>
/// The conformance suite on a live Elasticsearch cluster with analysis-smartcn, one alias (and its
/// versioned index) per test, deleted afterwards. Runs whenever ELASTICSEARCH_URL is set, e.g.
/// <c>ELASTICSEARCH_URL=http://localhost:9200 ./test.sh --filter FullyQualifiedName~Elasticsearch</c>
/// (ELASTICSEARCH_API_KEY, or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD, and
/// ELASTICSEARCH_CA_FINGERPRINT when the cluster needs them); otherwise every test reports skipped
/// with the reason "ELASTICSEARCH_URL not set".
/// </summary>
[RequiresEnvironment("ELASTICSEARCH_URL")]
public sealed class ElasticsearchPatentIndexConformanceTests : PatentIndexConformanceTests
{
    private readonly string _alias = $"patents-test-{Guid.NewGuid():N}";
    private ElasticsearchIndex? _last;

    internal static ElasticsearchOptions LiveOptions(string alias) => new()
    {
        Url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL"),
        ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
        Username = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
        Password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
        CertificateFingerprint = Environment.GetEnvironmentVariable("ELASTICSEARCH_CA_FINGERPRINT"),
        IndexName = alias,
        // One shard: term statistics (and so scores) are those of the whole index, as in Lucene.
        Shards = 1,
        Replicas = 0,
    };

    protected override IPatentIndex OpenIndex() => _last = new ElasticsearchIndex(LiveOptions(_alias));

    protected override void Dispose(bool disposing)
    {
        if (disposing && _last is not null)
        {
            using var cleaner = new ElasticsearchIndex(LiveOptions(_alias));
            cleaner.DeleteEverythingAsync().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }
}
