using Analytics.Chains;
using Analytics.Cli;
using Analytics.Lifecycle;
using Analytics.Tests.Support;

namespace Analytics.Tests.Lifecycle;

/// <summary><c>Analytics train</c> writes versions through the same store the site uses.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Train_writes_a_new_version_each_time_and_says_which_is_active_and_why()
    {
        var models = _folder.File("models");
        var input = Path.Combine(Samples.Folder, "cn-titles-ipc");
        // What a training killed mid-write left behind: cleaned before the next one.
        var abandoned = Path.Combine(models, ModelStore.VersionsFolder, ".tmp-killed");
        Directory.CreateDirectory(abandoned);

        var first = await RunAsync("train", "--input", input, "--models", models);
        var second = await RunAsync("train", "--input", input, "--models", models);

        Assert.Equal(0, first.Code);
        Assert.Contains("Version 1 is active", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.Code);
        Assert.Contains("Version 2 ", second.Output, StringComparison.Ordinal);
        Assert.Contains("Held out: chain precision", second.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(abandoned));
        var store = new ModelStore(models);
        Assert.Equal([2, 1], store.List().Select(v => v.Number));
        // The same data and seed train the same model, which passes against itself.
        Assert.Equal(2, store.ActiveVersion());
        Assert.Equal(store.Read(1)!.Evaluation, store.Read(2)!.Evaluation);
        Assert.True(File.Exists(Path.Combine(store.FolderOf(2), ChainModel.FieldClassifierFile)));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AnalyticsCommands.Build(stdout, stderr).Parse(args).InvokeAsync();
        return (code, stdout + stderr.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
