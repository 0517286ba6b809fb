using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Field values of real grants, one or more per DTD version (v4.0 2004, v4.1 2005, v4.2 2006).</summary>
public class UsptoGrantMappingTests
{
    [Fact]
    public void Read_v_40_grant_maps_numbers_dates_and_texts()
    {
        var r = UsptoSamples.Record("ipg050104.small.xml", "US6836899B1");

        Assert.Equal(new PatentNumber("US", "6836899", "B1"), r.PublicationNumber);
        Assert.Equal(DocumentType.Invention, r.DocumentType);
        Assert.Equal(PublicationStage.Grant, r.Stage);
        Assert.Equal("US10339710", r.ApplicationNumber!.Canonical);
        Assert.Equal(new DateOnly(2003, 1, 9), r.ApplicationDate);
        Assert.Equal(new DateOnly(2005, 1, 4), r.PublicationDate);
        Assert.Equal(new DateOnly(2005, 1, 4), r.GrantDate);
        Assert.Equal("Device for detachably holding an absorbent napkin across the torso", r.Title("en"));
        Assert.StartsWith("A napkin holder formed of two pairs of magnetic securing devices", r.Abstract("en"), StringComparison.Ordinal);
        Assert.StartsWith("A holding device for removably holding a napkin over the front of the body", r.FirstClaims.Single().Text, StringComparison.Ordinal);
        Assert.Equal("en", r.FirstClaims.Single().Language);
        Assert.Equal(LegalStatus.Unknown, r.LegalStatus);
    }

    [Fact]
    public void Read_v_40_grant_reads_the_positional_ipc_of_classification_ipc()
    {
        // <main-classification>A45F  504</main-classification>: subclass, group in three places, subgroup.
        Assert.Equal(["A45F5/04"], UsptoSamples.Record("ipg050104.small.xml", "US6836899B1").IpcCodes);
        // main A43B 1314, further A43B 2300.
        Assert.Equal(["A43B13/14", "A43B23/00"], UsptoSamples.Record("ipg050104.small.xml", "US6836979B2").IpcCodes);
    }

    [Fact]
    public void Read_v_40_grant_without_assignee_uses_the_inventors_as_applicants()
    {
        var r = UsptoSamples.Record("ipg050104.small.xml", "US6836899B1");

        var inventor = Assert.Single(r.Inventors);
        Assert.Equal("Samuel G. Glasmire", inventor.Name);
        Assert.Equal("US", inventor.Country);
        Assert.Equal("146 Bentwood Cir., Bath, PA", inventor.Address);
        Assert.Equal(PartyType.Individual, inventor.Type);
        Assert.Equal(r.Inventors, r.Applicants);
        Assert.Equal("Charles A. Wilkinson", r.Agency);
        Assert.Equal(39, r.Counts.Citations);
        Assert.Equal(39, r.CitedDocuments.Count);
        Assert.Equal("US675108A", r.CitedDocuments[0]);
    }

    [Fact]
    public void Read_v_40_grant_maps_foreign_priority_and_the_pre_grant_publication()
    {
        var r = UsptoSamples.Record("ipg050104.small.xml", "US6836979B2");

        Assert.Equal([new PriorityClaim("IT", "BG2002A000039", new DateOnly(2002, 11, 27))], r.Priorities);
        Assert.Equal([new PatentNumber("US", "20040098881", "A1")], r.OtherPublicationNumbers);
        Assert.Equal(["Bacchiega Flavio", "Calvani Romano"], r.Inventors.Select(i => i.Name));
        Assert.All(r.Inventors, i => Assert.Equal("IT", i.Country));
        Assert.Equal(17, r.Counts.Citations);
    }

