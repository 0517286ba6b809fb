using System.Text;
using Search.Indexer.Readers.Docdb;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.Docdb;

/// <summary>DOCDB bulk exchange files: exch: prefix, a DTD that must not be fetched, several documents, Chinese originals.</summary>
public class DocdbXmlReaderBulkFormatTests
{
    // The bibliographic values are the real CN218751475U (tests/TestData/cn-export, row 1); the DOCDB
    // wrapping, romanised names and English title are written by hand in the DOCDB exchange layout.
    private const string BulkFile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE exch:exchange-documents SYSTEM "http://docdb.invalid/dtd/exchange-documents.dtd">
        <!-- DOCDB weekly exchange file -->
        <exch:exchange-documents xmlns:exch="http://www.epo.org/exchange" date-of-exchange="20230406" dtd-version="1.0">
        <exch:exchange-document country="CN" doc-number="218751475" kind="U" date-publ="20230328" family-id="85602911" status="A">
        <exch:bibliographic-data>
        <exch:publication-reference data-format="docdb"><document-id><country>CN</country><doc-number>218751475</doc-number><kind>U</kind><date>20230328</date></document-id></exch:publication-reference>
        <exch:classifications-ipcr><exch:classification-ipcr sequence="1"><text>B64U  20/80        20230101AFI20230328BHCN</text></exch:classification-ipcr><exch:classification-ipcr sequence="2"><text>B64U 101/30        20230101ALI20230328BHCN</text></exch:classification-ipcr></exch:classifications-ipcr>
        <exch:application-reference data-format="docdb"><document-id><country>CN</country><doc-number>202223220665</doc-number><kind>U</kind><date>20221202</date></document-id></exch:application-reference>
        <exch:parties>
        <exch:applicants>
        <exch:applicant sequence="1" data-format="docdb"><exch:applicant-name><name>ZHONGKE DATA RES INST</name></exch:applicant-name><residence><country>CN</country></residence></exch:applicant>
        <exch:applicant sequence="1" data-format="original"><exch:applicant-name><name>中科大数据研究院</name></exch:applicant-name></exch:applicant>
        </exch:applicants>
        <exch:inventors>
        <exch:inventor sequence="1" data-format="docdb"><exch:inventor-name><name>LIU DI</name></exch:inventor-name><residence><country>CN</country></residence></exch:inventor>
        <exch:inventor sequence="2" data-format="docdb"><exch:inventor-name><name>LIU MIN</name></exch:inventor-name><residence><country>CN</country></residence></exch:inventor>
        <exch:inventor sequence="1" data-format="original"><exch:inventor-name><name>刘迪,</name></exch:inventor-name></exch:inventor>
        <exch:inventor sequence="2" data-format="original"><exch:inventor-name><name>刘敏</name></exch:inventor-name></exch:inventor>
        </exch:inventors>
        </exch:parties>
        <exch:invention-title lang="en" data-format="docdba">Unmanned aerial vehicle airborne multifunctional box</exch:invention-title>
        <exch:invention-title lang="zh" data-format="original">一种无人机机载多功能盒</exch:invention-title>
        </exch:bibliographic-data>
        <exch:abstract lang="zh" data-format="original"><exch:p>为解决目前无人机在实际的使用过程中不能进行方便快捷的实现飞行路线调整</exch:p></exch:abstract>
        </exch:exchange-document>
        <exch:exchange-document country="CN" doc-number="218751476" kind="U" date-publ="20230328" status="D"/>
        </exch:exchange-documents>
        """;

    [Fact]
    public void Read_docdb_bulk_file_maps_Chinese_original_names_titles_and_ipc_without_fetching_the_dtd()
    {
        using var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(BulkFile));

        var results = new DocdbXmlReader().Read(stream, "DOCDB-202314.xml").ToList();

        var r = results[0].Record!;
        Assert.Equal("CN218751475U", r.Id);
        Assert.Equal((DocumentType.UtilityModel, PublicationStage.Grant), (r.DocumentType, r.Stage));
        Assert.Equal(new PatentNumber("CN", "202223220665", "U"), r.ApplicationNumber);
        Assert.Equal(new DateOnly(2022, 12, 2), r.ApplicationDate);
        Assert.Equal(new DateOnly(2023, 3, 28), r.PublicationDate);
        Assert.Equal(new DateOnly(2023, 3, 28), r.GrantDate);
        Assert.Equal("85602911", r.FamilyId);
        Assert.Equal("一种无人机机载多功能盒", r.Title("zh"));
        Assert.Equal("Unmanned aerial vehicle airborne multifunctional box", r.Title("en"));
        Assert.Equal("为解决目前无人机在实际的使用过程中不能进行方便快捷的实现飞行路线调整", r.Abstract("zh"));
        Assert.Equal(["B64U20/80", "B64U101/30"], r.IpcCodes);
        var applicant = Assert.Single(r.Applicants);
        Assert.Equal(("中科大数据研究院", "CN", PartyType.ResearchInstitute), (applicant.Name, applicant.Country, applicant.Type));
        Assert.Equal([("刘迪", "CN"), ("刘敏", "CN")], r.Inventors.Select(i => (i.Name, i.Country)));
        Assert.Equal(new Provenance("DOCDB-202314.xml", "docdb-xml", 5, 1), Assert.Single(r.Provenance));

        var deleted = results[1].Rejection!;
        Assert.Equal((2L, 27L, "bibliographic-data"), (deleted.DocumentIndex, deleted.Line, deleted.Field));
        Assert.Contains("status 'D'", deleted.Reason, StringComparison.Ordinal);
        Assert.Equal(2, results.Count);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml-stylesheet type=\"text/xsl\" href=\"/3.2/style/exchange.xsl\"?>\n<ops:world-patent-data xmlns=\"http://www.epo.org/exchange\">", true)]
    [InlineData("\uFEFF<?xml version=\"1.0\"?>\n<!DOCTYPE exch:exchange-documents SYSTEM \"x.dtd\" [ <!ENTITY a \"b\"> ]>\n<!-- c -->\n<exch:exchange-documents xmlns:exch=\"http://www.epo.org/exchange\">", true)]
    [InlineData("<exchange-document country=\"EP\">", true)]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v42-2006-08-23.dtd\" [ ]>\n<us-patent-grant lang=\"EN\">", false)]
    [InlineData("{\"id\":\"CN218751475U\",\"publicationNumber\":{}}", false)]
    [InlineData("<?xml version=\"1.0\"?><ops:world-pat", false)]
    [InlineData("", false)]
    public void LooksLike_decides_from_the_root_element_in_the_first_bytes(string head, bool expected) =>
        Assert.Equal(expected, DocdbXmlReader.LooksLike(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void LooksLike_every_sample_response_is_recognised()
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(DocdbTestFiles.PathOf("x"))!, "*.xml"))
        {
            var head = File.ReadAllBytes(file).AsSpan(0, 512);
            Assert.True(DocdbXmlReader.LooksLike(head), file);
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
