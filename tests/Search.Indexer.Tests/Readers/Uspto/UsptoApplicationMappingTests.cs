using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Application publications: us-patent-application v4.1, the pre-2005 pap-v16 format, and the v4.3+ party and CPC layout.</summary>
public class UsptoApplicationMappingTests
{
    [Fact]
    public void Read_v_41_application_maps_assignee_ipcr_and_related_application()
    {
        var r = Assert.Single(UsptoSamples.Read("ipa061228.one.xml").Records());

        Assert.Equal("US20060288462A1", r.Id);
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal(PublicationStage.Application, r.Stage);
        Assert.Equal("US11197279", r.ApplicationNumber!.Canonical);
        Assert.Equal(new DateOnly(2005, 8, 4), r.ApplicationDate);
        Assert.Equal(new DateOnly(2006, 12, 28), r.PublicationDate);
        Assert.Null(r.GrantDate);
        Assert.Equal("Garments composed of fabric panels incorporating edible cells", r.Title("en"));
        Assert.Equal(["A41D31/00", "A23G1/50"], r.IpcCodes);
        var owner = Assert.Single(r.Applicants);
        Assert.Equal("AMERICAN EXPRESS TRAVEL RELATED SERVICES COMPANY, INC.", owner.Name);
        Assert.Equal("US", owner.Country);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        var inventor = Assert.Single(r.Inventors);
        Assert.Equal("Yvonne Schroeder", inventor.Name);
        Assert.Equal("DE", inventor.Country);
        Assert.StartsWith("A plurality of substantially flexible skeletal members disposed", r.Abstract("en"), StringComparison.Ordinal);
        Assert.StartsWith("A garment, comprising: (a) a plurality of substantially flexible skeletal members", r.FirstClaims[0].Text, StringComparison.Ordinal);
        Assert.Equal("continuation-in-part of US29232669 (PENDING)", r.Extra["related-applications"]);
        // Applications list no citations in this format: unknown, not zero.
        Assert.Null(r.Counts.Citations);
        Assert.Equal(LegalStatus.Unknown, r.LegalStatus);
    }

    [Fact]
    public void Read_pap_16_application_maps_the_older_format()
    {
        var r = Assert.Single(UsptoSamples.Read("pa040101.two.xml").Records());

        Assert.Equal("US20040000002A1", r.Id);
        Assert.Equal(PublicationStage.Application, r.Stage);
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal("US10189364", r.ApplicationNumber!.Canonical);
        Assert.Equal(new DateOnly(2002, 6, 27), r.ApplicationDate);
        Assert.Equal(new DateOnly(2004, 1, 1), r.PublicationDate);
        Assert.Equal("Garment for preventing muscle strain", r.Title("en"));
        Assert.Equal(["A41B1/00"], r.IpcCodes);
        var inventor = Assert.Single(r.Inventors);
        Assert.Equal("Scott Hollander", inventor.Name);
        Assert.Equal("Tarzana, CA", inventor.Address);
        Assert.Equal("US", inventor.Country);
        var owner = Assert.Single(r.Applicants);
        Assert.Equal("Hill-Rom Services, Inc.", owner.Name);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        Assert.Equal(["US6557176"], r.FamilyMembers);
        Assert.Equal("continuation of US9919271 (GRANTED)", r.Extra["related-applications"]);
        Assert.StartsWith("A garment adapted for wear by persons desiring to maintain their arms in a fixed position", r.Abstract("en"), StringComparison.Ordinal);
        Assert.StartsWith("A garment for releasably securing a user's hands at a fixed location along the user's body, comprising: an upper portion", r.FirstClaims[0].Text, StringComparison.Ordinal);
        Assert.Equal(new Provenance("pa040101.two.xml", "uspto-xml", 1, 1), r.Provenance[0]);
    }

