using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Tests.Engine;
using System.Text;
using Search.Indexer.Loading;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Loading;

public class PatentLoaderTests
{
    private static string Sample(params string[] parts) => TestFiles.File(parts);

    [Fact]
    public async Task Load_the_same_file_twice_skips_it_the_second_time_and_changes_nothing()
    {
        using var f = new LoaderFixture();
        var first = await f.LoadAsync(Sample("cn-export", "cn_export_utf8_bom.csv"));
        Assert.Equal(10, first.Added);
        var before = (await f.Index.GetAsync("CN218751475U"))!;

        var second = await f.LoadAsync(Sample("cn-export", "cn_export_utf8_bom.csv"));
        Assert.Equal(1, second.SkippedFiles);
        Assert.Equal(0, second.Loaded);

        var forced = await f.Loader.LoadAsync([Sample("cn-export", "cn_export_utf8_bom.csv")], f.Options(force: true));
        Assert.Equal(10, forced.Unchanged);
        Assert.Equal(10, await f.CountAsync());
        Assert.Equal(RecordJson.Serialize(before), RecordJson.Serialize((await f.Index.GetAsync("CN218751475U"))!));
    }

    [Fact]
    public async Task Load_the_same_records_from_two_sources_merges_them_keeping_both_provenances()
    {
        using var f = new LoaderFixture();
        var summary = await f.LoadAsync(Sample("cn-export", "cn_export_utf8_bom.csv"), Sample("cn-export", "cn_export_gb18030.csv"));
        Assert.Equal(10, summary.Added);
        Assert.Equal(10, summary.Merged + summary.Unchanged);
        Assert.Equal(10, await f.CountAsync());
        var record = (await f.Index.GetAsync("CN218751475U"))!;
        Assert.Equal(["cn_export_gb18030.csv", "cn_export_utf8_bom.csv"], record.Provenance.Select(p => p.SourceFile).Order().ToArray());
    }

    [Fact]
    public async Task Load_a_record_met_again_in_a_later_batch_before_any_commit_is_merged_with_the_first_copy()
    {
        using var f = new LoaderFixture();
        var path = f.File("repeats.jsonl");
        using (var writer = new JsonLinesWriter(File.Create(path)))
        {
            writer.WriteAll(SampleRecords.Generated(30));
            // The first ten again, each with an inventor the first copy lacks.
            foreach (var r in SampleRecords.Generated(10))
            {
                r.Inventors = [new Party { Name = "后来的发明人" }];
                writer.Write(r);
            }
        }

        var summary = await f.Loader.LoadAsync([path], f.Options() with { BatchSize = 5 });

        Assert.Equal(30, summary.Added);
        Assert.Equal(10, summary.Merged);
        Assert.Equal(30, await f.CountAsync());
        var first = SampleRecords.Generated(1).Single();
        var stored = (await f.Index.GetAsync(first.Id))!;
        Assert.Equal(["后来的发明人"], stored.Inventors.Select(p => p.Name).ToArray());
        Assert.Equal(first.Titles[0].Text, stored.Titles[0].Text);
    }

    [Fact]
    public async Task Load_a_folder_reads_every_format_by_content_and_skips_documentation()
    {
        using var f = new LoaderFixture();
        var summary = await f.LoadAsync(Sample("uspto-xml"));
        Assert.DoesNotContain(summary.Files, s => Path.GetFileName(s.Path) == "SOURCE.txt");
        Assert.All(summary.Files, s => Assert.Equal("uspto-xml", s.Format));
        // 178 patents in 181 documents: three are sequence listings that accompany a grant.
        Assert.Equal(178, summary.Added);
        Assert.Equal(summary.Added, await f.CountAsync());
    }

    [Fact]
    public async Task Load_file_renamed_with_another_extension_is_still_recognised_by_content()
    {
        using var f = new LoaderFixture();
        var renamed = f.File("patents.txt");
        File.Copy(Sample("uspto-xml", "ipa061228.one.xml"), renamed);
        var summary = await f.LoadAsync(renamed);
        Assert.Equal("uspto-xml", Assert.Single(summary.Files).Format);
        Assert.Equal(1, summary.Added);
    }

