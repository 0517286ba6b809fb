using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>
/// A minimal HTTP server on loopback that answers like an Elasticsearch node (or not), for the
/// behaviour tests: the handler sees method, path and body and returns status, body and whether to
/// send the <c>x-elastic-product</c> header. Every request is recorded.
/// </summary>
internal sealed class ElasticsearchStub : IDisposable
{
    public const string Root = """{"name":"stub","cluster_name":"stub","version":{"number":"9.1.0"},"tagline":"You Know, for Search"}""";

    private readonly HttpListener _listener = new();
    private readonly Func<StubRequest, StubAnswer> _handler;
    private readonly Task _loop;

    public ElasticsearchStub(Func<StubRequest, StubAnswer?> handler)
    {
        _handler = r => handler(r) ?? Default(r);
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>What a healthy node with analysis-smartcn and an existing alias answers.</summary>
    public static StubAnswer Default(StubRequest r) => (r.Method, r.Path) switch
    {
        ("GET", "/") => new(200, Root),
        ("POST", "/_analyze") => new(200, """{"tokens":[{"token":"锂"},{"token":"电池"}]}"""),
        ("GET", var p) when p.StartsWith("/_alias/", StringComparison.Ordinal) => new(200, "{\"" + p[8..] + "-v20260101T000000000\":{\"aliases\":{\"" + p[8..] + "\":{}}}}"),
        _ => new(200, """{"acknowledged":true}"""),
    };

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            // The client compresses request bodies (gzip) by default.
            Stream input = context.Request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            using var reader = new StreamReader(input, Encoding.UTF8);
            var request = new StubRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, await reader.ReadToEndAsync(), context.Request.Headers["Authorization"]);
            Requests.Enqueue(request);
            var answer = _handler(request);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            if (answer.ElasticProduct) context.Response.Headers["x-elastic-product"] = "Elasticsearch";
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

internal sealed record StubRequest(string Method, string Path, string Body, string? Authorization);

internal sealed record StubAnswer(int Status, string Body, bool ElasticProduct = true, string ContentType = "application/json");
