using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Xml;

namespace Marketplace.Web.Exports;

/// <summary>
/// One-sheet SpreadsheetML written straight into a zip, row by row (inline strings, a bold header row, fixed
/// column widths). ClosedXML 0.95 builds the whole workbook in memory before saving, and its maintainers call
/// streaming "not something that fits the architecture" (ClosedXML#2711), so the exports write the parts themselves.
/// </summary>
internal sealed class XlsxTableSheet : ITableSheet
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int HeaderStyle = 1;
    // Measuring contents for a width needs System.Drawing (libgdiplus), absent on Linux servers: one width suits the exports' columns.
    private const int ColumnWidth = 24;

    private readonly ZipArchive _zip;
    private readonly Stream _sheet;
    private readonly XmlWriter _xml;
    private int _row;

    public XlsxTableSheet(Stream output, string sheetName, IReadOnlyList<string> headers)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        AddPart("[Content_Types].xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
        AddPart("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        AddPart("xl/workbook.xml",
            $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SecurityElement.Escape(SheetName(sheetName))}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        AddPart("xl/_rels/workbook.xml.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        // Style 0 is the default; style 1 is bold, for the header row.
        AddPart("xl/styles.xml",
            $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{Main}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");

        _sheet = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        // Entitized line breaks: a parser turns a raw CR into LF, and a cell's CR must read back as written.
        _xml = XmlWriter.Create(_sheet, new XmlWriterSettings { Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.Entitize });
        _xml.WriteStartDocument(standalone: true);
        _xml.WriteStartElement(null, "worksheet", Main);
        _xml.WriteStartElement(null, "cols", Main);
        _xml.WriteStartElement(null, "col", Main);
        _xml.WriteAttributeString("min", "1");
        _xml.WriteAttributeString("max", Math.Max(1, headers.Count).ToString(CultureInfo.InvariantCulture));
        _xml.WriteAttributeString("width", ColumnWidth.ToString(CultureInfo.InvariantCulture));
        _xml.WriteAttributeString("customWidth", "1");
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteStartElement(null, "sheetData", Main);
        WriteRow(headers.Select(h => (TableCell)h).ToList(), HeaderStyle);
    }

    public void WriteRow(IReadOnlyList<TableCell> cells) => WriteRow(cells, style: 0);

    public void Flush()
    {
        _xml.Flush();
        _sheet.Flush();
    }

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Dispose();
        _sheet.Dispose();
        _zip.Dispose();
    }

    private void WriteRow(IReadOnlyList<TableCell> cells, int style)
    {
        _xml.WriteStartElement(null, "row", Main);
        _xml.WriteAttributeString("r", (++_row).ToString(CultureInfo.InvariantCulture));
        foreach (var cell in cells)
        {
            _xml.WriteStartElement(null, "c", Main);
            if (style != 0) _xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            if (cell.Number is { } number)
                _xml.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
            else
            {
                var text = XmlSafe(TableExport.Neutralize(cell.Text));
                _xml.WriteAttributeString("t", "inlineStr");
                _xml.WriteStartElement(null, "is", Main);
                _xml.WriteStartElement(null, "t", Main);
                // Without it a reader may drop leading and trailing spaces.
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) _xml.WriteAttributeString("xml", "space", null, "preserve");
                _xml.WriteString(text);
                _xml.WriteEndElement();
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
    }

    private void AddPart(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    /// <summary>Excel's sheet-name rules: at most 31 characters, none of <c>[]*?/\:</c>, not empty, not framed by apostrophes.</summary>
    internal static string SheetName(string name)
    {
        var kept = new string(name.Where(c => !char.IsControl(c) && "[]*?/\\:".IndexOf(c, StringComparison.Ordinal) < 0).Take(31).ToArray()).Trim('\'', ' ');
        return kept.Length == 0 ? "Sheet1" : kept;
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters, stray surrogates from odd sources) are dropped.</summary>
    private static string XmlSafe(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(s[i]) && !(i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))) return Filtered(s);
            if (char.IsHighSurrogate(s[i])) i++;
        }
        return s;

        static string Filtered(string s)
        {
            var kept = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (XmlConvert.IsXmlChar(s[i])) kept.Append(s[i]);
                else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i])) kept.Append(s, i++, 2);
            }
            return kept.ToString();
        }
    }
}
