using System.Text.Json;
using Search.Indexer.Records;

namespace Analytics.Matching.Evaluation;

/// <summary>One judgement as written in the file: the patent number as the judge wrote it, its grade and its line.</summary>
public sealed record WrittenJudgement(string Written, PatentNumber Number, int Grade, long Line);

/// <summary>A need as written in a judged file, before its patent numbers are matched to the corpus.</summary>
public sealed record WrittenJudgedNeed(string Id, TechnicalNeed Need, IReadOnlyList<WrittenJudgement> Judgements, long Line);

/// <summary>A judged patent the corpus does not hold: counted and reported, never silently dropped.</summary>
public sealed record UnknownJudgement(string NeedId, string Written, long? Line);

/// <summary>Judged needs matched to the corpus's records, and the judgements that name no record of it.</summary>
public sealed record ResolvedJudgements(IReadOnlyList<JudgedNeed> Needs, IReadOnlyList<UnknownJudgement> Unknown, int Judgements);

/// <summary>
/// Reads a judged-needs file (<c>{"needs": [{"id", "title", "description", "relevant": {"number": grade}}]}</c>,
/// like <c>hand-judged-needs.json</c>) keeping each judgement's line, so that a bad grade or number is
/// reported as <c>file:line</c> with what was expected. Patents may be named by any written number —
/// publication or application, with or without the CN prefix, kind code or check digit
/// (<c>CN114081026A</c>, <c>114081026</c>, <c>CN202223220665.2</c>, <c>ZL202223220665.2</c>).
/// Grades: 0 judged not relevant, 1 partly relevant, 2 relevant.
/// </summary>
public static class JudgedNeedsFile
{
    public static IReadOnlyList<WrittenJudgedNeed> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({e.Message}); expected a judged-needs JSON file.", e);
        }
        return Read(bytes, path);
    }

    public static IReadOnlyList<WrittenJudgedNeed> Read(Stream stream, string source)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.ToArray(), source);
    }

    public static IReadOnlyList<WrittenJudgedNeed> Read(byte[] json, string source)
    {
        var lines = new LineIndex(json);
        try
        {
            return Parse(json, source, lines);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message}); expected {{\"needs\": [{{\"id\", \"title\", \"description\", \"relevant\": {{\"CN…\": grade}}}}]}}.", e);
        }
    }

    private static List<WrittenJudgedNeed> Parse(byte[] json, string source, LineIndex lines)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException($"{source}:{lines.LineOf(reader.TokenStartIndex)}: expected a JSON object with a \"needs\" array.");
        List<WrittenJudgedNeed>? needs = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("needs"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new InvalidDataException($"{source}:{lines.LineOf(reader.TokenStartIndex)}: \"needs\" must be an array of needs.");
            needs = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new InvalidDataException($"{source}:{lines.LineOf(reader.TokenStartIndex)}: expected a need (an object with id, title, description and relevant).");
                var need = ReadNeed(ref reader, source, lines);
                if (needs.Any(n => n.Id == need.Id))
                    throw new InvalidDataException($"{source}:{need.Line}: need id '{need.Id}' appears twice; expected each need once.");
                needs.Add(need);
            }
        }
        return needs ?? throw new InvalidDataException($"{source}: no \"needs\" array; expected {{\"needs\": [ … ]}}.");
    }

    private static WrittenJudgedNeed ReadNeed(ref Utf8JsonReader reader, string source, LineIndex lines)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        string? id = null, title = null, description = null;
        List<WrittenJudgement>? judgements = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id": id = Text(ref reader, source, lines, "id"); break;
                case "title": title = Text(ref reader, source, lines, "title"); break;
                case "description": description = Text(ref reader, source, lines, "description"); break;
                case "relevant": judgements = ReadJudgements(ref reader, source, lines, id ?? $"at line {line}"); break;
                default: reader.Skip(); break;
            }
        }
        if (string.IsNullOrWhiteSpace(id)) throw new InvalidDataException($"{source}:{line}: a need has no \"id\"; expected a short name such as \"H1-pv-cleaning\".");
        if (judgements is null) throw new InvalidDataException($"{source}:{line}: need '{id}' has no \"relevant\" object; expected {{\"CN…\": grade}}.");
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(description))
            throw new InvalidDataException($"{source}:{line}: need '{id}' has neither title nor description; expected the need's text.");
        return new WrittenJudgedNeed(id, new TechnicalNeed { Title = title ?? "", Description = description ?? "" }, judgements, line);
    }

    private static string Text(ref Utf8JsonReader reader, string source, LineIndex lines, string what) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString() ?? ""
            : throw new InvalidDataException($"{source}:{lines.LineOf(reader.TokenStartIndex)}: \"{what}\" must be a string.");

    private static List<WrittenJudgement> ReadJudgements(ref Utf8JsonReader reader, string source, LineIndex lines, string needId)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException($"{source}:{lines.LineOf(reader.TokenStartIndex)}: need '{needId}': \"relevant\" must be an object of patent number → grade.");
        var result = new List<WrittenJudgement>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            var written = reader.GetString() ?? "";
            reader.Read();
            var raw = reader.TokenType == JsonTokenType.String ? $"\"{reader.GetString()}\"" : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var grade) || grade is < 0 or > 2)
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                throw new InvalidDataException($"{source}:{line}: need '{needId}': grade of '{written}' is {raw}; expected 0 (not relevant), 1 (partly relevant) or 2 (relevant).");
            }
            // A bare number is Chinese: judges write CNIPA numbers without the office more often than not.
            if (!PatentNumber.TryParse(written, out var number, out var error, defaultCountry: "CN"))
                throw new InvalidDataException($"{source}:{line}: need '{needId}': {error}.");
            result.Add(new WrittenJudgement(written, number, grade, line));
        }
        return result;
    }

    /// <summary>
    /// Matches each judgement's number to the corpus's records: by publication number (with or without kind code), any
    /// other publication of the same application, or the application number (without its check digit). A number that
    /// names two records (an application published twice, loaded as two records) judges both.
    /// </summary>
    public static ResolvedJudgements Resolve(IReadOnlyList<WrittenJudgedNeed> needs, IEnumerable<PatentRecord> corpus, string idPrefix = "hand:")
    {
        var byNumber = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string key, string id)
        {
            if (!byNumber.TryGetValue(key, out var ids)) byNumber[key] = ids = new SortedSet<string>(StringComparer.Ordinal);
            ids.Add(id);
        }
        foreach (var r in corpus)
        {
            Add(r.Id, r.Id);
            Add(r.PublicationNumber.Key, r.Id);
            foreach (var other in r.OtherPublicationNumbers)
            {
                Add(other.Canonical, r.Id);
                Add(other.Key, r.Id);
            }
            if (r.ApplicationNumber is { } application) Add("application:" + application.Key, r.Id);
        }

        var resolved = new List<JudgedNeed>();
        var unknown = new List<UnknownJudgement>();
        var total = 0;
        foreach (var need in needs)
        {
            var relevant = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var j in need.Judgements)
            {
                total++;
                var n = j.Number;
                // A check digit marks an application number; otherwise the exact publication, then any publication of the
                // same number (a CN grant B beside its A), then an application number written without its check digit.
                string[] keys = n.CheckDigit is not null ? ["application:" + n.Key] : [n.Canonical, n.Key, "application:" + n.Key];
                var ids = keys.Select(byNumber.GetValueOrDefault).FirstOrDefault(found => found is not null);
                if (ids is null)
                {
                    unknown.Add(new UnknownJudgement(need.Id, j.Written, j.Line));
                    continue;
                }
                if (j.Grade == 0) continue;
                foreach (var id in ids) relevant[id] = Math.Max(relevant.GetValueOrDefault(id), j.Grade);
            }
            resolved.Add(new JudgedNeed(idPrefix + need.Id, need.Need, relevant));
        }
        return new ResolvedJudgements(resolved, unknown, total);
    }

    /// <summary>Byte offset → 1-based line, by binary search over the line starts.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _starts = [0];

        public LineIndex(byte[] text)
        {
            for (var i = 0; i < text.Length; i++)
                if (text[i] == (byte)'\n') _starts.Add(i + 1);
        }

        public long LineOf(long offset)
        {
            var i = _starts.BinarySearch(offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }
    }
}
