namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// Settings of the Elasticsearch engine, bound from <c>Search:Elasticsearch</c> (environment:
/// <c>Search__Elasticsearch__Url</c> …). Used when <c>Search:Engine</c> is <c>Elasticsearch</c>.
/// </summary>
public sealed class ElasticsearchOptions
{
    /// <summary>One or more node URLs, comma-separated (<c>https://es1:9200,https://es2:9200</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Base64 API key (the <c>encoded</c> value Elasticsearch returns); takes precedence over user and password.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>SHA-256 fingerprint of the cluster's CA certificate (hex, colons allowed), for self-signed HTTPS.</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>The alias searches go through; physical indices are <c>{IndexName}-v{timestamp}</c>.</summary>
    public string IndexName { get; set; } = "patents";

    public int Shards { get; set; } = 1;
    public int Replicas { get; set; } = 1;

    /// <summary>
    /// Records per bulk request (at most; <see cref="BulkMaxBytes"/> cuts earlier). Measured bulk items:
    /// about 6 KB for a full 61-column Chinese export record and 5.4 KB for USPTO full text (the record kept
    /// as source plus its analysed copies; ElasticsearchBulkSizeTests), about 2 KB for the 1.2 KB bench
    /// records: 2,000 records make 4–12 MB, inside Elasticsearch's recommended 5–15 MB per request, and a
    /// retry after a 429 repeats little.
    /// </summary>
    public int BulkBatchSize { get; set; } = 2_000;

    /// <summary>A request is cut before it passes this size, so unusually long records never make a 100 MB request (the cluster's http.max_content_length).</summary>
    public long BulkMaxBytes { get; set; } = 12 * 1024 * 1024;

    /// <summary>Bulk requests in flight at once: two per data node keeps the write queue busy without 429s.</summary>
    public int BulkConcurrency { get; set; } = 2;

    /// <summary>Retries of a bulk request (or of its rejected items) after 429 or a node going away.</summary>
    public int BulkMaxRetries { get; set; } = 6;

    /// <summary>First back-off delay; doubled per retry with jitter (0.5 s … 16 s with the defaults).</summary>
    public TimeSpan BulkRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Folder for the quarantine file of documents the cluster rejects (the loader's quarantine folder).</summary>
    public string? QuarantinePath { get; set; }

    internal IReadOnlyList<Uri> Nodes()
    {
        if (string.IsNullOrWhiteSpace(Url))
            throw new ElasticsearchEngineException("Search:Elasticsearch:Url is required when Search:Engine is Elasticsearch (for example http://localhost:9200).");
        var nodes = new List<Uri>();
        foreach (var part in Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ElasticsearchEngineException($"Search:Elasticsearch:Url has '{part}', which is not an http(s) URL.");
            nodes.Add(uri);
        }
        return nodes;
    }

    internal void Validate()
    {
        _ = Nodes();
        if (string.IsNullOrWhiteSpace(IndexName) || IndexName.Any(char.IsUpper) || IndexName.IndexOfAny([' ', ',', '*', '"', '\\', '/', '?', '<', '>', '|', '#']) >= 0)
            throw new ElasticsearchEngineException($"Search:Elasticsearch:IndexName '{IndexName}' is not a valid Elasticsearch index name (lower case, no spaces or , * \" \\ / ? < > | #).");
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
            throw new ElasticsearchEngineException("Search:Elasticsearch:Username is set without Search:Elasticsearch:Password.");
        if (Shards < 1) throw new ElasticsearchEngineException($"Search:Elasticsearch:Shards must be 1 or more (was {Shards}).");
        if (Replicas < 0) throw new ElasticsearchEngineException($"Search:Elasticsearch:Replicas must be 0 or more (was {Replicas}).");
        if (BulkBatchSize < 1) throw new ElasticsearchEngineException($"Search:Elasticsearch:BulkBatchSize must be 1 or more (was {BulkBatchSize}).");
        if (BulkMaxBytes < 1024) throw new ElasticsearchEngineException($"Search:Elasticsearch:BulkMaxBytes must be 1024 or more (was {BulkMaxBytes}).");
        if (BulkConcurrency < 1) throw new ElasticsearchEngineException($"Search:Elasticsearch:BulkConcurrency must be 1 or more (was {BulkConcurrency}).");
        if (BulkMaxRetries < 0) throw new ElasticsearchEngineException($"Search:Elasticsearch:BulkMaxRetries must be 0 or more (was {BulkMaxRetries}).");
    }
}

/// <summary>The cluster cannot serve the product: unreachable, not Elasticsearch, credentials refused, plugin missing, or a request it rejected.</summary>
public sealed class ElasticsearchEngineException : Exception
{
    public ElasticsearchEngineException()
    {
    }

    public ElasticsearchEngineException(string message) : base(message)
    {
    }

    public ElasticsearchEngineException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