    [Fact]
    public async Task Load_empty_binary_and_unknown_files_are_reported_and_the_good_file_still_loads()
    {
        using var f = new LoaderFixture();
        var empty = f.File("empty.csv");
        File.WriteAllBytes(empty, []);
        var binary = f.File("image.csv");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        var unknownXml = f.File("other.xml");
        File.WriteAllText(unknownXml, "<?xml version=\"1.0\"?><invoice><total>3</total></invoice>");
        var missing = f.File("missing.csv");

        var summary = await f.LoadAsync(empty, binary, unknownXml, Sample("cn-export", "cn_export_utf8_bom.csv"), missing);

        Assert.Equal(10, summary.Added);
        Assert.Equal(4, summary.FailedFiles);
        Assert.NotNull(summary.QuarantinePath);
        var entries = LoaderFixture.ReadQuarantine(summary.QuarantinePath!);
        Assert.Contains(entries, e => e.SourceFile == "empty.csv" && e.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.SourceFile == "image.csv" && e.Reason.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.SourceFile == "other.xml" && e.Reason.Contains("<invoice>", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.SourceFile == "missing.csv" && e.Reason.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_truncated_xml_loads_the_documents_before_the_break_and_quarantines_the_broken_one()
    {
        using var f = new LoaderFixture();
        var source = await File.ReadAllTextAsync(Sample("uspto-xml", "ipg050104.small.xml"));
        var documents = source.Split("<?xml", StringSplitOptions.RemoveEmptyEntries).Length;
        var truncated = f.File("truncated.xml");
        await File.WriteAllTextAsync(truncated, source[..(source.LastIndexOf("<?xml", StringComparison.Ordinal) + 600)]);

        var summary = await f.LoadAsync(truncated);

        Assert.Equal(documents - 1, summary.Added);
        var entry = Assert.Single(LoaderFixture.ReadQuarantine(summary.QuarantinePath!));
        Assert.Equal(documents, entry.DocumentIndex);
        Assert.NotNull(entry.Raw);
    }

    [Fact]
    public async Task Reload_a_fixed_quarantine_file_loads_the_records_that_were_rejected()
    {
        using var f = new LoaderFixture();
        var lines = await File.ReadAllLinesAsync(Sample("cn-export", "cn_export_utf8_bom.csv"));
        // Break the application date (申请日, 2nd column) of the third record.
        lines[3] = ReplaceSecondField(lines[3], "2022-13-45");
        var broken = f.File("broken.csv");
        await File.WriteAllLinesAsync(broken, lines, new UTF8Encoding(true));

        var first = await f.LoadAsync(broken);
        Assert.Equal(9, first.Added);
        Assert.Equal(1, first.Quarantined);
        var entry = Assert.Single(LoaderFixture.ReadQuarantine(first.QuarantinePath!));
        Assert.Equal(4, entry.Line);
        Assert.Equal("申请日", entry.Field);
        Assert.Contains("2022-13-45", entry.Reason, StringComparison.Ordinal);

        // Fix the raw row inside the quarantine file, as a user would, and load that file.
        var fixedPath = f.File("fixed-quarantine.jsonl");
        var fixedLine = (await File.ReadAllTextAsync(first.QuarantinePath!)).Replace("2022-13-45", "20221202", StringComparison.Ordinal);
        await File.WriteAllTextAsync(fixedPath, fixedLine);
        var second = await f.LoadAsync(fixedPath);

        Assert.Equal(1, second.Added);
        Assert.Equal(0, second.Quarantined);
        Assert.Equal(10, await f.CountAsync());
    }

    private static string ReplaceSecondField(string csvLine, string value)
    {
        var first = csvLine.IndexOf(',', StringComparison.Ordinal);
        var second = csvLine.IndexOf(',', first + 1);
        return csvLine[..(first + 1)] + value + csvLine[second..];
    }
}
