using System.Text;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.JsonLines;

/// <summary>Bad lines become rejections with their line and text; reading goes on.</summary>
public class JsonLinesReaderBadInputTests
{
    private static List<ReadResult> Read(string content, string name = "export.jsonl")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return new JsonLinesReader().Read(stream, name).ToList();
    }

    private static string Good(string number) =>
        RecordJson.Serialize(new PatentRecord { PublicationNumber = new PatentNumber("CN", number, "A") });

    [Fact]
    public void Read_mixed_good_and_bad_lines_rejects_each_bad_line_and_keeps_reading()
    {
        string[] lines =
        [
            Good("104968889"),
            "{\"id\":\"CN1\",\"publicationNumber\":",
            "",
            "{\"id\":\"CN2\"}",
            "{\"publicationNumber\":{\"country\":\"CN\",\"number\":\"3\"},\"titles\":\"一种无人机\"}",
            "[1,2]",
            "{\"publicationNumber\":\"CN218751475U\"}",
            "{\"publicationNumber\":{\"country\":\"CN\",\"number\":\"4\"},\"applicationDate\":\"2023-02-30\"}",
            "{\"publicationNumber\":{\"country\":\"CN\",\"number\":\"5\"},\"legalStatus\":\"sleeping\"}",
            "{\"publicationNumber\":{\"country\":\"CN\",\"number\":\"6\"},\"ipcCodes\":null}",
            Good("218751475"),
        ];

        var results = Read(string.Join("\r\n", lines));

        Assert.Equal(["CN104968889A", "CN218751475A"], results.Where(r => r.Record is not null).Select(r => r.Record!.Id));
        var rejections = results.Where(r => r.Rejection is not null).Select(r => r.Rejection!).ToList();
        Assert.Equal([2L, 4, 5, 6, 7, 8, 9, 10], rejections.Select(r => r.Line!.Value));
        Assert.All(rejections, r => Assert.Equal(lines[(int)r.Line!.Value - 1], r.Raw));
        Assert.All(rejections, r => Assert.Equal(("export.jsonl", "jsonl"), (r.SourceFile, r.Format)));
        Assert.StartsWith("invalid JSON at character", rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("publicationNumber", "missing publicationNumber"), (rejections[1].Field, rejections[1].Reason[..25]));
        Assert.Equal("titles", rejections[2].Field);
        Assert.StartsWith("wrong value for titles", rejections[2].Reason, StringComparison.Ordinal);
        Assert.Equal("expected one JSON object per line, found an array", rejections[3].Reason);
        Assert.Equal("publicationNumber must be an object with country, number and kind, found a string", rejections[4].Reason);
        Assert.Equal("applicationDate", rejections[5].Field);
        Assert.Equal("legalStatus", rejections[6].Field);
        Assert.Equal("ipcCodes", rejections[7].Field);
    }

    [Fact]
    public void Read_publication_number_without_number_is_rejected_naming_the_part()
    {
        var rejection = Assert.Single(Read("{\"publicationNumber\":{\"country\":\"CN\",\"number\":\"\"}}")).Rejection!;
        Assert.Equal("publicationNumber.number", rejection.Field);
    }

    [Fact]
    public void Read_file_with_bom_reads_the_first_line()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Good("1") + "\n")]);
        var result = Assert.Single(new JsonLinesReader().Read(stream, "bom.jsonl"));
        Assert.Equal("CN1A", result.Record?.Id);
    }

    [Fact]
    public void Read_binary_file_gives_one_rejection_for_the_file()
    {
        using var stream = new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x0A, 0x00, 0x00]);
        var rejection = Assert.Single(new JsonLinesReader().Read(stream, "a.zip")).Rejection!;
        Assert.Null(rejection.Line);
        Assert.Contains("binary", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_empty_file_gives_one_rejection_saying_it_is_empty() =>
        Assert.StartsWith("empty file", Assert.Single(Read("\n\n")).Rejection!.Reason, StringComparison.Ordinal);

    [Fact]
    public void LooksLike_recognises_an_export_but_not_other_json_or_xml()
    {
        Assert.True(JsonLinesReader.LooksLike(Encoding.UTF8.GetBytes(Good("104968889") + "\n")));
        Assert.True(JsonLinesReader.LooksLike([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Good("1"))]));
        Assert.False(JsonLinesReader.LooksLike(Encoding.UTF8.GetBytes("{\"name\":\"package\"}\n{\"publicationNumber\":1}")));
        Assert.False(JsonLinesReader.LooksLike(File.ReadAllBytes(TestFiles.File("epo-ops-xml", "published-data_publication_docdb_EP.2906782.A2_biblio.xml")).AsSpan(0, 512)));
        Assert.False(JsonLinesReader.LooksLike([]));
    }
}
