using System.Net.Sockets;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using EsHttpMethod = Elastic.Transport.HttpMethod;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>An answer from the cluster: status (null when no HTTP answer came), body, and the transport's error.</summary>
internal sealed record EsResponse(int? Status, string Body, Exception? Error, byte[]? RequestBody)
{
    public bool Success => Status is >= 200 and < 300;

    /// <summary>No answer at all (connection refused, reset, timeout): a node went away.</summary>
    public bool Unreachable => Status is null;

    /// <summary>Worth repeating later: too many requests, a node gone, or the cluster briefly unavailable.</summary>
    public bool Transient => Unreachable || Status is 429 or 502 or 503 or 504;

    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Body)) return null;
        try { return JsonNode.Parse(Body); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

/// <summary>
/// The product's only door to the cluster: the official client's transport (node pool, authentication,
/// certificate fingerprint, product check) carrying request bodies built as JSON by this engine, so
/// the contract tests can compare them. Every failure becomes an <see cref="ElasticsearchEngineException"/>
/// that says what is wrong and what to do.
/// </summary>
internal sealed class ElasticsearchConnection
{
    private const string JsonContentType = "application/vnd.elasticsearch+json; compatible-with=9";
    private const string NdjsonContentType = "application/vnd.elasticsearch+x-ndjson; compatible-with=9";
    private static readonly RequestConfiguration Ndjson = new() { ContentType = NdjsonContentType, Accept = JsonContentType };

    public ElasticsearchConnection(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        options.Validate();
        var nodes = options.Nodes();
        Description = string.Join(",", nodes.Select(n => n.GetLeftPart(UriPartial.Authority)));
        NodePool pool = nodes.Count == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes, randomize: false);
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings.RequestTimeout(options.RequestTimeout).DisableDirectStreaming().MaximumRetries(nodes.Count - 1);
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrWhiteSpace(options.Username)) settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint)) settings.CertificateFingerprint(options.CertificateFingerprint);
        Client = new ElasticsearchClient(settings);
    }

    public ElasticsearchClient Client { get; }

    /// <summary>The node URLs, without credentials, for messages.</summary>
    public string Description { get; }

    public async Task<EsResponse> SendAsync(EsHttpMethod method, string path, string? body, CancellationToken cancellationToken, bool ndjson = false)
    {
        StringResponse response;
        try
        {
            var data = body is null ? null : PostData.String(body);
            response = ndjson
                ? await Client.Transport.RequestAsync<StringResponse>(method, path, data, Ndjson, cancellationToken).ConfigureAwait(false)
                : await Client.Transport.RequestAsync<StringResponse>(method, path, data, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedProductException e)
        {
            throw NotElasticsearch(e);
        }
        catch (TransportException e) when (e.InnerException is UnsupportedProductException inner)
        {
            throw NotElasticsearch(inner);
        }
        catch (TransportException e) when (e.ApiCallDetails?.HttpStatusCode is null)
        {
            return new EsResponse(null, "", e, null);
        }
        var details = response.ApiCallDetails;
        if (method != EsHttpMethod.HEAD && details.HttpStatusCode is not null && details.HasSuccessfulStatusCode && !details.HasExpectedContentType && details.HttpStatusCode != 204)
            throw new ElasticsearchEngineException($"The server at {Description} answered {path} with '{details.ResponseContentType}', not JSON: it is not Elasticsearch (check Search:Elasticsearch:Url).");
        return new EsResponse(details.HttpStatusCode, response.Body ?? "", details.OriginalException, details.RequestBodyInBytes);
    }

    /// <summary>Sends and returns the parsed answer, or throws an explained error; <paramref name="allowed"/> statuses are answers too (404 for a missing document).</summary>
    public async Task<JsonNode?> RequestAsync(EsHttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, params int[] allowed)
    {
        var response = await SendAsync(method, path, body?.ToJsonString(ElasticsearchJson.Options), cancellationToken).ConfigureAwait(false);
        if (!response.Success && !(response.Status is { } s && allowed.Contains(s))) throw Explain(response, $"{method} {path}");
        return response.Json();
    }

    private ElasticsearchEngineException NotElasticsearch(Exception e) =>
        new($"The server at {Description} is not Elasticsearch (it did not identify itself as the Elasticsearch product); check Search:Elasticsearch:Url points at a cluster node, not a proxy page or another service.", e);

    public ElasticsearchEngineException Explain(EsResponse response, string what)
    {
        if (response.Unreachable)
        {
            var cause = Innermost(response.Error);
            var reason = cause is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : cause?.Message ?? "no answer";
            return new ElasticsearchEngineException($"Cannot reach Elasticsearch at {Description} ({reason}). Check Search:Elasticsearch:Url and that the cluster is running.", response.Error);
        }
        if (response.Status is 401)
            return new ElasticsearchEngineException($"Elasticsearch at {Description} rejected the credentials (401). Check Search:Elasticsearch:ApiKey, or Username and Password.");
        if (response.Status is 403)
            return new ElasticsearchEngineException($"Elasticsearch at {Description} refused {what} for these credentials (403): the user or API key needs the index privileges on the patent indices (create_index, write, read, manage for aliases) and monitor on the cluster. {ErrorReason(response)}");
        return new ElasticsearchEngineException($"Elasticsearch at {Description} failed {what} ({response.Status}): {ErrorReason(response)}");
    }

    internal static string ErrorReason(EsResponse response)
    {
        var error = response.Json()?["error"];
        if (error is JsonObject o)
        {
            var root = o["root_cause"]?.AsArray().FirstOrDefault() ?? o;
            return $"{root?["type"]}: {root?["reason"]}";
        }
        return error?.ToString() ?? (response.Body.Length > 300 ? response.Body[..300] : response.Body);
    }

    private static Exception? Innermost(Exception? e)
    {
        while (e?.InnerException is not null) e = e.InnerException;
        return e;
    }
}
