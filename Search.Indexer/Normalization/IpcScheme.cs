using System.Collections.Frozen;

namespace Search.Indexer.Normalization;

/// <summary>
/// CNIPA's Chinese IPC 2026.01 (sections to subgroups), shipped as an embedded resource:
/// Chinese titles for display and facets, and a check that a symbol exists. The source table
/// misses a few percent of entries and older editions had symbols since removed, so an unknown
/// symbol is reported, never a reason to reject a record.
/// </summary>
public sealed class IpcScheme
{
    private static readonly Lazy<IpcScheme> Shared = new(Load);
    private readonly FrozenDictionary<string, IpcEntry> _entries;

    private IpcScheme(FrozenDictionary<string, IpcEntry> entries) => _entries = entries;

    /// <summary>The scheme shipped with the product (loaded once, about 5 MB).</summary>
    public static IpcScheme Default => Shared.Value;

    public int Count => _entries.Count;

    public bool Contains(string code) => _entries.ContainsKey(code);

    public IpcEntry? Find(string code) => _entries.TryGetValue(code, out var e) ? e : null;

    /// <summary>The Chinese title of the symbol, or of its nearest known ancestor.</summary>
    public string? TitleOf(string code)
    {
        foreach (var level in Classification.Hierarchy(code).Reverse())
            if (_entries.TryGetValue(level, out var e)) return e.Title;
        return null;
    }

    /// <summary>True when the symbol's subclass is in the scheme (syntax aside, the symbol is plausible).</summary>
    public bool KnowsSubclassOf(string code) =>
        Classification.Subclass(code) is { } sc && _entries.ContainsKey(sc);

    private static IpcScheme Load()
    {
        using var stream = typeof(IpcScheme).Assembly.GetManifestResourceStream("ipc_2026.01_zh.tsv")
            ?? throw new InvalidOperationException("The IPC scheme resource ipc_2026.01_zh.tsv is missing from Search.Indexer.");
        return Load(stream);
    }

    internal static IpcScheme Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var entries = new Dictionary<string, IpcEntry>(80_000, StringComparer.Ordinal);
        reader.ReadLine(); // header: code, level, title_zh, subsection_zh
        while (reader.ReadLine() is { } line)
        {
            var cols = line.Split('\t');
            if (cols.Length < 3 || cols[0].Length == 0) continue;
            var title = ShortTitle(cols[2]);
            entries[cols[0]] = new IpcEntry(cols[0], cols[1], title);
        }
        return new IpcScheme(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    // Subclass titles carry their notes and references ("…（…入G06F3/14；…） [3，4，5]"): keep the heading.
    private static string ShortTitle(string title)
    {
        var t = title.Replace(" ", "", StringComparison.Ordinal);
        foreach (var stop in new[] { "注意", " [", "[" })
        {
            var i = t.IndexOf(stop, StringComparison.Ordinal);
            if (i > 0) t = t[..i];
        }
        return t.Trim();
    }
}

public sealed record IpcEntry(string Code, string Level, string Title);
