using System.Diagnostics;
using System.Text.Json;
using Search.Indexer.Cli;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Tests.Engine;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Cli;

/// <summary>
/// The site owns the index's one writer (issue 15, item 1): the command line reads beside it and refuses to write,
/// saying what to do. The writer here is a <see cref="LuceneIndex"/> held open in this process, as the site holds it.
/// </summary>
public sealed class ReadBesideTheSiteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Index => _folder.File("index");

    private async Task<LuceneIndex> SiteWriterAsync()
    {
        var site = LuceneIndex.Open(Index);
        await site.UpsertAsync(SampleRecords.All());
        await site.CommitAsync();
        return site;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Search_get_stats_and_export_work_while_another_writer_holds_the_index()
    {
        using var site = await SiteWriterAsync();

        var search = await RunAsync("search", "无人机", "--index", Index, "--json");
        Assert.Equal(0, search.Exit);
        Assert.Contains(SampleRecords.Drone, search.Out, StringComparison.Ordinal);
        var get = await RunAsync("get", "CN 2022232206652", "--index", Index);
        Assert.Equal(0, get.Exit);
        Assert.Contains($"\"id\": \"{SampleRecords.Drone}\"", get.Out, StringComparison.Ordinal);
        var stats = await RunAsync("stats", "--index", Index, "--json");
        Assert.Equal(0, stats.Exit);
        using (var json = JsonDocument.Parse(stats.Out))
            Assert.Equal(SampleRecords.All().Count, json.RootElement.GetProperty("records").GetInt64());
        var export = _folder.File("all.jsonl");
        Assert.Equal(0, (await RunAsync("export", "--out", export, "--index", Index)).Exit);
        Assert.Equal(SampleRecords.All().Count, File.ReadLines(export).Count());

        // The reads took no lock: the site still writes and commits, and a read after that sees it.
        await site.UpsertAsync(SampleRecords.Generated(3).ToList());
        await site.CommitAsync();
        using var after = JsonDocument.Parse((await RunAsync("stats", "--index", Index, "--json")).Out);
        Assert.Equal(SampleRecords.All().Count + 3, after.RootElement.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Load_while_another_writer_holds_the_index_is_refused_naming_what_to_do()
    {
        using var site = await SiteWriterAsync();
        var (exit, _, err) = await RunAsync("load", TestFiles.File("cn-export", "cn_export_utf8_bom.csv"), "--index", Index, "--quarantine", _folder.File("q"), "--json");
        Assert.Equal(3, exit);
        Assert.Contains("in use", err, StringComparison.Ordinal);
        Assert.Contains("Stop the site", err, StringComparison.Ordinal);
        Assert.Contains("/admin/loads", err, StringComparison.Ordinal);
        Assert.Contains("--index", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_of_a_folder_without_an_index_says_so_and_creates_nothing()
    {
        var (exit, _, err) = await RunAsync("stats", "--index", Index);
        Assert.Equal(3, exit);
        Assert.Contains("no index", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Index));
    }

    [Fact]
    public async Task Stats_in_a_second_process_reads_the_index_a_live_writer_holds_and_load_there_is_refused()
    {
        using var site = await SiteWriterAsync();

        var stats = await RunProcessAsync("stats", "--index", Index, "--json");
        Assert.True(stats.Exit == 0, stats.Err);
        using (var json = JsonDocument.Parse(stats.Out))
            Assert.Equal(SampleRecords.All().Count, json.RootElement.GetProperty("records").GetInt64());

        var load = await RunProcessAsync("load", TestFiles.File("cn-export", "cn_export_utf8_bom.csv"), "--index", Index, "--quarantine", _folder.File("q"), "--json");
        Assert.Equal(3, load.Exit);
        Assert.Contains("Stop the site", load.Err, StringComparison.Ordinal);
    }

    /// <summary>The Search.Indexer tool in a process of its own, as an operator runs it beside the site.</summary>
    private static async Task<(int Exit, string Out, string Err)> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Search.Indexer.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _folder.Dispose();
}