    [Fact]
    public void Read_v_41_grant_maps_assignee_as_applicant_and_ipcr_symbols()
    {
        var r = UsptoSamples.Record("ipg060103.small.xml", "US6981431B2");

        var owner = Assert.Single(r.Applicants);
        Assert.Equal("Fackelmann GmbH + Co.", owner.Name);
        Assert.Equal("Hersbruck", owner.Address);
        Assert.Equal("DE", owner.Country);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        Assert.Equal("Ralph Krämer", Assert.Single(r.Inventors).Name);
        Assert.Equal(["B67B7/16"], r.IpcCodes);
        Assert.Empty(r.CpcCodes);
        Assert.Equal([new PriorityClaim("DE", "102 46 716", new DateOnly(2002, 10, 7))], r.Priorities);
        Assert.Equal(18, r.Counts.Citations);
        Assert.Equal("8", r.Extra["number-of-claims"]);
        Assert.StartsWith("A cork extractor for corks of bottles, wherein a build-up portion", r.FirstClaims[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_v_41_design_and_sir_grants_keep_prefixes_and_drop_leading_zeros()
    {
        var records = UsptoSamples.Read("ipg060103.small.xml").Records();

        var design = records.Single(r => r.Id == "USD513425S1");
        Assert.Equal(DocumentType.Design, design.DocumentType);
        Assert.Equal("Skateboard", design.Title("en"));
        Assert.Equal("The ornamental design for a skateboard, as shown and described.", design.FirstClaims[0].Text);
        Assert.Null(design.Abstract("en"));
        Assert.Empty(design.IpcCodes);

        var sir = records.Single(r => r.Id == "USH2140H1");
        Assert.Equal(PublicationStage.Grant, sir.Stage);
        Assert.Equal(["C22B3/18"], sir.IpcCodes);
        // <pct-or-regional-publishing-data> WO00/29629: the year's zero stays.
        Assert.Equal(["WO0029629A"], sir.FamilyMembers);
        Assert.Equal(15, sir.Counts.Citations);
        Assert.Equal(8, sir.CitedDocuments.Count);
    }

    [Fact]
    public void Read_v_41_design_with_foreign_company_types_the_owner_from_its_name()
    {
        var r = UsptoSamples.Record("ipg060103.small.xml", "USD513434S1");

        var owner = Assert.Single(r.Applicants);
        Assert.Equal("B.K. Rekhatex (H.K.) Ltd.", owner.Name);
        Assert.Equal("HK", owner.Country);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        Assert.Equal(["Ravin G. Melwani"], r.Inventors.Select(i => i.Name));
    }

    [Fact]
    public void Read_v_42_grant_of_a_company_the_classifier_cannot_place_types_it_from_the_assignee_role()
    {
        // "Sway AS" (role 03, foreign company) looks like a person's two-word name.
        var r = UsptoSamples.Record("ipg070102.small.xml", "US7156037B2");

        var owner = Assert.Single(r.Applicants);
        Assert.Equal("Sway AS", owner.Name);
        Assert.Equal("NO", owner.Country);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        Assert.Equal(["WO03098038A"], r.FamilyMembers);
        Assert.Equal(["B63B35/44"], r.IpcCodes);
    }

    [Fact]
    public void Read_v_42_plant_grant_is_a_plant_with_its_prefix()
    {
        var r = UsptoSamples.Record("ipg080101.small.xml", "USPP18398P2");

        Assert.Equal(DocumentType.Plant, r.DocumentType);
        Assert.Equal("Sedum telephium plant named ‘Beka’", r.Title("en"));
        Assert.Equal(["A01H5/00"], r.IpcCodes);
        Assert.Equal("US11440245", r.ApplicationNumber!.Canonical);
        Assert.Null(r.Counts.Citations);
    }

    [Fact]
    public void Read_v_42_grant_maps_related_documents_and_citations()
    {
        var r = UsptoSamples.Record("ipg110104.small.xml", "US7862500B2");

        Assert.Equal("CardioKinetix, Inc.", Assert.Single(r.Applicants).Name);
        Assert.Equal(["Alexander Khairkhahan", "Serjan D. Nikolic", "Branislav Radovancevic", "Hugh R. Sharkey"], r.Inventors.Select(i => i.Name));
        Assert.Equal(["A61N1/362"], r.IpcCodes);
        Assert.Equal(178, r.Counts.Citations);
        Assert.Equal(156, r.CitedDocuments.Count);
        Assert.Equal(["US7303526A"], r.FamilyMembers);
        Assert.Equal([new PatentNumber("US", "20060014998", "A1")], r.OtherPublicationNumbers);
        Assert.Equal("continuation-in-part of US10302269 (ABANDONED); continuation-in-part of US10212033", r.Extra["related-applications"]);
        Assert.Equal(10, r.Provenance[0].DocumentIndex);
        Assert.Equal(6453, r.Provenance[0].Line);
    }

    [Fact]
    public void Read_v_42_design_grant_keeps_hyphenated_given_names_whole()
    {
        var r = UsptoSamples.Record("ipg110104.small.xml", "USD630349S1");

        Assert.Equal(["Chien-Chang Pei", "Yi-Hung Chen", "Jen-Hui Wang"], r.Inventors.Select(i => i.Name));
        Assert.All(r.Inventors, i => Assert.Equal("TW", i.Country));
        var owner = Assert.Single(r.Applicants);
        Assert.Equal("Everlight Electronics Co., Ltd.", owner.Name);
        Assert.Equal("Tucheng, Taipei County", owner.Address);
        Assert.Equal("TW", owner.Country);
        Assert.Equal([new PriorityClaim("TW", "99300626", new DateOnly(2010, 2, 9))], r.Priorities);
        Assert.Equal(26, r.Counts.Citations);
    }

    [Fact]
    public void Read_hyphenated_names_file_maps_the_grant_completely()
    {
        var r = Assert.Single(UsptoSamples.Read("ipg100824-hyphenated.xml").Records());

        Assert.Equal("US7783348B2", r.Id);
        Assert.Equal("US12104007", r.ApplicationNumber!.Canonical);
        Assert.Equal(new DateOnly(2008, 4, 16), r.ApplicationDate);
        Assert.Equal(new DateOnly(2010, 8, 24), r.GrantDate);
        Assert.Equal("Stimulation device for treating osteoarthritis", r.Title("en"));
        Assert.Equal(["Jagjit Gill", "Kin-Joe Sham", "Bryan Armitage"], r.Inventors.Select(i => i.Name));
        Assert.All(r.Inventors, i => Assert.Equal("US", i.Country));
        var owner = Assert.Single(r.Applicants);
        Assert.Equal("OrthoCor Medical, Inc.", owner.Name);
        Assert.Equal("Minneapolis, MN", owner.Address);
        Assert.Equal("US", owner.Country);
        Assert.Equal(PartyType.Enterprise, owner.Type);
        Assert.Equal("Schwegman, Lundberg & Woessner, P.A.", r.Agency);
        Assert.Equal(["A61N1/18"], r.IpcCodes);
        // 80 patent and 6 non-patent citations; WO2006115119 is cited twice, once written with its "WO" prefix.
        Assert.Equal(86, r.Counts.Citations);
        Assert.Equal(79, r.CitedDocuments.Count);
        Assert.Contains("US5478303A", r.CitedDocuments);
        Assert.Contains("WO2006115119", r.CitedDocuments);
        Assert.Contains("WO2008137319A1", r.CitedDocuments);
        Assert.Equal(
            [new PriorityClaim("US", "60927354", new DateOnly(2007, 5, 3)), new PriorityClaim("US", "60983653", new DateOnly(2007, 10, 30))],
            r.Priorities);
        Assert.Equal([new PatentNumber("US", "20080288035", "A1")], r.OtherPublicationNumbers);
        Assert.StartsWith("A device for providing therapeutic treatment to a body part such as a knee joint", r.Abstract("en"), StringComparison.Ordinal);
        Assert.EndsWith("The device can also be disposable.", r.Abstract("en"), StringComparison.Ordinal);
        // The claim's own "1." is not part of its text.
        Assert.StartsWith("A portable, non-invasive device for providing therapeutic treatment to a knee joint", r.FirstClaims[0].Text, StringComparison.Ordinal);
    }
}
