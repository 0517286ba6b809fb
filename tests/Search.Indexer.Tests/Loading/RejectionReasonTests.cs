using System.Reflection;
using System.Text;
using System.Text.Json;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Search.Indexer.Tests.Readers.ChineseExport;

namespace Search.Indexer.Tests.Loading;

/// <summary>A rejection carries a stable reason key and its arguments beside the English sentence, and its quarantine entry keeps them.</summary>
public class RejectionReasonTests
{
    [Fact]
    public void Every_template_of_the_catalogue_has_its_own_code_and_is_listed()
    {
        var declared = typeof(RejectionReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RejectionTemplate)).Select(f => (RejectionTemplate)f.GetValue(null)!).ToList();

        Assert.Equal(declared.Count, RejectionReasons.All.Count);
        Assert.Equal(declared.Count, declared.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(declared, t => Assert.Same(t, RejectionReasons.Find(t.Code)));
    }

    [Fact]
    public void An_unparseable_date_in_a_Chinese_export_is_rejected_with_the_date_key_and_the_raw_value()
    {
        var lines = ExportReading.CnExportLines();
        lines[2] = lines[2].Replace("20211130", "2021-11-31", StringComparison.Ordinal);

        var rejection = Assert.Single(ExportReading.ReadCsv(string.Join('\n', lines), new UTF8Encoding(true)).Rejections);

        Assert.Equal("date.invalid", rejection.Because.Code);
        Assert.Equal(["2021-11-31"], rejection.Because.Arguments.Select(a => a.Text));
        Assert.Equal("'2021-11-31' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)", rejection.Reason);
    }

    [Fact]
    public void A_reason_that_names_a_kind_of_value_carries_it_as_a_reason_of_its_own()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("[1,2]"));

        var rejection = Assert.Single(new JsonLinesReader().Read(stream, "x.jsonl")).Rejection!;

        Assert.Equal("jsonl.not-an-object", rejection.Because.Code);
        Assert.Equal("jsonl.kind.array", Assert.Single(rejection.Because.Arguments).Reason!.Code);
        Assert.Equal("expected one JSON object per line, found an array", rejection.Reason);
    }

    [Fact]
    public void A_quarantine_entry_keeps_the_reason_key_and_arguments_and_reads_them_back()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rejection-reasons-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var because = RejectionReasons.QuarantineStillBad.With(RejectionReasons.DateInvalid.With("2019-13-01"), "q.jsonl", RejectionArgument.Number(3));
            string path;
            using (var writer = new QuarantineWriter(folder, DateTimeOffset.UnixEpoch))
            {
                writer.Write(new RecordRejection { SourceFile = "a.csv", Format = "cn-export-csv", Line = 3, Field = "申请日", Because = because, Raw = "1,2019-13-01" });
                path = writer.FilePath;
            }
            var line = File.ReadAllLines(path).Single();
            var entry = JsonSerializer.Deserialize<QuarantineEntry>(line, RecordJson.Options)!;

            Assert.Contains("\"reasonKey\":\"quarantine.still-bad\"", line, StringComparison.Ordinal);
            Assert.Equal(because, entry.Because);
            Assert.Equal("'2019-13-01' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D) (still bad at q.jsonl:3)", entry.Reason);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_entry_written_before_reasons_had_keys_gives_its_English_text_as_written()
    {
        var entry = JsonSerializer.Deserialize<QuarantineEntry>(
            """{"quarantine":"patent-record-rejection/1","sourceFile":"a.csv","format":"cn-export-csv","reason":"an old reason"}""", RecordJson.Options)!;

        Assert.Equal(RejectionReasons.AsWritten.Code, entry.Because.Code);
        Assert.Equal("an old reason", entry.Because.ToString());
    }
}
