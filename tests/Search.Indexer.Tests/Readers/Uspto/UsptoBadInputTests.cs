using System.Text;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Bad documents become rejections with their position and raw text, and reading goes on.</summary>
public class UsptoBadInputTests
{
    private static List<string> FirstDocuments(int count) => UsptoSamples.Documents("ipg050104.small.xml").Take(count).ToList();

    [Fact]
    public void Read_truncated_last_document_rejects_it_and_keeps_the_ones_before()
    {
        var bytes = File.ReadAllBytes(UsptoSamples.PathOf("ipg050104.small.xml"));
        var cut = bytes.AsSpan(0, bytes.Length - 3000).ToArray();

        var results = UsptoSamples.ReadBytes(cut, "cut.xml");

        Assert.Equal(24, results.Records().Count);
        var bad = Assert.Single(results.Rejections());
        Assert.Equal(25, bad.DocumentIndex);
        Assert.Equal("cut.xml", bad.SourceFile);
        Assert.Equal("uspto-xml", bad.Format);
        Assert.Equal("us-patent-grant", bad.Field);
        Assert.StartsWith("document is truncated: it ends before </us-patent-grant>", bad.Reason, StringComparison.Ordinal);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", bad.Raw, StringComparison.Ordinal);
        Assert.Equal(LineOfDeclaration("ipg050104.small.xml", 25), bad.Line);
    }

