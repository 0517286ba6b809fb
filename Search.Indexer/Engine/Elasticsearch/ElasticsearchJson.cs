using System.Text.Encodings.Web;
using System.Text.Json;

namespace Search.Indexer.Engine.Elasticsearch;

/// <summary>
/// How request bodies are written: Chinese stays UTF-8 (3 bytes a character) instead of <c>\uXXXX</c>
/// escapes (6 bytes), which halves bulk requests of Chinese records. The bodies go to Elasticsearch
/// only, never into HTML, so the relaxed escaping is safe here.
/// </summary>
internal static class ElasticsearchJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
