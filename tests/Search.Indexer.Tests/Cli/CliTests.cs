using System.Text.Json;
using Search.Indexer.Cli;
using Search.Indexer.Readers;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Cli;

/// <summary>The command line as a user runs it: arguments in, text or JSON and an exit code out.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Index => _folder.File("index");

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Exit, string Out, string Err)> LoadAsync(params string[] paths) =>
        RunAsync(["load", .. paths, "--index", Index, "--quarantine", _folder.File("quarantine"), "--json"]);

    [Fact]
    public async Task Load_json_prints_loaded_merged_quarantined_and_the_quarantine_path()
    {
        var bad = _folder.File("bad.xml");
        await File.WriteAllTextAsync(bad, "<?xml version=\"1.0\"?><note>hello</note>");
        var (exit, output, _) = await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"), TestFiles.File("cn-export", "cn_export_gb18030.csv"), bad);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(20, root.GetProperty("loaded").GetInt64());
        Assert.Equal(10, root.GetProperty("added").GetInt64());
        Assert.Equal(10, root.GetProperty("merged").GetInt64() + root.GetProperty("unchanged").GetInt64());
        Assert.Equal(1, root.GetProperty("quarantined").GetInt64());
        Assert.True(File.Exists(root.GetProperty("quarantinePath").GetString()));
    }

    [Fact]
    public async Task Load_when_nothing_loads_exits_non_zero()
    {
        var empty = _folder.File("empty.csv");
        await File.WriteAllTextAsync(empty, "");
        var (exit, output, _) = await LoadAsync(empty);
        Assert.NotEqual(0, exit);
        Assert.Contains("\"quarantined\": 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchGetStatsAndExport_work_on_what_was_loaded()
    {
        Assert.Equal(0, (await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"))).Exit);

        var search = await RunAsync("search", "无人机", "--index", Index, "--json", "--facets");
        Assert.Equal(0, search.Exit);
        using (var json = JsonDocument.Parse(search.Out))
        {
            Assert.True(json.RootElement.GetProperty("total").GetInt64() >= 2);
            Assert.True(json.RootElement.GetProperty("facets").TryGetProperty("ipc_subclass", out _));
        }

        var get = await RunAsync("get", "CN 2022232206652", "--index", Index);
        Assert.Equal(0, get.Exit);
        Assert.Contains("\"id\": \"CN218751475U\"", get.Out, StringComparison.Ordinal);

        var stats = await RunAsync("stats", "--index", Index, "--json");
        using (var json = JsonDocument.Parse(stats.Out))
            Assert.Equal(10, json.RootElement.GetProperty("records").GetInt64());

        var exportPath = _folder.File("all.jsonl");
        Assert.Equal(0, (await RunAsync("export", "--format", "jsonl", "--out", exportPath, "--index", Index)).Exit);
        using var stream = File.OpenRead(exportPath);
        var exported = new JsonLinesReader().Read(stream, "all.jsonl").Select(r => r.Record!).ToList();
        Assert.Equal(10, exported.Count);
        Assert.Equal(exported.Select(r => r.Id).Order(StringComparer.Ordinal), exported.Select(r => r.Id));
    }

    [Fact]
    public async Task Export_then_load_into_another_index_gives_identical_records()
    {
        Assert.Equal(0, (await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"), TestFiles.File("uspto-xml", "ipa061228.one.xml"))).Exit);
        var exportPath = _folder.File("all.jsonl");
        Assert.Equal(0, (await RunAsync("export", "--out", exportPath, "--index", Index)).Exit);

        var second = _folder.File("index2");
        var load = await RunAsync("load", exportPath, "--index", second, "--quarantine", _folder.File("q2"), "--json");
        Assert.Equal(0, load.Exit);
        var again = _folder.File("again.jsonl");
        Assert.Equal(0, (await RunAsync("export", "--out", again, "--index", second)).Exit);
        Assert.Equal(await File.ReadAllTextAsync(exportPath), await File.ReadAllTextAsync(again));
    }

    [Fact]
    public async Task Get_bad_number_exits_two_and_unknown_number_exits_one()
    {
        Assert.Equal(0, (await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"))).Exit);
        Assert.Equal(2, (await RunAsync("get", "not-a-number", "--index", Index)).Exit);
        Assert.Equal(1, (await RunAsync("get", "US 7,123,456 B2", "--index", Index)).Exit);
    }

    [Fact]
    public async Task Search_with_a_bad_query_or_filter_exits_two()
    {
        Assert.Equal(0, (await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"))).Exit);
        Assert.Equal(2, (await RunAsync("search", "ipc:H01L AND (", "--index", Index)).Exit);
        Assert.Equal(2, (await RunAsync("search", "电池", "--filter", "colour=red", "--index", Index)).Exit);
        Assert.Equal(0, (await RunAsync("search", "电池", "--filter", "chain=new-energy", "--index", Index)).Exit);
    }

    [Fact]
    public async Task Load_into_an_index_held_by_another_writer_explains_and_exits_three()
    {
        using var held = SearchEngines.Open(Index);
        var (exit, _, err) = await LoadAsync(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"));
        Assert.Equal(3, exit);
        Assert.Contains("in use", err, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