    [Fact]
    public void Read_malformed_document_in_the_middle_rejects_only_that_document()
    {
        var docs = FirstDocuments(3);
        docs[1] = docs[1].Replace("</invention-title>", "</invention-titel>", StringComparison.Ordinal);

        var results = UsptoSamples.ReadText(string.Concat(docs));

        Assert.Equal(["US6836899B1", "US6837063B1"], results.Records().Select(r => r.Id));
        var bad = Assert.Single(results.Rejections());
        Assert.Equal(2, bad.DocumentIndex);
        Assert.Equal(917, bad.Line);
        Assert.StartsWith("malformed XML at file line", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("invention-titel", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(docs[1], bad.Raw);
    }

    [Fact]
    public void Read_unknown_dtd_version_with_the_known_layout_is_read_with_the_closest_mapping()
    {
        var doc = FirstDocuments(1)[0].Replace("dtd-version=\"v40 2004-12-02\"", "dtd-version=\"v9.9 2030-01-01\"", StringComparison.Ordinal);

        var r = Assert.Single(UsptoSamples.ReadText(doc).Records());

        Assert.Equal("US6836899B1", r.Id);
        Assert.Equal(["A45F5/04"], r.IpcCodes);
    }

    [Fact]
    public void Read_unknown_dtd_version_missing_required_fields_is_rejected_naming_the_version()
    {
        var doc = FirstDocuments(1)[0]
            .Replace("dtd-version=\"v40 2004-12-02\"", "dtd-version=\"v9.9 2030-01-01\"", StringComparison.Ordinal)
            .Replace("invention-title", "title-of-the-invention", StringComparison.Ordinal);

        var bad = Assert.Single(UsptoSamples.ReadText(doc).Rejections());

        Assert.Equal("invention-title", bad.Field);
        Assert.StartsWith("us-patent-grant dtd-version v9.9 is not supported (known v4.0–v4.7)", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(1, bad.DocumentIndex);
    }

    [Fact]
    public void Read_unknown_root_element_is_rejected_and_the_next_document_read()
    {
        var docs = FirstDocuments(2);
        docs[0] = docs[0].Replace("us-patent-grant", "us-patent-thing", StringComparison.Ordinal);

        var results = UsptoSamples.ReadText(string.Concat(docs));

        Assert.Equal(["US6836979B2"], results.Records().Select(r => r.Id));
        var bad = Assert.Single(results.Rejections());
        Assert.Equal("us-patent-thing", bad.Field);
        Assert.StartsWith("unknown root element <us-patent-thing>", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(1, bad.Line);
    }

    [Fact]
    public void Read_document_without_publication_number_is_rejected_for_that_field()
    {
        var docs = FirstDocuments(2);
        docs[1] = docs[1].Replace("<doc-number>06836979</doc-number>", "", StringComparison.Ordinal);

        var results = UsptoSamples.ReadText(string.Concat(docs));

        Assert.Equal(["US6836899B1"], results.Records().Select(r => r.Id));
        var bad = Assert.Single(results.Rejections());
        Assert.Equal("publication-reference/document-id/doc-number", bad.Field);
        Assert.Equal("the document has no publication number", bad.Reason);
        Assert.Equal(2, bad.DocumentIndex);
    }

    [Fact]
    public void Read_entities_from_the_dtd_are_resolved_without_it()
    {
        var doc = FirstDocuments(1)[0].Replace(
            "Device for detachably holding an absorbent napkin across the torso",
            "&lsquo;Napkin&rsquo; holder, 5&mgr;m &plusmn; 1&deg; &ohgr; &madeupname; R&amp;D",
            StringComparison.Ordinal);

        var r = Assert.Single(UsptoSamples.ReadText(doc).Records());

        Assert.Equal("‘Napkin’ holder, 5μm ± 1° ω &madeupname; R&D", r.Title("en"));
    }

    [Fact]
    public void Read_empty_file_yields_one_rejection_for_the_file()
    {
        var bad = Assert.Single(UsptoSamples.ReadBytes([], "empty.xml"));

        Assert.Null(bad.Record);
        Assert.Equal("empty.xml", bad.Rejection!.SourceFile);
        Assert.Null(bad.Rejection.DocumentIndex);
        Assert.Contains("empty", bad.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_whitespace_only_file_yields_one_rejection_for_the_file()
    {
        var bad = Assert.Single(UsptoSamples.ReadText("\r\n  \n\t"));

        Assert.Contains("empty", bad.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_binary_garbage_yields_one_rejection_for_the_file()
    {
        var garbage = new byte[300_000];
        new Random(42).NextBytes(garbage);

        var bad = Assert.Single(UsptoSamples.ReadBytes(garbage, "garbage.bin"));

        Assert.Null(bad.Record);
        Assert.StartsWith("the file is binary", bad.Rejection!.Reason, StringComparison.Ordinal);
        Assert.Null(bad.Rejection.Raw);
    }

    [Fact]
    public void Read_text_that_is_no_xml_is_rejected_as_one_document()
    {
        var bad = Assert.Single(UsptoSamples.ReadText("序号,申请号,专利名称\n1,CN2022,test\n"));

        Assert.Equal(1, bad.Rejection!.DocumentIndex);
        Assert.StartsWith("malformed XML", bad.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_document_larger_than_the_limit_is_rejected_with_its_start_as_raw_and_the_next_one_read()
    {
        var docs = FirstDocuments(2);
        var huge = docs[0].Replace("<abstract id=\"abstract\">", "<abstract id=\"abstract\"><p>" + new string('x', 3_000_000) + "</p>", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(huge + docs[1]));

        var results = new Search.Indexer.Readers.Uspto.UsptoXmlReader(maxDocumentBytes: 2_000_000).Read(stream, "big.xml").ToList();

        Assert.Equal(["US6836979B2"], results.Records().Select(r => r.Id));
        var bad = Assert.Single(results.Rejections());
        Assert.Contains("more than the 2,000,000 bytes", bad.Reason, StringComparison.Ordinal);
        Assert.True(bad.Raw!.Length <= 1_000_100);
        Assert.Equal(LineCount(docs[0]) + 1, results.Records()[0].Provenance[0].Line);
    }

    [Fact]
    public void Read_file_with_utf_8_bom_reads_its_documents()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Concat(FirstDocuments(2)))).ToArray();

        var results = UsptoSamples.ReadBytes(bytes);

        Assert.Equal(2, results.Records().Count);
        Assert.Empty(results.Rejections());
    }

    private static int LineCount(string text) => text.Count(c => c == '\n');

    private static long LineOfDeclaration(string file, int index) =>
        File.ReadLines(UsptoSamples.PathOf(file)).Select((l, i) => (l, i + 1)).Where(x => x.l.StartsWith("<?xml", StringComparison.Ordinal)).ElementAt(index - 1).Item2;
}
