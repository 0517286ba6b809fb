using Analytics.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;

namespace Analytics.Tests.Documents;

public sealed class PdfComposerTests
{
    [Fact]
    public void ExtractFirstFace_of_the_system_collection_is_a_standalone_true_type_font()
    {
        var file = CjkFontResolver.FindFontFile();
        var bytes = File.ReadAllBytes(file);
        if (!file.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Throws<InvalidDataException>(() => CjkFontResolver.ExtractFirstFace(bytes));
            return;
        }
        var face = CjkFontResolver.ExtractFirstFace(bytes);
        // sfnt version 1.0 (TrueType outlines), then a table directory that names cmap and glyf.
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, face[..4]);
        var text = System.Text.Encoding.ASCII.GetString(face, 0, 12 + 16 * (face[4] << 8 | face[5]));
        Assert.Contains("cmap", text, StringComparison.Ordinal);
        Assert.Contains("glyf", text, StringComparison.Ordinal);
        Assert.True(face.Length < bytes.Length);
    }

    [Fact]
    public void Document_with_Chinese_text_and_a_long_table_continues_on_new_pages_and_reopens()
    {
        using var pdf = new PdfComposer("专利实施许可合同", footer: "CN-OL-TEST");
        pdf.Title("专利实施许可合同（开放许可）")
            .Fields([("许可人 Licensor", "某某大学 Some University"), ("专利号", "ZL202110000000.1")])
            .Paragraph(string.Concat(Enumerable.Repeat("本合同依据《中华人民共和国专利法》第五十条订立，许可为普通许可。The licence is non-exclusive. ", 8)));
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[$"CN{i:D9}A", "一种锂电池的制备方法 lithium battery", i.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        pdf.Table(["公开号", "名称", "序号"], rows, [2, 5, 1]);
        var bytes = pdf.ToArray();

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 8), StringComparison.Ordinal);
        using var reopened = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(reopened.PageCount >= 3, $"120 rows should need at least 3 pages, got {reopened.PageCount}");
        Assert.Equal("专利实施许可合同", reopened.Info.Title);
    }

    [Fact]
    public void Wrap_breaks_between_Chinese_characters_and_at_spaces_in_latin_text()
    {
        using var pdf = new PdfComposer("wrap");
        var font = new XFont(CjkFontResolver.Family, 10);

        var chinese = pdf.Wrap(new string('专', 200), font, 100);
        Assert.True(chinese.Count > 1);
        Assert.All(chinese, line => Assert.Equal(new string('专', line.Length), line));
        Assert.Equal(200, chinese.Sum(l => l.Length));

        var latin = pdf.Wrap("non-exclusive licence within the territory of China", font, 80);
        Assert.True(latin.Count > 1);
        Assert.All(latin, line => Assert.DoesNotContain("  ", line, StringComparison.Ordinal));
        Assert.Equal("non-exclusive licence within the territory of China", string.Join(' ', latin));

        Assert.Equal(["第一行", "", "third"], pdf.Wrap("第一行\n\nthird", font, 300));
    }
}
