using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Readers.Docdb;

/// <summary>Exact field values of records read from the real OPS samples.</summary>
public class DocdbXmlReaderFieldTests
{
    [Fact]
    public void Read_ep_application_biblio_maps_numbers_dates_titles_parties_and_classifications()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_EP.2906782.A2_biblio.xml");

        Assert.Equal("EP2906782A2", r.Id);
        Assert.Equal(new PatentNumber("EP", "13844704"), r.ApplicationNumber);
        Assert.Equal((DocumentType.Invention, PublicationStage.Application), (r.DocumentType, r.Stage));
        Assert.Equal(new DateOnly(2013, 10, 11), r.ApplicationDate);
        Assert.Equal(new DateOnly(2015, 8, 19), r.PublicationDate);
        Assert.Null(r.GrantDate);
        Assert.Equal("50474376", r.FamilyId);
        Assert.Equal(
            [new("de", "HALTUNGSREFERENZ ZUR VERARBEITUNG EINER ZUGBAND-ÜBERLAPPUNG"),
             new("fr", "RÉFÉRENCE D'ATTITUDE POUR UN TRAITEMENT DE RACCORDEMENT/SUPERPOSITION"),
             new LocalizedText("en", "ATTITUDE REFERENCE FOR TIEBACK/OVERLAP PROCESSING")],
            r.Titles);
        Assert.Equal(["E21B7/00", "E21B47/00", "E21B47/022", "E21B47/024"], r.IpcCodes);
        Assert.Equal(["E21B47/02216", "E21B47/024", "E21B44/00", "E21B7/04", "G01C5/00", "G01V3/081", "G01V9/00"], r.CpcCodes);
        Assert.Equal(
            [new("US", "201261713164", new DateOnly(2012, 10, 12)), new PriorityClaim("US", "2013064552", new DateOnly(2013, 10, 11))],
            r.Priorities);
        // The original-language name wins over epodoc's "SCIENT DRILLING INT [US]"; the residence comes from the latter.
        var applicant = Assert.Single(r.Applicants);
        Assert.Equal(("SCIENTIFIC DRILLING INTERNATIONAL, INC", "US", PartyType.Enterprise), (applicant.Name, applicant.Country, applicant.Type));
        var inventor = Assert.Single(r.Inventors);
        Assert.Equal(("VANSTEENWYK, BRETT", "US", PartyType.Individual), (inventor.Name, inventor.Country, inventor.Type));
        Assert.Equal("13844704.0", r.Extra["docdb.applicationNumberOriginal"]);
        Assert.Empty(r.Abstracts);
        Assert.Empty(r.CitedDocuments);
    }

    [Fact]
    public void Read_us_grant_biblio_keeps_applicants_in_original_order_and_counts_patent_and_non_patent_citations()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_US.9231827.B2_biblio.xml");

        Assert.Equal("US9231827B2", r.Id);
        Assert.Equal((DocumentType.Invention, PublicationStage.Grant), (r.DocumentType, r.Stage));
        Assert.Equal(new DateOnly(2016, 1, 5), r.PublicationDate);
        Assert.Equal(new DateOnly(2016, 1, 5), r.GrantDate);
        Assert.Equal(new DateOnly(2009, 9, 29), r.ApplicationDate);
        Assert.Equal("41531245", r.FamilyId);
        Assert.Equal(["G06F15/173", "H04L12/24"], r.IpcCodes);
        Assert.Equal(["H04L41/0893"], r.CpcCodes); // the US classification (scheme UC) is not CPC
        Assert.Equal(10, r.Applicants.Count);
        Assert.Equal("BIGFIX, INC", r.Applicants[0].Name);
        Assert.Null(r.Applicants[0].Country); // no epodoc entry of that name to take a residence from
        Assert.Equal(("HINDAWI DAVID SALIM", "US"), (r.Applicants[1].Name, r.Applicants[1].Country));
        Assert.Equal(("INTERNATIONAL BUSINESS MACHINES CORPORATION", PartyType.Enterprise), (r.Applicants[9].Name, r.Applicants[9].Type));
        Assert.Equal(8, r.Inventors.Count);
        Assert.Equal("HINDAWI ORION YOSEF", r.Inventors[7].Name);
        Assert.Equal(103, r.CitedDocuments.Count);
        Assert.Equal(["US5586304A", "US5815652A", "US5978845A"], r.CitedDocuments.Take(3));
        Assert.Equal(107, r.Counts.Citations);
        Assert.Contains(new PriorityClaim("US", "2002036644", new DateOnly(2002, 11, 12)), r.Priorities); // epodoc WO2002US36644
        Assert.StartsWith("An apparatus and method for centralized policy management", r.Abstract("en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_wo_publication_gives_the_pct_application_number_and_both_abstracts()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_WO.2014059282.A2_biblio.xml");

        Assert.Equal("WO2014059282A2", r.Id);
        Assert.Equal(new PatentNumber("US", "2013064552", "W"), r.ApplicationNumber);
        Assert.Equal(new DateOnly(2014, 4, 17), r.PublicationDate);
        Assert.Equal(["en", "fr"], r.Abstracts.Select(a => a.Language));
        Assert.StartsWith("L'invention concerne un procédé pour calculer", r.Abstract("fr"), StringComparison.Ordinal);
        Assert.Equal(["fr", "en"], r.Titles.Select(t => t.Language));
        Assert.Equal([new PriorityClaim("US", "201261713164", new DateOnly(2012, 10, 12))], r.Priorities);
    }

    [Fact]
    public void Read_ca_application_maps_titles_abstract_and_family()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_CA.2887530.A1_biblio.xml");

        Assert.Equal("CA2887530A1", r.Id);
        Assert.Equal(new PatentNumber("CA", "2887530"), r.ApplicationNumber);
        Assert.Equal(new DateOnly(2014, 4, 17), r.PublicationDate);
        Assert.Equal("REFERENCE D'ATTITUDE POUR UN TRAITEMENT DE RACCORDEMENT/SUPERPOSITION", r.Title("fr"));
        Assert.Equal(["E21B44/00", "E21B7/04"], r.IpcCodes);
        Assert.Equal("50474376", r.FamilyId);
        Assert.Equal("en", Assert.Single(r.Abstracts).Language);
    }

    [Fact]
    public void Read_ru_publication_names_untagged_and_original_language_text_russian_and_keeps_cyrillic_names()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_RU.2015117646.A_biblio.xml");

        Assert.Equal("RU2015117646A", r.Id);
        Assert.Equal(
            "УГЛОВАЯ ОРИЕНТАЦИЯ НА ОПОРНОМ ИНТЕРВАЛЕ ДЛЯ ОПЕРАЦИЙ ОБРАБОТКИ ДАННЫХ С КООРДИНАТНОЙ ПРИВЯЗКОЙ И/ИЛИ С ПЕРЕКРЫТИЕМ",
            Assert.Single(r.Titles, t => t.Language == "ru").Text);
        Assert.Equal("ru", Assert.Single(r.Abstracts).Language); // lang="ol"
        // Only original names exist; the final full stop of "ИНК." is part of the name.
        Assert.Equal("САЙЕНТИФИК ДРИЛЛИНГ ИНТЕРНЭШНЛ, ИНК.", Assert.Single(r.Applicants).Name);
        Assert.Equal("ВАНСТЕЕНВИК Бретт", Assert.Single(r.Inventors).Name);
        Assert.Equal(new DateOnly(2016, 12, 10), r.PublicationDate);
        Assert.Equal(["E21B44/00"], r.IpcCodes);
    }

    [Fact]
    public void Read_original_names_with_docdb_trailing_commas_are_cleaned_and_deduplicated()
    {
        var wo = DocdbTestFiles.Single("published-data_application_docdb_US.2016015853.W_biblio.xml");
        Assert.Equal(["WHITE, MATTHEW", "WHITACRE, TIMOTHY", "GLEASON, BRIAN", "YOUSSEF, MOHAMED"], wo.Inventors.Select(i => i.Name));
        Assert.All(wo.Inventors, i => Assert.Equal("US", i.Country));

        // "VanSteenwyk Brett, " and "VanSteenwyk, Brett" are one person listed twice.
        var us = DocdbTestFiles.Single("published-data_publication_docdb_US.10047600.B2_biblio.xml");
        Assert.Equal("VanSteenwyk Brett", Assert.Single(us.Inventors).Name);
    }

    [Fact]
    public void Read_docdb_us_application_publication_gets_the_eleven_digit_number()
    {
        var r = DocdbTestFiles.Single("published-data_publication_docdb_US.2014102795.A1_biblio.xml");

        Assert.Equal("US20140102795A1", r.Id);
        Assert.Equal(new PatentNumber("US", "201314052000"), r.ApplicationNumber);
        Assert.Equal(["US20030236627A1", "US20100194396A1"], r.CitedDocuments);
    }

    [Fact]
    public void Read_family_response_gives_every_member_the_others_and_the_family_size()
    {
        var records = DocdbTestFiles.Read("family_publication_docdb_EP.2906782.A2_.xml").Records();

        Assert.All(records, r =>
        {
            Assert.Equal(11, r.Counts.FamilySize);
            Assert.Equal(10, r.FamilyMembers.Count);
            Assert.DoesNotContain(r.Id, r.FamilyMembers);
            Assert.Equal("50474376", r.FamilyId);
        });
        var cn = Assert.Single(records, r => r.Id == "CN104968889A");
        Assert.Equal(new PatentNumber("CN", "201380062258"), cn.ApplicationNumber);
        Assert.Equal(new DateOnly(2015, 10, 7), cn.PublicationDate);
        Assert.Equal(new DateOnly(2013, 10, 11), cn.ApplicationDate);
        Assert.Empty(cn.Titles); // the family list carries no biblio; the CN biblio merges in from its own file
        var grant = Assert.Single(records, r => r.Id == "US9291047B2");
        Assert.Equal(new DateOnly(2016, 3, 22), grant.GrantDate);
    }

    [Fact]
    public void Read_legal_response_gives_a_partial_record_with_the_legal_events_and_no_family_size()
    {
        var r = DocdbTestFiles.Single("legal_publication_docdb_CA.2300029.C_.xml");

        Assert.Equal("CA2300029C", r.Id);
        Assert.Equal([new LegalEvent(new DateOnly(2005, 2, 3), "EEER", "EXAMINATION REQUEST")], r.LegalEvents);
        Assert.Equal(new DateOnly(2005, 11, 1), r.PublicationDate);
        Assert.Equal([new PriorityClaim("US", "26562999", new DateOnly(1999, 3, 9))], r.Priorities);
        Assert.Null(r.Counts.FamilySize);
        Assert.Empty(r.FamilyMembers);
        Assert.Empty(r.Titles);
    }

    [Fact]
    public void Read_claims_response_takes_only_the_first_claim()
    {
        var ca = DocdbTestFiles.Single("published-data_publication_docdb_CA.2944968.A1_claims.xml");
        var claim = Assert.Single(ca.FirstClaims);
        Assert.Equal("en", claim.Language);
        Assert.StartsWith("1. A fracturing system comprising: a turbine generator", claim.Text, StringComparison.Ordinal);
        Assert.EndsWith("in electrical communication with the electrical output.", claim.Text, StringComparison.Ordinal);

        // WO: one claim-text holds every claim after an OCR'd "CLAI MS" heading.
        var wo = DocdbTestFiles.Single("published-data_publication_docdb_WO.2018148832.A1_claims.xml");
        var woClaim = Assert.Single(wo.FirstClaims).Text;
        Assert.StartsWith("1. A method for measuring the size distribution of falling rock pieces", woClaim, StringComparison.Ordinal);
        Assert.EndsWith("generated from captured images resulting from step (b).", woClaim, StringComparison.Ordinal);
        Assert.DoesNotContain("2. The method", woClaim, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_biblio_family_legal_and_claims_of_one_publication_gives_one_complete_record()
    {
        var biblio = DocdbTestFiles.Single("published-data_publication_docdb_CA.2944968_biblio.xml");
        var claims = DocdbTestFiles.Single("published-data_publication_docdb_CA.2944968.A1_claims.xml");
        var family = DocdbTestFiles.Read("family_publication_docdb_EP.2906782.A2_.xml").Records().Single(r => r.Id == "EP2906782A2");
        var epBiblio = DocdbTestFiles.Single("published-data_publication_docdb_EP.2906782.A2_biblio.xml");

        var ca = RecordMerger.Merge(biblio, claims);
        var ep = RecordMerger.Merge(epBiblio, family);

        Assert.NotEmpty(ca.Titles);
        Assert.Single(ca.FirstClaims);
        Assert.Equal(2, ca.Provenance.Count);
        Assert.Equal("ATTITUDE REFERENCE FOR TIEBACK/OVERLAP PROCESSING", ep.Title("en"));
        Assert.Equal(11, ep.Counts.FamilySize);
        Assert.Contains("CN104968889A", ep.FamilyMembers);
        Assert.Equal(2, ep.Priorities.Count); // the biblio's epodoc priorities and the family's docdb ones are the same two
    }
}
