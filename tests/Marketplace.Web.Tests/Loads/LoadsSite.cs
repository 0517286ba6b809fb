using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Marketplace.Web.Loads;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Loads;

/// <summary>
/// A labelled site whose first-start samples leave out the Chinese export (samples/cn-export), so that uploading that
/// export adds new patents. Uploads are capped at 2 MB here. A load runs when its upload queues its job (ADR-019), so a
/// load row added behind the site's back stays queued until a test acts on it (or the site restarts).
/// </summary>
public sealed class LoadsSite : IAsyncLifetime
{
    public const long MaxUploadBytes = 2_000_000;

    public MarketplaceSite Site { get; }

    public LoadsSite() => Site = MarketplaceSite.WithSettings(Settings(SamplesWithoutTheExport()));

    /// <summary>The repository's title/IPC sample only (enough to train the chain model and learn value cohorts).</summary>
    public static string SamplesWithoutTheExport()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loads-samples-" + Guid.NewGuid().ToString("N")[..8], "cn-titles-ipc");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepositoryPaths.Samples, "cn-titles-ipc", "cn_titles_ipc.csv"), Path.Combine(folder, "cn_titles_ipc.csv"));
        return Path.GetDirectoryName(folder)!;
    }

    public static Dictionary<string, string?> Settings(string samples) => new()
    {
        ["Search:SamplesPath"] = samples,
        ["Analytics:LabelOnStart"] = "true",
        ["Loads:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Loads:CommitEvery"] = "4",
        // Every test signs in afresh.
        ["RateLimits:SignInPerMinute"] = "100000",
    };

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedLoadsSite : ICollectionFixture<LoadsSite>
{
    public const string Name = "loads-site";
}

/// <summary>Uploading as the upload form does (token first, then the file) and waiting for loads.</summary>
internal static class LoadUploads
{
    public const string Operator = "operator@demo.patent-marketplace.local";

    /// <summary>The repository's Chinese export (10 real records) with two bad rows added: one cut short, one with an impossible filing date.</summary>
    public static byte[] ExportWithTwoBadRows()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "cn-export", "cn_export_utf8_bom.csv"), Encoding.UTF8).TrimEnd('\r', '\n');
        var lines = text.Split('\n');
        var last = lines[^1].TrimEnd('\r').Split(',');
        last[0] = "12";
        last[1] = "20221399";
        var bad = "\n11,20221202\n" + string.Join(',', last) + "\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text + bad)];
    }

    public static async Task<HttpResponseMessage> UploadAsync(SiteClient client, string fileName, byte[] content)
    {
        var page = await client.PageAsync("/admin/loads");
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.Http.PostAsync("/admin/loads/upload", form);
    }

    /// <summary>The job an upload redirected to.</summary>
    public static Guid JobOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/loads/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/admin/loads/".Length..]);
    }

    /// <summary>The refusal code an upload redirected back with.</summary>
    public static string RefusalOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/loads?refused=", location, StringComparison.Ordinal);
        return location["/admin/loads?refused=".Length..];
    }

    public static async Task<LoadJob> FindAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LoadJobService>().FindAsync(id))!;
    }

    public static async Task<LoadJob> WaitUntilFinishedAsync(IServiceProvider services, Guid id, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = await FindAsync(services, id);
            if (job.IsFinished) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The load {id} is still {job.State} after waiting.");
            await Task.Delay(200);
        }
    }
}
