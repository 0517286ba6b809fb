using System.Text.RegularExpressions;
using Search.Indexer.Records;

namespace Search.Indexer.Normalization;

/// <summary>Splits and cleans applicant and inventor lists: <c>;</c> <c>；</c> <c>,</c> <c>，</c> <c>、</c> separators, full-width forms, whitespace.</summary>
public static partial class PartyNames
{
    // A comma inside an English company name ("Acme, Inc.") is not a separator.
    [GeneratedRegex(@"^(inc|inc\.|ltd|ltd\.|llc|l\.l\.c\.|co\.|co|corp|corp\.|corporation|limited|gmbh|ag|s\.a\.|sa|n\.v\.|nv|b\.v\.|bv|l\.p\.|lp|plc|kg|s\.p\.a\.|jr\.|jr|sr\.|ii|iii)$", RegexOptions.IgnoreCase)]
    private static partial Regex SuffixOnly();

    /// <summary>Names in order, cleaned, duplicates removed.</summary>
    public static List<string> Split(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        var s = TextNormalizer.ToHalfWidth(text);
        foreach (var group in s.Split([';', '；', '、', '\n', '|'], StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = group.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var merged = new List<string>();
            foreach (var p in pieces)
            {
                if (merged.Count > 0 && SuffixOnly().IsMatch(p))
                    merged[^1] = merged[^1] + ", " + p;
                else
                    merged.Add(p);
            }
            // "Smith, John" in an English list is one person written surname first: keep pairs of
            // single Latin words together only when the whole group has exactly two such parts.
            if (merged.Count == 2 && !TextNormalizer.ContainsCjk(group) && merged.All(IsSingleLatinWord))
                merged = [merged[0] + ", " + merged[1]];
            foreach (var name in merged)
            {
                var clean = Clean(name);
                if (clean is not null && !result.Contains(clean, StringComparer.OrdinalIgnoreCase))
                    result.Add(clean);
            }
        }
        return result;
    }

    /// <summary>One name: half-width, whitespace collapsed, no stray separators at its ends.</summary>
    public static string? Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var s = TextNormalizer.CollapseWhitespace(TextNormalizer.ToHalfWidth(name)).Trim(' ', ',', ';', '.', '，', '；');
        if (name.TrimEnd().EndsWith('.') && SuffixOnly().IsMatch(s.Split(' ', ',').LastOrDefault() + ".")) s += ".";
        return s.Length == 0 ? null : s;
    }

    private static bool IsSingleLatinWord(string s) => s.Length > 0 && !s.Contains(' ', StringComparison.Ordinal) && s.All(c => char.IsLetter(c) || c is '-' or '\'' or '.');

    /// <summary>Parties from a name list with an optional shared address, typed from the name.</summary>
    public static List<Party> ToParties(string? names, string? address = null, PartyType given = PartyType.Unknown, string? country = null)
    {
        var list = Split(names);
        return list.Select((n, i) => ApplicantTypeClassifier.Create(n, i == 0 ? TextNormalizer.Clean(address) : null, given, country)).ToList();
    }
}
