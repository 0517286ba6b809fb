using System.Collections.Frozen;
using System.Net;

namespace Search.Indexer.Readers.Uspto;

/// <summary>
/// Resolves the named entities USPTO documents use without reading their DTDs (which are never
/// fetched): the HTML 4 / ISO 8879 Latin-1, symbol and punctuation names (<c>&amp;lsquo;</c>,
/// <c>&amp;deg;</c>, <c>&amp;plusmn;</c>) and the ISO Greek and technical names the USPTO entity
/// files add (<c>&amp;agr;</c>, <c>&amp;mgr;</c>, <c>&amp;ohgr;</c>, <c>&amp;ap;</c>). An unknown name is kept as
/// literal text (<c>&amp;foo;</c> reads as "&amp;foo;") rather than failing the whole document.
/// </summary>
internal static class UsptoEntities
{
    private static readonly FrozenDictionary<string, string> Iso = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // ISO Greek (isogrk1/isogrk3), lower and upper case.
        ["agr"] = "α", ["bgr"] = "β", ["ggr"] = "γ", ["dgr"] = "δ", ["egr"] = "ε", ["zgr"] = "ζ", ["eegr"] = "η",
        ["thgr"] = "θ", ["igr"] = "ι", ["kgr"] = "κ", ["lgr"] = "λ", ["mgr"] = "μ", ["ngr"] = "ν", ["xgr"] = "ξ",
        ["ogr"] = "ο", ["pgr"] = "π", ["rgr"] = "ρ", ["sgr"] = "σ", ["sfgr"] = "ς", ["tgr"] = "τ", ["ugr"] = "υ",
        ["phgr"] = "φ", ["khgr"] = "χ", ["psgr"] = "ψ", ["ohgr"] = "ω",
        ["Agr"] = "Α", ["Bgr"] = "Β", ["Ggr"] = "Γ", ["Dgr"] = "Δ", ["Egr"] = "Ε", ["Zgr"] = "Ζ", ["EEgr"] = "Η",
        ["THgr"] = "Θ", ["Igr"] = "Ι", ["Kgr"] = "Κ", ["Lgr"] = "Λ", ["Mgr"] = "Μ", ["Ngr"] = "Ν", ["Xgr"] = "Ξ",
        ["Ogr"] = "Ο", ["Pgr"] = "Π", ["Rgr"] = "Ρ", ["Sgr"] = "Σ", ["Tgr"] = "Τ", ["Ugr"] = "Υ", ["PHgr"] = "Φ",
        ["KHgr"] = "Χ", ["PSgr"] = "Ψ", ["OHgr"] = "Ω",
        ["b.alpha"] = "α", ["b.beta"] = "β", ["b.gamma"] = "γ", ["b.delta"] = "δ", ["b.mu"] = "μ",
        // ISO numeric, publishing and technical names that HTML lacks.
        ["ap"] = "≈", ["cir"] = "○", ["square"] = "□", ["squ"] = "□", ["dash"] = "‐", ["hyphen"] = "‐",
        ["half"] = "½", ["ohm"] = "Ω", ["angst"] = "Å", ["phone"] = "☎", ["female"] = "♀", ["male"] = "♂",
        ["blank"] = " ", ["ldquor"] = "„", ["lsquor"] = "‚", ["caret"] = "⁁",
        ["les"] = "⩽", ["ges"] = "⩾", ["filig"] = "ﬁ", ["fflig"] = "ﬀ", ["fllig"] = "ﬂ", ["star"] = "☆", ["starf"] = "★", ["check"] = "✓",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const int MaxNameLength = 32;

    /// <summary>The replacement text for a named entity; null for the five XML predefined ones, which stay as they are.</summary>
    public static string Resolve(string name)
    {
        if (Iso.TryGetValue(name, out var text)) return text;
        var decoded = WebUtility.HtmlDecode("&" + name + ";");
        // HtmlDecode leaves unknown names untouched; keep them readable as literal text.
        return decoded.Length > 0 && decoded[0] != '&' ? decoded : "&amp;" + name + ";";
    }

    private static bool IsPredefined(ReadOnlySpan<char> name) =>
        name is "amp" or "lt" or "gt" or "quot" or "apos";

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> (grown as needed) with every
    /// named entity other than the XML predefined ones replaced; returns the length written.
    /// </summary>
    public static int Replace(ReadOnlySpan<char> source, ref char[] target)
    {
        if (target.Length < source.Length) target = new char[Math.Max(source.Length, target.Length * 2)];
        var written = 0;
        var pos = 0;
        while (pos < source.Length)
        {
            var amp = source[pos..].IndexOf('&');
            if (amp < 0)
            {
                Append(source[pos..], ref target, ref written);
                break;
            }
            Append(source.Slice(pos, amp), ref target, ref written);
            pos += amp;
            var nameLength = NameLength(source[(pos + 1)..]);
            if (nameLength == 0 || pos + 1 + nameLength >= source.Length || source[pos + 1 + nameLength] != ';')
            {
                // "&#…;", a bare "&" or something else: the XML parser judges it.
                Append("&", ref target, ref written);
                pos++;
                continue;
            }
            var name = source.Slice(pos + 1, nameLength);
            if (IsPredefined(name))
                Append(source.Slice(pos, nameLength + 2), ref target, ref written);
            else
                Append(Resolve(name.ToString()), ref target, ref written);
            pos += nameLength + 2;
        }
        return written;
    }

    private static int NameLength(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !char.IsAsciiLetter(s[0])) return 0;
        var i = 1;
        while (i < s.Length && i <= MaxNameLength && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '-' or '_')) i++;
        return i > MaxNameLength ? 0 : i;
    }

    private static void Append(ReadOnlySpan<char> text, ref char[] target, ref int written)
    {
        if (written + text.Length > target.Length)
            Array.Resize(ref target, Math.Max(target.Length * 2, written + text.Length));
        text.CopyTo(target.AsSpan(written));
        written += text.Length;
    }
}
