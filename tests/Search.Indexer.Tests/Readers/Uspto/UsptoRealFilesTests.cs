using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Every real sample file reads completely: the exact number of patents, no rejections, and positions that point at each document's declaration.</summary>
public class UsptoRealFilesTests
{
    // Counted by hand: grep -c '<?xml' gives the documents; ipg060103 holds two and ipg070102 one
    // sequence listing (<!DOCTYPE sequence-cwu>), which belong to the grant before them and are no patents.
    [Theory]
    [InlineData("ipa061228.one.xml", 1)]
    [InlineData("ipg050104.small.xml", 25)]
    [InlineData("ipg060103.small.xml", 25)]
    [InlineData("ipg070102.small.xml", 25)]
    [InlineData("ipg080101.small.xml", 25)]
    [InlineData("ipg090106.small.xml", 25)]
    [InlineData("ipg100105.small.xml", 25)]
    [InlineData("ipg100824-hyphenated.xml", 1)]
    [InlineData("ipg110104.small.xml", 25)]
    [InlineData("pa040101.two.xml", 1)]
    public void Read_real_file_yields_every_patent_and_no_rejection(string file, int patents)
    {
        var results = UsptoSamples.Read(file);

        Assert.Empty(results.Rejections());
        Assert.Equal(patents, results.Records().Count);
    }

    [Fact]
    public void Read_every_sample_file_is_covered_by_the_count_test()
    {
        var files = TestFiles.In("uspto-xml", "*.xml").Select(Path.GetFileName).ToList();

        Assert.Equal(10, files.Count);
    }

    [Theory]
    [InlineData("ipg050104.small.xml")]
    [InlineData("ipg060103.small.xml")]
    [InlineData("ipg070102.small.xml")]
    [InlineData("ipg110104.small.xml")]
    public void Read_real_file_provenance_points_at_the_declaration_line_and_document_index(string file)
    {
        var lines = File.ReadAllLines(UsptoSamples.PathOf(file));
        var declarations = lines.Select((l, i) => (l, i + 1)).Where(x => x.l.StartsWith("<?xml", StringComparison.Ordinal)).Select(x => (long)x.Item2).ToList();

        var records = UsptoSamples.Read(file).Records();

        foreach (var r in records)
        {
            var p = Assert.Single(r.Provenance);
            Assert.Equal(file, p.SourceFile);
            Assert.Equal("uspto-xml", p.Format);
            Assert.Equal(declarations[(int)p.DocumentIndex!.Value - 1], p.Line);
            Assert.StartsWith("<!DOCTYPE us-patent-grant", lines[p.Line!.Value], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_file_with_sequence_listings_counts_them_in_document_index_but_yields_no_record_for_them()
    {
        var records = UsptoSamples.Read("ipg060103.small.xml").Records();

        var last = records[^1].Provenance[0];
        Assert.Equal(27, last.DocumentIndex);
        Assert.Equal(17396, last.Line);
        Assert.Equal("US6983169B2", records[^1].Id);
    }

    [Theory]
    [InlineData("ipg050104.small.xml")]
    [InlineData("ipg090106.small.xml")]
    [InlineData("ipg100105.small.xml")]
    [InlineData("ipa061228.one.xml")]
    [InlineData("pa040101.two.xml")]
    public void Read_real_file_every_record_has_number_title_date_and_stage(string file)
    {
        foreach (var r in UsptoSamples.Read(file).Records())
        {
            Assert.Equal("US", r.Country);
            Assert.NotNull(r.KindCode);
            Assert.False(string.IsNullOrWhiteSpace(r.Title("en")));
            Assert.NotNull(r.PublicationDate);
            Assert.NotNull(r.ApplicationNumber);
            Assert.NotEqual(Search.Indexer.Records.PublicationStage.Unknown, r.Stage);
            Assert.NotEqual(Search.Indexer.Records.DocumentType.Unknown, r.DocumentType);
            Assert.NotEmpty(r.Inventors);
            Assert.NotEmpty(r.Applicants);
        }
    }
}
