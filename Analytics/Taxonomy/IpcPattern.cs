using System.Globalization;
using System.Text.RegularExpressions;
using Search.Indexer.Normalization;

namespace Analytics.Taxonomy;

/// <summary>How much of the IPC tree a pattern covers.</summary>
public enum IpcPatternLevel
{
    /// <summary><c>G16*</c>: a whole class.</summary>
    Class,
    /// <summary><c>H04B*</c> or a bare <c>G16H</c>: a whole subclass.</summary>
    Subclass,
    /// <summary><c>H04L1*</c> or a bare <c>H03M13</c>: main group H04L 1 with all its subgroups (not H04L 12).</summary>
    MainGroup,
    /// <summary><c>G06F3/048*</c>: subgroups of G06F 3 whose digits begin 048 (048, 0481, 04895 …).</summary>
    SubgroupPrefix,
    /// <summary><c>G06F9/44</c>: that group exactly.</summary>
    Exact,
}

/// <summary>An IPC symbol split into the fields patterns compare: subclass, main group number, subgroup digits.</summary>
public readonly record struct IpcParts(string Class, string? Subclass, int? Group, string? Subgroup)
{
    /// <summary>Splits a symbol in any form <see cref="Classification"/> accepts; false for text that is none.</summary>
    public static bool TryParse(string raw, out IpcParts parts)
    {
        parts = default;
        if (!Classification.TryNormalize(raw, out var code, out _) || code.Length < 3) return false;
        if (code.Length == 3)
        {
            parts = new IpcParts(code, null, null, null);
            return true;
        }
        var subclass = code[..4];
        if (code.Length == 4)
        {
            parts = new IpcParts(code[..3], subclass, null, null);
            return true;
        }
        var slash = code.IndexOf('/', StringComparison.Ordinal);
        var group = int.Parse(slash < 0 ? code.AsSpan(4) : code.AsSpan(4, slash - 4), NumberStyles.None, CultureInfo.InvariantCulture);
        parts = new IpcParts(code[..3], subclass, group, slash < 0 ? null : code[(slash + 1)..]);
        return true;
    }

    /// <summary>The key patterns of a main group are indexed under, e.g. <c>H01L21</c>.</summary>
    public string? MainGroupKey => Subclass is null || Group is null ? null : Subclass + Group.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One IPC pattern as CNIPA's concordance writes them: <c>*</c> is a prefix field by field
/// (<c>H04L1*</c> is main group 1, not 12), a pattern with '/' and no '*' is one group exactly, and a
/// bare subclass or main group stands for all of it.
/// </summary>
public sealed partial class IpcPattern
{
    private IpcPattern(string text, IpcPatternLevel level, string @class, string? subclass, int? group, string? subgroup)
    {
        Text = text;
        Level = level;
        Class = @class;
        Subclass = subclass;
        Group = group;
        Subgroup = subgroup;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }
    public IpcPatternLevel Level { get; }
    public string Class { get; }
    public string? Subclass { get; }
    public int? Group { get; }
    public string? Subgroup { get; }

    /// <summary>The key this pattern is found under: its class, subclass or main group.</summary>
    internal string IndexKey => Level switch
    {
        IpcPatternLevel.Class => Class,
        IpcPatternLevel.Subclass => Subclass!,
        _ => Subclass + Group!.Value.ToString(CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<cls>[A-H]\d{2})(?<sc>[A-Z])?(?<grp>\d{1,4})?(?:/(?<sg>\d{1,6}))?(?<star>\*)?$")]
    private static partial Regex Form();

    public static bool TryParse(string? raw, out IpcPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        var s = (raw ?? "").Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        var m = Form().Match(s);
        if (!m.Success || (m.Groups["grp"].Success && !m.Groups["sc"].Success) || (m.Groups["sg"].Success && !m.Groups["grp"].Success)
            || (!m.Groups["sc"].Success && !m.Groups["star"].Success))
        {
            error = $"'{raw}' is not an IPC pattern (expected e.g. G16*, H04B*, H04L1*, G06F3/048*, G06F9/44)";
            return false;
        }
        var cls = m.Groups["cls"].Value;
        var sub = m.Groups["sc"].Success ? cls + m.Groups["sc"].Value : null;
        int? grp = m.Groups["grp"].Success ? int.Parse(m.Groups["grp"].Value, CultureInfo.InvariantCulture) : null;
        var star = m.Groups["star"].Success;
        if (m.Groups["sg"].Success)
        {
            var digits = m.Groups["sg"].Value;
            if (star)
            {
                pattern = new IpcPattern(s, IpcPatternLevel.SubgroupPrefix, cls, sub, grp, digits);
                return true;
            }
            // Exact groups compare in the canonical form records carry (21/020 → 21/02).
            var subgroup = IpcParts.TryParse($"{sub}{grp}/{digits}", out var parts) ? parts.Subgroup : digits;
            pattern = new IpcPattern(s, IpcPatternLevel.Exact, cls, sub, grp, subgroup);
            return true;
        }
        var level = grp is not null ? IpcPatternLevel.MainGroup : sub is not null ? IpcPatternLevel.Subclass : IpcPatternLevel.Class;
        pattern = new IpcPattern(s, level, cls, sub, grp, null);
        return true;
    }

    public static IpcPattern Parse(string raw) =>
        TryParse(raw, out var p, out var error) ? p! : throw new FormatException(error);

    public bool Matches(in IpcParts code) => Level switch
    {
        IpcPatternLevel.Class => code.Class == Class,
        IpcPatternLevel.Subclass => code.Subclass == Subclass,
        IpcPatternLevel.MainGroup => code.Subclass == Subclass && code.Group == Group,
        IpcPatternLevel.SubgroupPrefix => code.Subclass == Subclass && code.Group == Group && code.Subgroup is { } sg && sg.StartsWith(Subgroup!, StringComparison.Ordinal),
        _ => code.Subclass == Subclass && code.Group == Group && code.Subgroup == Subgroup,
    };

    public override string ToString() => Text;
}

/// <summary>
/// Patterns indexed by class, subclass and main group, so matching a symbol looks at the few
/// patterns that can cover it rather than at all of them (the SEI table has about 1,700).
/// </summary>
/// <typeparam name="T">What a pattern stands for (a rule, a chain).</typeparam>
public sealed class IpcPatternIndex<T>
{
    private readonly Dictionary<string, List<(IpcPattern Pattern, T Item)>> _byKey = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(IpcPattern pattern, T item)
    {
        if (!_byKey.TryGetValue(pattern.IndexKey, out var list)) _byKey[pattern.IndexKey] = list = [];
        list.Add((pattern, item));
        Count++;
    }

    /// <summary>Every (pattern, item) whose pattern covers <paramref name="code"/>.</summary>
    public IEnumerable<(IpcPattern Pattern, T Item)> Matches(IpcParts code)
    {
        foreach (var key in Keys(code))
        {
            if (key is null || !_byKey.TryGetValue(key, out var list)) continue;
            foreach (var entry in list)
                if (entry.Pattern.Matches(code)) yield return entry;
        }
    }

    private static IEnumerable<string?> Keys(IpcParts code)
    {
        yield return code.Class;
        yield return code.Subclass;
        yield return code.MainGroupKey;
    }
}
