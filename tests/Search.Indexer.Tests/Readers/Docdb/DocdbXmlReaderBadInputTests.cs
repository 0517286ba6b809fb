using System.Text;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Docdb;

/// <summary>Broken and foreign input: reading never stops early without saying why, and never throws.</summary>
public class DocdbXmlReaderBadInputTests
{
    private const string TwoDocuments = "published-data_application_docdb_EP.13844704.A_biblio.xml";

    [Fact]
    public void Read_file_truncated_inside_the_second_document_gives_the_first_record_and_rejects_the_broken_one()
    {
        var text = DocdbTestFiles.Text(TwoDocuments);
        var cut = text.IndexOf("<invention-title lang=\"fr\">", text.LastIndexOf("<exchange-document ", StringComparison.Ordinal), StringComparison.Ordinal);

        var results = DocdbTestFiles.ReadXml(text[..cut], "cut.xml");

        Assert.Equal(2, results.Count);
        Assert.Equal("EP2906782A2", results[0].Record?.Id);
        var rejection = results[1].Rejection!;
        Assert.Equal(("cut.xml", 162L, 2L, "exchange-document"), (rejection.SourceFile, rejection.Line, rejection.DocumentIndex, rejection.Field));
        Assert.Contains("truncated or damaged", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith("<exchange-document system=\"ops.epo.org\" family-id=\"50474376\" country=\"EP\" doc-number=\"2906782\" kind=\"A4\">", rejection.Raw, StringComparison.Ordinal);
        Assert.EndsWith("</invention-title>\n                ", rejection.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_file_truncated_between_documents_gives_the_records_before_and_one_rejection_for_the_rest()
    {
        var text = DocdbTestFiles.Text(TwoDocuments);
        var cut = text.IndexOf("</exchange-document>", StringComparison.Ordinal) + "</exchange-document>".Length;

        var results = DocdbTestFiles.ReadXml(text[..cut]);

        Assert.Equal(["EP2906782A2"], results.Records().Select(r => r.Id));
        var rejection = Assert.Single(results.Rejections());
        Assert.Null(rejection.DocumentIndex);
        Assert.Contains("breaks after document 1", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_document_without_publication_number_is_rejected_and_the_next_document_still_comes_out()
    {
        var text = DocdbTestFiles.Text(TwoDocuments);
        var first = text.IndexOf("<publication-reference>", StringComparison.Ordinal);
        var firstEnd = text.IndexOf("</publication-reference>", first, StringComparison.Ordinal) + "</publication-reference>".Length;
        text = text[..first] + text[firstEnd..];
        text = text.Replace("country=\"EP\" doc-number=\"2906782\" kind=\"A2\"", "", StringComparison.Ordinal);

        var results = DocdbTestFiles.ReadXml(text);

        var rejection = results[0].Rejection!;
        Assert.Equal(("publication-reference", 1L, 4L), (rejection.Field, rejection.DocumentIndex, rejection.Line));
        Assert.StartsWith("no publication number", rejection.Reason, StringComparison.Ordinal);
        // The raw document carries its namespace, so once fixed it loads on its own.
        Assert.StartsWith("<exchange-document system=\"ops.epo.org\" family-id=\"50474376\"", rejection.Raw, StringComparison.Ordinal);
        Assert.Contains("xmlns=\"http://www.epo.org/exchange\"", rejection.Raw, StringComparison.Ordinal);
        Assert.Equal("EP2906782A4", results[1].Record?.Id);
    }

    [Fact]
    public void Read_impossible_publication_date_is_rejected_naming_the_field_and_the_value()
    {
        var text = DocdbTestFiles.Text("published-data_publication_docdb_EP.2906782.A2_biblio.xml").Replace("<date>20150819</date>", "<date>20151332</date>", StringComparison.Ordinal);

        var rejection = Assert.Single(DocdbTestFiles.ReadXml(text)).Rejection!;

        Assert.Equal("publication-reference/date", rejection.Field);
        Assert.Contains("'20151332' is not a date", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_the_raw_of_a_rejected_document_once_fixed_loads_on_its_own()
    {
        var text = DocdbTestFiles.Text("published-data_publication_docdb_CA.2887530.A1_biblio.xml").Replace("<date>20140417</date>", "<date>2014-04-31</date>", StringComparison.Ordinal);
        var raw = Assert.Single(DocdbTestFiles.ReadXml(text)).Rejection!.Raw!;

        var fixedRecord = Assert.Single(DocdbTestFiles.ReadXml(raw.Replace("2014-04-31", "2014-04-17", StringComparison.Ordinal))).Record;

        Assert.Equal("CA2887530A1", fixedRecord?.Id);
        Assert.Equal(new DateOnly(2014, 4, 17), fixedRecord?.PublicationDate);
    }

    [Fact]
    public void Read_unreadable_ipc_symbol_is_rejected_naming_the_classification_field()
    {
        var text = DocdbTestFiles.Text("published-data_publication_docdb_EP.2906782.A2_biblio.xml").Replace("E21B  47/   022", "XYZ  47/   022", StringComparison.Ordinal);

        var rejection = Assert.Single(DocdbTestFiles.ReadXml(text)).Rejection!;

        Assert.Equal("classifications-ipcr/classification-ipcr/text", rejection.Field);
        Assert.Contains("not an IPC/CPC symbol", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_binary_file_gives_one_rejection_for_the_file()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xAB, 0xCD];

        var rejection = Assert.Single(DocdbTestFiles.ReadBytes(zip, "export.zip")).Rejection!;

        Assert.Equal("export.zip", rejection.SourceFile);
        Assert.Null(rejection.DocumentIndex);
        Assert.Contains("binary", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public void Read_empty_file_gives_one_rejection_saying_it_is_empty(string content)
    {
        var rejection = Assert.Single(DocdbTestFiles.ReadXml(content)).Rejection!;
        Assert.StartsWith("empty file", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Chinese_csv_export_is_rejected_as_not_xml()
    {
        var bytes = File.ReadAllBytes(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"));

        var rejection = Assert.Single(DocdbTestFiles.ReadBytes(bytes, "cn.csv")).Rejection!;

        Assert.StartsWith("not an XML file: it starts with '序号", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_uspto_grant_xml_is_rejected_naming_its_root_element()
    {
        var bytes = File.ReadAllBytes(TestFiles.File("uspto-xml", "ipg110104.small.xml"));

        var rejection = Assert.Single(DocdbTestFiles.ReadBytes(bytes)).Rejection!;

        Assert.Equal("us-patent-grant", rejection.Field);
        Assert.Contains("not an EPO OPS or DOCDB exchange file", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_xml_that_is_not_well_formed_from_the_start_gives_one_rejection_for_the_file()
    {
        var rejection = Assert.Single(DocdbTestFiles.ReadXml("<ops:world-patent-data xmlns:ops=\"http://ops.epo.org\"><a></b>")).Rejection!;
        Assert.Contains("line 1", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_is_lazy_so_the_first_record_comes_out_before_the_rest_of_the_file_is_read()
    {
        var text = DocdbTestFiles.Text(TwoDocuments);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        using var results = new Search.Indexer.Readers.Docdb.DocdbXmlReader().Read(stream, "x.xml").GetEnumerator();
        Assert.True(results.MoveNext());

        Assert.Equal("EP2906782A2", results.Current.Record?.Id);
        Assert.True(stream.Position < stream.Length);
    }
}
