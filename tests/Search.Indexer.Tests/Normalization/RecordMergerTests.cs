using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Normalization;

public class RecordMergerTests
{
    private static PatentRecord FromUspto() => new()
    {
        PublicationNumber = PatentNumber.Parse("US9231827B2"),
        Titles = [new("en", "Formation of a transistor")],
        Abstracts = [new("en", "A short abstract.")],
        IpcCodes = ["H01L21/02"],
        Applicants = [ApplicantTypeClassifier.Create("Acme Corporation", "Austin, TX")],
        Provenance = [new("ipg.xml", "uspto-xml", 10, 3)],
    };

    private static PatentRecord FromDocdb() => new()
    {
        PublicationNumber = PatentNumber.Parse("US.9231827.B2"),
        Titles = [new("en", "Formation")],
        Abstracts = [new("en", "A short abstract, written out in full.")],
        IpcCodes = ["H01L21/02", "H01L29/66"],
        FamilyId = "12345",
        Applicants = [new Party { Name = "Acme Corporation", Country = "US", Type = PartyType.Enterprise }],
        Counts = new PatentCounts { FamilySize = 4 },
        Provenance = [new("biblio.xml", "docdb-xml", 1, 1)],
    };

    [Fact]
    public void Merge_two_sources_keeps_the_more_complete_fields_and_both_provenances()
    {
        var merged = RecordMerger.Merge(FromUspto(), FromDocdb());
        Assert.Equal("Formation of a transistor", merged.Title("en"));
        Assert.Equal("A short abstract, written out in full.", merged.Abstract("en"));
        Assert.Equal(["H01L21/02", "H01L29/66"], merged.IpcCodes);
        Assert.Equal("12345", merged.FamilyId);
        Assert.Equal(4, merged.Counts.FamilySize);
        Assert.Equal(2, merged.Provenance.Count);
        var acme = Assert.Single(merged.Applicants);
        Assert.Equal("Austin, TX", acme.Address);
        Assert.Equal("US", acme.Country);
        Assert.Equal(PartyType.Enterprise, acme.Type);
        Assert.False(acme.TypeInferred);
    }

    [Fact]
    public void Merge_with_itself_changes_nothing()
    {
        var once = RecordMerger.Merge(FromUspto(), FromDocdb());
        var json = RecordJson.Serialize(once);
        var twice = RecordMerger.Merge(once, RecordMerger.Merge(FromUspto(), FromDocdb()));
        Assert.Equal(json, RecordJson.Serialize(twice));
    }

    [Fact]
    public void Merge_different_publications_is_refused()
    {
        var other = FromDocdb();
        other.PublicationNumber = PatentNumber.Parse("US9231828B2");
        Assert.Throws<ArgumentException>(() => RecordMerger.Merge(FromUspto(), other));
    }
}
