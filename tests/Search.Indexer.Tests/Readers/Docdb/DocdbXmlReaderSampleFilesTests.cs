using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Docdb;

/// <summary>What every real OPS sample gives: the records (in order) and, for files with none, why.</summary>
public class DocdbXmlReaderSampleFilesTests
{
    private const string NotBiblio = "not a bibliographic document";

    private static readonly string[] Family =
    [
        "EP2906782A2", "EP2906782A4", "CA2887530A1", "CN104968889A", "RU2015117646A", "US20140102795A1",
        "US9291047B2", "US20160245070A1", "US10047600B2", "WO2014059282A2", "WO2014059282A3",
    ];

    // file → (record ids, rejection reason fragment or null)
    public static readonly TheoryData<string, string[], string?> Expected = new()
    {
        { "family_publication_docdb_EP.2906782.A2_.xml", Family, null },
        { "legal_publication_docdb_CA.2300029.C_.xml", ["CA2300029C"], null },
        { "number-service_application_original_EP.(13844704)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_CA.(2300029C)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_CA.(2944968)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_EP.(3082535A1)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_EP3082535A1)_epodoc.xml", [], NotBiblio },
        { "number-service_publication_original_EP3221665A1)_epodoc.xml", [], NotBiblio },
        { "number-service_publication_original_RU.(2015124071)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_US.(9231827B2)_docdb.xml", [], NotBiblio },
        { "number-service_publication_original_WO.(2018148832A1)_docdb.xml", [], NotBiblio },
        { "published-data_application_docdb_EP.13844704.A_biblio.xml", ["EP2906782A2", "EP2906782A4"], null },
        { "published-data_application_docdb_US.2016015853.W_biblio.xml", ["WO2016123588A1"], null },
        { "published-data_publication_docdb_CA.2887530.A1_biblio.xml", ["CA2887530A1"], null },
        { "published-data_publication_docdb_CA.2944968.A1_claims.xml", ["CA2944968A1"], null },
        { "published-data_publication_docdb_CA.2944968.A1_description.xml", [], "stores no description text" },
        { "published-data_publication_docdb_CA.2944968.A1_images.xml", [], NotBiblio },
        { "published-data_publication_docdb_CA.2944968_biblio.xml", ["CA2944968A1"], null },
        { "published-data_publication_docdb_EP.2906782.A2_biblio.xml", ["EP2906782A2"], null },
        { "published-data_publication_docdb_EP.2906782.A4_biblio.xml", ["EP2906782A4"], null },
        { "published-data_publication_docdb_EP.3082535.A1_biblio.xml", ["EP3082535A1"], null },
        { "published-data_publication_docdb_RU.2015117646.A_biblio.xml", ["RU2015117646A"], null },
        { "published-data_publication_docdb_RU.2015124071_biblio.xml", ["RU2015124071A"], null },
        { "published-data_publication_docdb_US.10047600.B2_biblio.xml", ["US10047600B2"], null },
        { "published-data_publication_docdb_US.2014102795.A1_biblio.xml", ["US20140102795A1"], null },
        { "published-data_publication_docdb_US.2016162711.A1_biblio.xml", ["US20160162711A1"], null },
        { "published-data_publication_docdb_US.2016245070.A1_biblio.xml", ["US20160245070A1"], null },
        { "published-data_publication_docdb_US.9231827.B2_biblio.xml", ["US9231827B2"], null },
        { "published-data_publication_docdb_WO.2014059282.A2_biblio.xml", ["WO2014059282A2"], null },
        { "published-data_publication_docdb_WO.2014059282.A3_biblio.xml", ["WO2014059282A3"], null },
        { "published-data_publication_docdb_WO.2018148832.A1_claims.xml", ["WO2018148832A1"], null },
        { "published-data_publication_docdb_WO.2018148832.A1_description.xml", [], "stores no description text" },
        { "published-data_search4323a9ad5250bcd2c47c085a57969a71.xml", [], "search result listing publication numbers only" },
        { "published-data_search9d52a6536314ca9c2a0feebcccfefbf6.xml", [], "search result listing publication numbers only" },
        { "published-data_searchbed7da9e69104aaf3f7b1b39e033a650.xml", [], "search result listing publication numbers only" },
        { "register_publication_epodoc_EP.3082535.A1_biblio.xml", [], "EP Register response" },
        { "register_publication_epodoc_EP.3221665.A1_biblio.xml", [], "EP Register response" },
        { "register_publication_epodoc_EP.3221665.A1_procedural-steps.xml", [], "EP Register response" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Read_each_sample_file_gives_its_records_or_one_rejection_saying_why(string file, string[] ids, string? reason)
    {
        var results = DocdbTestFiles.Read(file);

        Assert.Equal(ids, results.Records().Select(r => r.Id));
        if (reason is null)
        {
            Assert.Empty(results.Rejections());
        }
        else
        {
            var rejection = Assert.Single(results.Rejections());
            Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
            Assert.Equal(file, rejection.SourceFile);
            Assert.Equal("docdb-xml", rejection.Format);
        }
    }

    [Fact]
    public void Expected_covers_every_sample_file_so_a_new_sample_needs_an_expectation()
    {
        var listed = Expected.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var present = TestFiles.In(DocdbTestFiles.Folder, "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(present, listed);
    }

    [Fact]
    public void Read_all_sample_files_gives_one_titled_record_per_exchange_document()
    {
        var biblio = TestFiles.In(DocdbTestFiles.Folder, "published-data_*biblio.xml")
            .SelectMany(f => DocdbTestFiles.Read(Path.GetFileName(f)).Records())
            .ToList();
        Assert.Equal(17, biblio.Count); // 16 files, one of them (EP 13844704) with two publications
        Assert.All(biblio, r => Assert.NotEmpty(r.Titles));
    }

    [Fact]
    public void Read_two_documents_in_one_file_records_their_start_lines_and_one_based_indexes()
    {
        const string file = "published-data_application_docdb_EP.13844704.A_biblio.xml";
        var provenance = DocdbTestFiles.Read(file).Records().Select(r => Assert.Single(r.Provenance)).ToList();

        Assert.Equal(
            [new(file, "docdb-xml", 4, 1), new(file, "docdb-xml", 162, 2)],
            provenance);
        var lines = DocdbTestFiles.Text(file).Split('\n');
        Assert.Contains("<exchange-document ", lines[161], StringComparison.Ordinal);
    }
}
