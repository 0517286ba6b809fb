using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Search.Indexer.Readers;

namespace Search.Indexer.Normalization;

/// <summary>
/// IPC and CPC symbols in one canonical form, <c>H01L21/02</c>: section, class, subclass, then
/// main group "/" subgroup without padding. Accepts <c>H01L 21/02</c>, <c>H01L0021020000</c>
/// (fixed width, as DOCDB and some exports write), <c>A41B001/00</c> (USPTO pre-2005), edition
/// suffixes such as <c>(2006.01)</c> or DOCDB's <c>20060101AFI…</c>, OPS's padded
/// <c>E21B   7/    00            A I</c>, and prefixes alone
/// (<c>H</c>, <c>H01</c>, <c>H01L</c>, <c>H01L21</c>).
/// </summary>
public static partial class Classification
{
    [GeneratedRegex(@"^(?<sub>[A-H]\d{2}[A-Z])(?<grp>\d{4})(?<sg>\d{6})$")]
    private static partial Regex FixedWidth();

    [GeneratedRegex(@"^(?<sub>[A-HY]\d{2}[A-Z])(?<grp>\d{1,4})(?:/(?<sg>\d{1,6}))?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^[A-HY](\d{2}([A-Z])?)?$")]
    private static partial Regex Prefix();

    /// <summary>Normalises one IPC or CPC symbol; false with a reason when it is not one.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? code, out string? error)
    {
        var normalized = TryNormalizeWithReason(raw, out code, out var reason);
        error = reason?.ToString();
        return normalized;
    }

    /// <summary>As <see cref="TryNormalize"/>, with the reason as a code and arguments a reader's rejection carries.</summary>
    public static bool TryNormalizeWithReason(string? raw, [NotNullWhen(true)] out string? code, out RejectionReason? reason)
    {
        code = null;
        reason = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            reason = RejectionReasons.ClassificationEmpty.With();
            return false;
        }
        var s = TextNormalizer.ToHalfWidth(raw).Trim().ToUpperInvariant();
        // Drop an edition or DOCDB suffix: "H01L 21/02 (2006.01)", "H04L  29/06  20060101AFI20150925BHEP".
        var paren = s.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0) s = s[..paren];
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // OPS pads the fields of an IPCR text ("E21B   7/    00            A I"): everything after
        // the subgroup (position, value, source letters) is a suffix.
        var slash = Array.FindIndex(parts, p => p.Contains('/', StringComparison.Ordinal));
        if (slash >= 0)
            parts = parts[..Math.Min(parts.Length, parts[slash].EndsWith('/') ? slash + 2 : slash + 1)];
        if (parts.Length >= 2 && parts[^1].Length >= 8 && char.IsDigit(parts[^1][0]) && !parts[^1].Contains('/', StringComparison.Ordinal))
            parts = parts[..^1];
        s = string.Concat(parts);

        var m = FixedWidth().Match(s);
        if (m.Success)
        {
            code = Compose(m.Groups["sub"].Value, m.Groups["grp"].Value, m.Groups["sg"].Value);
            return true;
        }
        m = Grouped().Match(s);
        if (m.Success)
        {
            code = m.Groups["sg"].Success
                ? Compose(m.Groups["sub"].Value, m.Groups["grp"].Value, m.Groups["sg"].Value)
                : m.Groups["sub"].Value + TrimGroup(m.Groups["grp"].Value);
            return true;
        }
        if (Prefix().IsMatch(s))
        {
            code = s;
            return true;
        }
        reason = RejectionReasons.ClassificationInvalid.With(raw);
        return false;
    }

    public static string Normalize(string raw) =>
        TryNormalize(raw, out var code, out var error) ? code : throw new FormatException(error);

    private static string Compose(string subclass, string group, string subgroup)
    {
        // Subgroups keep at least two digits (21/02, 21/00, 21/0231); trailing zero padding goes.
        var sg = subgroup.TrimEnd('0');
        if (sg.Length < 2) sg = sg.PadRight(2, '0');
        return $"{subclass}{TrimGroup(group)}/{sg}";
    }

    private static string TrimGroup(string group)
    {
        var g = group.TrimStart('0');
        return g.Length == 0 ? "0" : g;
    }

    /// <summary>Section letter, e.g. <c>H</c>.</summary>
    public static string Section(string code) => code[..1];

    /// <summary>Class, e.g. <c>H01</c>, or null for a bare section.</summary>
    public static string? Class(string code) => code.Length >= 3 ? code[..3] : null;

    /// <summary>Subclass, e.g. <c>H01L</c>, or null above it.</summary>
    public static string? Subclass(string code) => code.Length >= 4 ? code[..4] : null;

    /// <summary>Main group, e.g. <c>H01L21/00</c>, or null above it.</summary>
    public static string? MainGroup(string code)
    {
        if (code.Length <= 4) return null;
        var slash = code.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? code : code[..slash]) + "/00";
    }

    /// <summary>
    /// Every level a symbol belongs to, from section down to itself:
    /// <c>H01L21/02</c> → H, H01, H01L, H01L21/00, H01L21/02. Indexing these makes prefix filters exact.
    /// </summary>
    public static IReadOnlyList<string> Hierarchy(string code)
    {
        var levels = new List<string>(5) { Section(code) };
        if (Class(code) is { } c) levels.Add(c);
        if (Subclass(code) is { } sc) levels.Add(sc);
        if (MainGroup(code) is { } mg) levels.Add(mg);
        if (code.Contains('/', StringComparison.Ordinal) && code != levels[^1]) levels.Add(code);
        return levels;
    }

    /// <summary>
    /// Turns what a user types as an IPC filter into the level to match: <c>H01L</c>, <c>H01L21</c>
    /// (→ H01L21/00, the whole main group), <c>H01L 21/02</c>. Null when it is not a symbol.
    /// </summary>
    public static string? ToFilterLevel(string raw)
    {
        if (!TryNormalize(raw, out var code, out _)) return null;
        if (code.Length > 4 && !code.Contains('/', StringComparison.Ordinal)) return code + "/00";
        return code;
    }
}
