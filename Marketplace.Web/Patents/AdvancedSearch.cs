using System.Globalization;
using Microsoft.Extensions.Primitives;
using Search.Indexer.Normalization;

namespace Marketplace.Web.Patents;

/// <summary>
/// The advanced form (<c>adv.*</c> fields) composed into the ordinary query syntax, so an advanced
/// search is a plain <c>/search?q=…</c> link like any other and every engine runs it the same way.
/// </summary>
public sealed record AdvancedSearch
{
    /// <summary>Marks a request as coming from the advanced form.</summary>
    public const string Prefix = "adv.";

    /// <summary>Text fields of the form → the query-syntax field each fills (empty: no field, free words).</summary>
    public static readonly IReadOnlyList<(string Name, string Field)> TextFields =
    [
        ("words", ""), ("title", "title"), ("abstract", "abstract"), ("claim", "claim"),
        ("applicant", "applicant"), ("inventor", "inventor"), ("ipc", "ipc"), ("cpc", "cpc"), ("pn", "pn"),
    ];

    /// <summary>Date fields: form name → query-syntax field.</summary>
    public static readonly IReadOnlyList<(string Name, string Field)> DateFields = [("ad", "ad"), ("pd", "pd"), ("gd", "gd")];

    public static readonly IReadOnlyList<string> TypeValues = ["invention", "utilityModel", "design"];
    public static readonly IReadOnlyList<string> StatusValues = ["pending", "inForce", "lapsed", "expired", "withdrawn", "invalidated"];

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public static bool IsAdvanced(IEnumerable<KeyValuePair<string, StringValues>> query) =>
        query.Any(kv => kv.Key.StartsWith(Prefix, StringComparison.Ordinal));

    public static AdvancedSearch Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, v) in query)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var text = TextNormalizer.ToHalfWidth(v.LastOrDefault() ?? "").Trim();
            if (text.Length > 0) values[key[Prefix.Length..]] = text;
        }
        return new AdvancedSearch { Values = values };
    }

    /// <summary>The query text, or the problems (English, localised by the page) that keep the form from composing one.</summary>
    public string Compose(out IReadOnlyList<FormProblem> problems)
    {
        var errors = new List<FormProblem>();
        var parts = new List<string>();
        foreach (var (name, field) in TextFields)
        {
            if (!Values.TryGetValue(name, out var text)) continue;
            if (field.Length == 0) parts.Add(text.Contains(" OR ", StringComparison.Ordinal) ? $"({text})" : text);
            else if (field is "ipc" or "cpc")
            {
                // Several codes are alternatives: ipc:(H01M OR H02J).
                var codes = text.Split([' ', ',', ';', '，', '；'], StringSplitOptions.RemoveEmptyEntries);
                foreach (var code in codes)
                    if (Classification.ToFilterLevel(code) is null) errors.Add(new("“{0}” is not an IPC/CPC symbol (e.g. H01M, H01M10, H01M10/05).", code));
                parts.Add(codes.Length == 1 ? $"{field}:{codes[0]}" : $"{field}:({string.Join(" OR ", codes)})");
            }
            else parts.Add(text.Any(char.IsWhiteSpace) ? $"{field}:\"{text.Replace("\"", "", StringComparison.Ordinal)}\"" : $"{field}:{text}");
        }
        foreach (var (name, field) in DateFields)
        {
            var from = ReadDate(name + ".from", errors);
            var to = ReadDate(name + ".to", errors);
            if (from is not null && to is not null)
            {
                if (from > to) errors.Add(new("The {0}: range starts after it ends.", field));
                else parts.Add($"{field}:[{Day(from.Value)} TO {Day(to.Value)}]");
            }
            else if (from is not null) parts.Add($"{field}:>={Day(from.Value)}");
            else if (to is not null) parts.Add($"{field}:<={Day(to.Value)}");
        }
        if (Values.TryGetValue("type", out var type))
        {
            if (TypeValues.Contains(type)) parts.Add($"type:{type}");
            else errors.Add(new("“{0}” is not a patent type.", type));
        }
        if (Values.TryGetValue("status", out var status))
        {
            if (StatusValues.Contains(status)) parts.Add($"status:{status}");
            else errors.Add(new("“{0}” is not a legal status.", status));
        }
        if (Values.TryGetValue("country", out var country))
        {
            var cc = country.ToUpperInvariant();
            if (cc.Length == 2 && cc.All(char.IsAsciiLetter)) parts.Add($"country:{cc}");
            else errors.Add(new("“{0}” is not a two-letter country code.", country));
        }
        problems = errors;
        return string.Join(' ', parts);
    }

    public string? this[string name] => Values.TryGetValue(name, out var v) ? v : null;

    private DateOnly? ReadDate(string name, List<FormProblem> errors)
    {
        if (!Values.TryGetValue(name, out var text)) return null;
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(new("“{0}” is not a date (yyyy-mm-dd).", text));
        return null;
    }

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

/// <summary>A problem with a form: an English format (the resource key) and the value it names.</summary>
public sealed record FormProblem(string Format, string Value);
