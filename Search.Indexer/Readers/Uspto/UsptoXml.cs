using System.Text;
using System.Xml.Linq;
using Search.Indexer.Normalization;

namespace Search.Indexer.Readers.Uspto;

/// <summary>Small navigation and text helpers over the un-namespaced USPTO elements.</summary>
internal static class UsptoXml
{
    // Elements whose content is a separate block of text: a space keeps words on either side apart.
    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "paragraph", "claim-text", "heading", "li", "br", "row", "entry", "tables", "table", "ul", "ol", "dl", "dt", "dd",
    };

    /// <summary>The first element down a path of child names, or null.</summary>
    public static XElement? Path(this XElement? e, params string[] names)
    {
        foreach (var n in names)
        {
            if (e is null) return null;
            e = e.Element(n);
        }
        return e;
    }

    /// <summary>All elements at the end of a path of child names.</summary>
    public static IEnumerable<XElement> All(this XElement? e, params string[] names)
    {
        if (e is null) return [];
        IEnumerable<XElement> current = [e];
        foreach (var n in names) current = current.Elements(n);
        return current;
    }

    /// <summary>The trimmed text of the first element down a path, or null when absent or blank.</summary>
    public static string? ValueAt(this XElement? e, params string[] names)
    {
        var el = e.Path(names);
        return el is null ? null : TextNormalizer.Clean(el.Value);
    }

    /// <summary>Readable text of mixed content: inline markup (sub, sup, b, i) joins, block elements are separated, whitespace collapsed.</summary>
    public static string? Text(XElement? e)
    {
        if (e is null) return null;
        var sb = new StringBuilder();
        Append(e, sb);
        return TextNormalizer.Clean(sb.ToString());
    }

    private static void Append(XElement e, StringBuilder sb)
    {
        foreach (var node in e.Nodes())
        {
            switch (node)
            {
                case XText t:
                    sb.Append(t.Value);
                    break;
                case XElement child:
                    var block = BlockElements.Contains(child.Name.LocalName);
                    if (block) sb.Append(' ');
                    Append(child, sb);
                    if (block) sb.Append(' ');
                    break;
            }
        }
    }
}
