using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>A record from its UTF-8 JSON, without decoding to a string first.</summary>
    public static PatentRecord Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<PatentRecord>(utf8Json, Options) ?? throw new JsonException("null record");

    /// <summary>
    /// The same shape without empty lists and maps or computed properties (<c>id</c>, <c>country</c>, <c>kindCode</c>),
    /// as UTF-8: the compact form engines keep summaries in (<see cref="Deserialize(ReadOnlySpan{byte})"/> reads it back to the same record).
    /// </summary>
    public static byte[] SerializeCompact(PatentRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Compact);

    private static readonly JsonSerializerOptions Compact = new(Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipEmptyCollections } },
    };

    private static void SkipEmptyCollections(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.Set is null && info.Type == typeof(PatentRecord)) property.ShouldSerialize = static (_, _) => false;
            else if (typeof(ICollection).IsAssignableFrom(property.PropertyType))
                property.ShouldSerialize = static (_, value) => value is not (null or ICollection { Count: 0 });
        }
    }
}
