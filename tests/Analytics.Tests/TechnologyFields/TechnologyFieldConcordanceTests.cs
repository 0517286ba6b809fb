using Analytics.TechnologyFields;
using Search.Indexer.Records;

namespace Analytics.Tests.TechnologyFields;

public class TechnologyFieldConcordanceTests
{
    private static readonly TechnologyFieldConcordance Concordance = TechnologyFieldConcordance.Default;

    [Fact]
    public void Default_holds_all_thirty_five_fields_in_five_sectors()
    {
        Assert.Equal(Enumerable.Range(1, 35), Concordance.Fields.Select(f => f.Number));
        Assert.Equal(5, Concordance.Fields.Select(f => f.SectorEn).Distinct().Count());
        Assert.All(Concordance.Fields, f => Assert.False(string.IsNullOrEmpty(f.NameZh)));
    }

    [Theory]
    [InlineData("H01M10/0525", 1, "Electrical machinery, apparatus, energy")]
    [InlineData("H01L 21/02", 8, "Semiconductors")]
    [InlineData("G06F16/35", 6, "Computer technology")]
    [InlineData("A61K31/00", 16, "Pharmaceuticals")]
    [InlineData("B64U20/80", 32, "Transport")]
    [InlineData("A43B13/04", 34, "Other consumer goods")]
    public void FieldOf_maps_real_symbols_to_their_wipo_field(string ipc, int number, string name)
    {
        var field = Concordance.FieldOf(ipc);
        Assert.NotNull(field);
        Assert.Equal(number, field.Number);
        Assert.Equal(name, field.NameEn);
    }

    [Fact]
    public void FieldOf_prefers_a_main_group_pattern_over_its_subclass()
    {
        // H04N 3/% is listed under audio-visual technology; other H04N groups are telecommunications
        // or digital communication: the main group decides.
        var group3 = Concordance.FieldOf("H04N3/10");
        Assert.NotNull(group3);
        Assert.Equal("Audio-visual technology", group3.NameEn);
    }

    [Fact]
    public void FieldOf_new_subclass_in_a_class_of_mixed_fields_is_left_unmapped()
    {
        // H10 (created 2023) is not in the 2008 concordance and has no listed subclass to agree on.
        Assert.Null(Concordance.FieldOf("H10K59/00"));
    }

    [Fact]
    public void FieldOf_returns_null_for_text_that_is_no_ipc_symbol()
    {
        Assert.Null(Concordance.FieldOf("not a code"));
    }

    [Fact]
    public void FieldsOf_puts_the_main_classifications_field_first_without_duplicates()
    {
        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse("CN218751475U"),
            IpcCodes = ["B64U20/80", "B64U101/30", "H04W4/40"],
        };
        var fields = Concordance.FieldsOf(record);
        Assert.Equal("Transport", fields[0].NameEn);
        Assert.Equal(fields.Count, fields.Distinct().Count());
        Assert.Contains(fields, f => f.SectorEn == "Electrical engineering");
    }
}
