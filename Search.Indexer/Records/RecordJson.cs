using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Search.Indexer.Records;

/// <summary>The one JSON shape of a <see cref="PatentRecord"/>: export files, stored documents, the API.</summary>
public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Chinese text stays readable in exports instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(PatentRecord record) => JsonSerializer.Serialize(record, Options);

    public static PatentRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<PatentRecord>(json, Options) ?? throw new JsonException("null record");
}