    [Fact]
    public void Read_pap_16_application_without_assignee_uses_the_inventors_as_applicants()
    {
        var text = File.ReadAllText(UsptoSamples.PathOf("pa040101.two.xml"));
        var start = text.IndexOf("<assignee>", StringComparison.Ordinal);
        var end = text.IndexOf("</assignee>", StringComparison.Ordinal) + "</assignee>".Length;

        var r = Assert.Single(UsptoSamples.ReadText(text[..start] + text[end..]).Records());

        Assert.Equal(["Scott Hollander"], r.Applicants.Select(a => a.Name));
        Assert.Equal(PartyType.Individual, r.Applicants[0].Type);
    }

    // The samples stop at v4.2; this document follows the v4.5 layout of a real grant (US10123456B2,
    // shortened): us-parties with us-applicants and inventors, classifications-cpc, us-references-cited.
    private const string V45Grant = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
        <us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03" file="US10123456-20181106.XML" status="PRODUCTION" id="us-patent-grant" country="US" date-produced="20181022" date-publ="20181106">
        <us-bibliographic-data-grant>
        <publication-reference><document-id><country>US</country><doc-number>10123456</doc-number><kind>B2</kind><date>20181106</date></document-id></publication-reference>
        <application-reference appl-type="utility"><document-id><country>US</country><doc-number>14925737</doc-number><date>20151028</date></document-id></application-reference>
        <us-application-series-code>14</us-application-series-code>
        <classifications-ipcr>
        <classification-ipcr><section>B</section><class>23</class><subclass>P</subclass><main-group>15</main-group><subgroup>26</subgroup><symbol-position>F</symbol-position></classification-ipcr>
        <classification-ipcr><section>H</section><class>05</class><subclass>K</subclass><main-group>7</main-group><subgroup>20</subgroup><symbol-position>L</symbol-position></classification-ipcr>
        </classifications-ipcr>
        <classifications-cpc>
        <main-cpc><classification-cpc><section>H</section><class>05</class><subclass>K</subclass><main-group>7</main-group><subgroup>2029</subgroup><symbol-position>F</symbol-position></classification-cpc></main-cpc>
        <further-cpc><classification-cpc><section>B</section><class>23</class><subclass>P</subclass><main-group>15</main-group><subgroup>26</subgroup><symbol-position>L</symbol-position></classification-cpc></further-cpc>
        </classifications-cpc>
        <invention-title id="d2e53">Phase change material heat sink using additive manufacturing and method</invention-title>
        <us-references-cited>
        <us-citation><patcit num="00001"><document-id><country>US</country><doc-number>3519067</doc-number><kind>A</kind><name>Schmidt</name><date>19700700</date></document-id></patcit><category>cited by applicant</category></us-citation>
        <us-citation><patcit num="00017"><document-id><country>US</country><doc-number>2002/0033247</doc-number><kind>A1</kind><name>Neuschutz</name><date>20020300</date></document-id></patcit><category>cited by applicant</category></us-citation>
        <us-citation><nplcit num="00029"><othercit>&#x201c;3D Printing&#x201d;, Wikipedia, Oct. 28, 2015, 35 pages.</othercit></nplcit><category>cited by applicant</category></us-citation>
        </us-references-cited>
        <number-of-claims>21</number-of-claims>
        <us-related-documents><related-publication><document-id><country>US</country><doc-number>20170127557</doc-number><kind>A1</kind><date>20170504</date></document-id></related-publication></us-related-documents>
        <us-parties>
        <us-applicants>
        <us-applicant sequence="001" app-type="applicant" designation="us-only" applicant-authority-category="assignee">
        <addressbook><orgname>Raytheon Company</orgname><address><city>Waltham</city><state>MA</state><country>US</country></address></addressbook>
        <residence><country>US</country></residence>
        </us-applicant>
        </us-applicants>
        <inventors>
        <inventor sequence="001" designation="us-only"><addressbook><last-name>Evans</last-name><first-name>Jeremy T.</first-name><address><city>Tucson</city><state>AZ</state><country>US</country></address></addressbook></inventor>
        <inventor sequence="002" designation="us-only"><addressbook><last-name>Wood</last-name><first-name>Adam C.</first-name><address><city>Oro Valley</city><state>AZ</state><country>US</country></address></addressbook></inventor>
        </inventors>
        </us-parties>
        <assignees><assignee><addressbook><orgname>Raytheon Company</orgname><role>02</role><address><city>Waltham</city><state>MA</state><country>US</country></address></addressbook></assignee></assignees>
        </us-bibliographic-data-grant>
        <abstract id="abstract"><p id="p-0001" num="0000">A heat sink includes a phase change material.</p></abstract>
        <claims id="claims"><claim id="CLM-00001" num="00001"><claim-text>1. A heat sink comprising:<claim-text>a body; and</claim-text><claim-text>a phase change material.</claim-text></claim-text></claim></claims>
        </us-patent-grant>
        """;

    [Fact]
    public void Read_v_45_grant_maps_us_parties_cpc_and_us_references_cited()
    {
        var r = Assert.Single(UsptoSamples.ReadText(V45Grant).Records());

        Assert.Equal("US10123456B2", r.Id);
        Assert.Equal(["B23P15/26", "H05K7/20"], r.IpcCodes);
        Assert.Equal(["H05K7/2029", "B23P15/26"], r.CpcCodes);
        var owner = Assert.Single(r.Applicants);
        Assert.Equal("Raytheon Company", owner.Name);
        Assert.Equal("Waltham, MA", owner.Address);
        Assert.Equal("US", owner.Country);
        Assert.Equal(["Jeremy T. Evans", "Adam C. Wood"], r.Inventors.Select(i => i.Name));
        Assert.Equal(3, r.Counts.Citations);
        Assert.Equal(["US3519067A", "US20020033247A1"], r.CitedDocuments);
        Assert.Equal([new PatentNumber("US", "20170127557", "A1")], r.OtherPublicationNumbers);
        Assert.Equal("A heat sink comprising: a body; and a phase change material.", r.FirstClaims[0].Text);
    }

    [Fact]
    public void Read_v_45_application_with_applicant_inventors_only_takes_inventors_from_the_applicants()
    {
        var text = V45Grant
            .Replace("us-patent-grant", "us-patent-application", StringComparison.Ordinal)
            .Replace("us-bibliographic-data-grant", "us-bibliographic-data-application", StringComparison.Ordinal)
            .Replace("<kind>B2</kind>", "<kind>A1</kind>", StringComparison.Ordinal)
            .Replace("<doc-number>10123456</doc-number>", "<doc-number>20160123456</doc-number>", StringComparison.Ordinal)
            .Replace("app-type=\"applicant\"", "app-type=\"applicant-inventor\"", StringComparison.Ordinal)
            .Replace("<orgname>Raytheon Company</orgname><address>", "<last-name>Evans</last-name><first-name>Jeremy T.</first-name><address>", StringComparison.Ordinal);
        text = text.Remove(text.IndexOf("<inventors>", StringComparison.Ordinal), text.IndexOf("</inventors>", StringComparison.Ordinal) + "</inventors>".Length - text.IndexOf("<inventors>", StringComparison.Ordinal));
        text = text.Remove(text.IndexOf("<assignees>", StringComparison.Ordinal), text.IndexOf("</assignees>", StringComparison.Ordinal) + "</assignees>".Length - text.IndexOf("<assignees>", StringComparison.Ordinal));

        var r = Assert.Single(UsptoSamples.ReadText(text).Records());

        Assert.Equal("US20160123456A1", r.Id);
        Assert.Equal(PublicationStage.Application, r.Stage);
        Assert.Null(r.GrantDate);
        Assert.Equal(["Jeremy T. Evans"], r.Inventors.Select(i => i.Name));
        Assert.Equal(["Jeremy T. Evans"], r.Applicants.Select(i => i.Name));
    }
}
