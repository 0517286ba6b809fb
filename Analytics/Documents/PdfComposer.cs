using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Analytics.Documents;

/// <summary>
/// Flowing A4 documents with Chinese and Latin text on PDFsharp: titles, headings, wrapped paragraphs,
/// label–value lists, tables that continue across pages (header repeated), images (PNG/JPEG) and a
/// footer with page numbers. Lines wrap between any two CJK characters and at spaces in Latin text.
/// Shared by every PDF the product issues (licence notices and contracts, navigation reports,
/// contest certificates), so they look alike and all read Chinese.
/// </summary>
/// <example>
/// <code>
/// var pdf = new PdfComposer("开放许可合同", footer: "CN-OL-2026-0001");
/// pdf.Title("专利实施许可合同").Paragraph("许可人：……").Table(["专利号", "名称"], rows).Save(stream);
/// </code>
/// </example>
public sealed class PdfComposer : IDisposable
{
    private const double Margin = 56; // 2 cm
    private const double FooterHeight = 24;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x37);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x80);
    private static readonly XColor Rule = XColor.FromArgb(0xD1, 0xD5, 0xDB);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xF3, 0xF4, 0xF6);

    private readonly PdfDocument _document = new();
    private readonly string? _footer;
    private XGraphics? _graphics;
    private double _y;

    /// <param name="title">Document title (metadata).</param>
    /// <param name="footer">Text at the foot of every page, left of the page number (e.g. a reference and timestamp).</param>
    public PdfComposer(string title, string? footer = null)
    {
        CjkFontResolver.EnsureInstalled();
        _document.Info.Title = title;
        _document.Info.Creator = "Patent Navigation & Open Licensing";
        _footer = footer;
        NewPage();
    }

    public static double ContentWidth => XUnit.FromMillimeter(210).Point - 2 * Margin;

    public int PageCount => _document.PageCount;

    private XGraphics Graphics => _graphics ?? throw new ObjectDisposedException(nameof(PdfComposer));

    private static double Bottom => XUnit.FromMillimeter(297).Point - Margin - FooterHeight;

    public PdfComposer Title(string text) => Block(text, Font(18, bold: true), Ink, spaceBefore: 0, spaceAfter: 10);

    public PdfComposer Heading(string text) => Block(text, Font(13, bold: true), Ink, spaceBefore: 10, spaceAfter: 4);

    public PdfComposer Paragraph(string text, double size = 10) => Block(text, Font(size), Ink, spaceBefore: 0, spaceAfter: 6);

    public PdfComposer Note(string text) => Block(text, Font(8.5), Muted, spaceBefore: 0, spaceAfter: 4);

    /// <summary>Label–value pairs, the label in a fixed column on the left.</summary>
    public PdfComposer Fields(IEnumerable<(string Label, string Value)> fields, double labelWidth = 120)
    {
        var label = Font(10, bold: true);
        var value = Font(10);
        foreach (var (name, text) in fields)
        {
            var nameLines = Wrap(name, label, labelWidth - 8);
            var valueLines = Wrap(text, value, ContentWidth - labelWidth);
            var height = Math.Max(nameLines.Count, valueLines.Count) * LineHeight(value);
            EnsureRoom(Math.Min(height, Bottom - Margin));
            var top = _y;
            DrawLines(nameLines, label, Muted, Margin, top);
            DrawLines(valueLines, value, Ink, Margin + labelWidth, top);
            _y = top + height + 3;
        }
        _y += 4;
        return this;
    }

    /// <summary>A table; <paramref name="widths"/> are relative column widths (default equal). Long tables continue on the next page with the header repeated.</summary>
    public PdfComposer Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double>? widths = null, double size = 9)
    {
        ArgumentOutOfRangeException.ThrowIfZero(headers.Count);
        if (widths is not null && widths.Count != headers.Count)
            throw new ArgumentException($"{widths.Count} widths for {headers.Count} columns.", nameof(widths));
        var total = widths?.Sum() ?? headers.Count;
        var columns = (widths ?? Enumerable.Repeat(1.0, headers.Count).ToList()).Select(w => w / total * ContentWidth).ToArray();
        var headerFont = Font(size, bold: true);
        var cellFont = Font(size);

        void Header()
        {
            DrawRow(headers, columns, headerFont, fill: true);
        }

        EnsureRoom(LineHeight(headerFont) * 3);
        Header();
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
                throw new ArgumentException($"A row has {row.Count} cells for {headers.Count} columns.", nameof(rows));
            var height = RowHeight(row, columns, cellFont);
            if (_y + height > Bottom)
            {
                NewPage();
                Header();
            }
            DrawRow(row, columns, cellFont, fill: false);
        }
        _y += 8;
        return this;
    }

    /// <summary>A PNG or JPEG image, scaled to fit the width (and at most <paramref name="maxWidth"/> points wide).</summary>
    public PdfComposer Image(byte[] image, double? maxWidth = null)
    {
        using var stream = new MemoryStream(image, writable: false);
        using var picture = XImage.FromStream(stream);
        var width = Math.Min(maxWidth ?? ContentWidth, ContentWidth);
        var height = width * picture.PixelHeight / Math.Max(1, picture.PixelWidth);
        if (height > Bottom - Margin)
        {
            height = Bottom - Margin;
            width = height * picture.PixelWidth / Math.Max(1, picture.PixelHeight);
        }
        EnsureRoom(height);
        Graphics.DrawImage(picture, Margin, _y, width, height);
        _y += height + 8;
        return this;
    }

    public PdfComposer Space(double points = 8)
    {
        _y += points;
        return this;
    }

    public PdfComposer PageBreak()
    {
        NewPage();
        return this;
    }

    /// <summary>Finishes the document into <paramref name="output"/> (page numbers are drawn now).</summary>
    public void Save(Stream output)
    {
        _graphics?.Dispose();
        _graphics = null;
        var font = Font(8);
        var pages = _document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i]);
            var y = XUnit.FromMillimeter(297).Point - Margin + 6;
            if (_footer is not null) g.DrawString(_footer, font, new XSolidBrush(Muted), Margin, y, XStringFormats.TopLeft);
            var number = string.Create(CultureInfo.InvariantCulture, $"{i + 1} / {pages}");
            var width = g.MeasureString(number, font).Width;
            g.DrawString(number, font, new XSolidBrush(Muted), Margin + ContentWidth - width, y, XStringFormats.TopLeft);
        }
        _document.Save(output, closeStream: false);
    }

    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
        _document.Dispose();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(CjkFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static double LineHeight(XFont font) => font.Size * 1.45;

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom && _y > Margin) NewPage();
    }

    private PdfComposer Block(string text, XFont font, XColor color, double spaceBefore, double spaceAfter)
    {
        if (_y > Margin) _y += spaceBefore;
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            EnsureRoom(LineHeight(font));
            DrawLines([line], font, color, Margin, _y);
            _y += LineHeight(font);
        }
        _y += spaceAfter;
        return this;
    }

    private void DrawLines(IReadOnlyList<string> lines, XFont font, XColor color, double x, double top)
    {
        var brush = new XSolidBrush(color);
        for (var i = 0; i < lines.Count; i++)
            Graphics.DrawString(lines[i], font, brush, x, top + i * LineHeight(font), XStringFormats.TopLeft);
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] columns, XFont font) =>
        cells.Select((c, i) => Wrap(c, font, columns[i] - 8).Count).Max() * LineHeight(font) + 6;

    private void DrawRow(IReadOnlyList<string> cells, double[] columns, XFont font, bool fill)
    {
        var height = RowHeight(cells, columns, font);
        if (fill) Graphics.DrawRectangle(new XSolidBrush(HeaderFill), Margin, _y, ContentWidth, height);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            DrawLines(Wrap(cells[i], font, columns[i] - 8), font, Ink, x + 4, _y + 3);
            x += columns[i];
        }
        Graphics.DrawLine(new XPen(Rule, 0.5), Margin, _y + height, Margin + ContentWidth, _y + height);
        _y += height;
    }

    /// <summary>
    /// Splits <paramref name="text"/> into lines no wider than <paramref name="width"/>: explicit line
    /// breaks are kept; a line may break between CJK characters or at a space; a Latin word longer than
    /// a line is cut.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var atom in Atoms(paragraph))
            {
                var candidate = line.ToString() + atom;
                if (Graphics.MeasureString(candidate, font).Width <= width || line.Length == 0 && Graphics.MeasureString(atom, font).Width <= width)
                {
                    line.Append(atom);
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                }
                var rest = atom.TrimStart();
                // A single atom wider than the line: cut it character by character.
                while (rest.Length > 0 && Graphics.MeasureString(rest, font).Width > width)
                {
                    var take = 1;
                    while (take < rest.Length && Graphics.MeasureString(rest[..(take + 1)], font).Width <= width) take++;
                    lines.Add(rest[..take]);
                    rest = rest[take..];
                }
                line.Append(rest);
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    /// <summary>Unbreakable pieces: a CJK character (with any closing punctuation after it), or a run of other characters with its trailing spaces.</summary>
    private static IEnumerable<string> Atoms(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (IsCjk(text[i]))
            {
                i++;
                while (i < text.Length && IsClosingPunctuation(text[i])) i++;
            }
            else
            {
                while (i < text.Length && !IsCjk(text[i]) && text[i] != ' ') i++;
                while (i < text.Length && text[i] == ' ') i++;
            }
            yield return text[start..i];
        }
    }

    private static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';

    private static bool IsClosingPunctuation(char c) => c is '，' or '。' or '、' or '；' or '：' or '）' or '」' or '》' or '！' or '？' or '”';
}
