using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Needs;
using Marketplace.Web.Tests.Support;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>
/// A minute of mixed traffic at 32 connections against the site process, with a load running behind it: searches,
/// patent pages, sign-ins, API reads and need posts. No errors are allowed but the documented 429s of the rate-limited
/// endpoints; the figures (requests/s, p50/p99 per kind) go to the test output.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class MixedTrafficTests(ITestOutputHelper output)
{
    private const int Connections = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static readonly string[] Queries = ["电池", "无人机", "传感器", "battery", "ipc:G06F", "applicant:大学", "储能 AND 装置", "semiconductor", "陶瓷", "控制系统"];

    /// <summary>Of every 20 requests: 7 searches, 5 patent pages, 5 API reads, 2 need posts, 1 sign-in.</summary>
    private static readonly string[] Schedule =
        ["search", "patent", "api", "search", "patent", "api", "need", "search", "patent", "api", "search", "sign-in", "patent", "api", "search", "patent", "need", "api", "search", "search"];

    [Fact]
    public async Task A_minute_of_mixed_traffic_at_32_connections_during_a_load_answers_without_errors()
    {
        var samples = SamplesWithoutTheUsptoGrants();
        try
        {
            await using var site = new SiteProcess(new Dictionary<string, string?>
            {
                ["Search__SamplesPath"] = samples,
                ["Loads__CommitEvery"] = "1000",
            });
            await site.StartAsync(TimeSpan.FromMinutes(3));
            output.WriteLine($"Site with the repository's Chinese and EPO samples ready in {site.LastStartTime.TotalSeconds:F1} s.");
            await site.VerifyDemoEnterpriseAsync();

            using var anonymous = site.CreateHttpClient();
            var numbers = await PatentNumbersAsync(anonymous);
            var clients = new List<SiteClient>();
            var tokens = new List<string>();
            for (var i = 0; i < Connections; i++)
            {
                var client = await site.CreateClient().SignInAsDemoAsync(NeedsScenario.EnterpriseOwner);
                clients.Add(client);
                tokens.Add((await client.PageAsync("/needs/new")).QuerySelector("#need-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
            }
            using var operatorClient = await site.CreateClient().SignInAsDemoAsync(FaultData.Operator);
            var load = await FaultData.UploadAsync(operatorClient, "background-load.csv", FaultData.Export(30_000, "混合流量测试研究院"));

            var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
            var statuses = new ConcurrentDictionary<string, int>();
            var errors = new ConcurrentQueue<string>();
            var counter = -1;
            var watch = Stopwatch.StartNew();
            var workers = clients.Select((client, w) => Task.Run(async () =>
            {
                while (watch.Elapsed < Duration)
                {
                    var n = Interlocked.Increment(ref counter);
                    var kind = Schedule[n % Schedule.Length];
                    var started = Stopwatch.GetTimestamp();
                    HttpStatusCode code;
                    string? problem = null;
                    try
                    {
                        (code, problem) = await SendAsync(kind, n, client, tokens[w], numbers, site);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        code = 0;
                        problem = ex.Message;
                    }
                    latencies.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    statuses.AddOrUpdate($"{kind} {(int)code}", 1, (_, c) => c + 1);
                    var documented429 = code == HttpStatusCode.TooManyRequests && kind is "search" or "api" or "sign-in";
                    if (problem is not null && !documented429) errors.Enqueue($"{kind} #{n}: {(int)code} {problem}");
                }
            })).ToList();
            await Task.WhenAll(workers);
            var seconds = watch.Elapsed.TotalSeconds;
            foreach (var c in clients) c.Dispose();

            var total = latencies.Values.Sum(l => l.Count);
            // The figures depend on what else the machine runs: the load average says how shared the cores were.
            output.WriteLine("Load average (1, 5, 15 min) after the run: " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total:N0} requests in {seconds:F1} s at {Connections} connections: {total / seconds:N1} requests/s, {errors.Count} errors."));
            foreach (var (kind, values) in latencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var sorted = values.Order().ToArray();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind,-8} {sorted.Length,7:N0} requests  {sorted.Length / seconds,7:N1}/s  p50 {Percentile(sorted, 0.50),7:F1} ms  p99 {Percentile(sorted, 0.99),7:F1} ms  max {sorted[^1],7:F1} ms"));
            }
            output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")));
            var job = await UploadKillTests.JobAsync(site, load);
            output.WriteLine($"Background load: {job.State}, {job.Records:N0} records read, {job.RecordsPerSecond:F0} records/s.");

            Assert.True(errors.IsEmpty, $"{errors.Count} errors, first: {string.Join("\n", errors.Take(10))}");
            Assert.All(Schedule.Distinct(), kind => Assert.True(latencies.ContainsKey(kind), $"no {kind} request was made"));
            Assert.NotEqual(Marketplace.Web.Loads.LoadJobState.Failed, job.State);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Code, string? Problem)> SendAsync(string kind, int n, SiteClient client, string token, IReadOnlyList<string> numbers, SiteProcess site)
    {
        switch (kind)
        {
            case "search":
                return Expect(await client.GetAsync("/search?q=" + Uri.EscapeDataString(Queries[n % Queries.Length])), HttpStatusCode.OK);
            case "patent":
                return Expect(await client.GetAsync("/patents/" + numbers[n % numbers.Count]), HttpStatusCode.OK);
            case "api":
                return Expect(await client.GetAsync(n % 2 == 0 ? "/api/v1/patents?q=" + Uri.EscapeDataString(Queries[n % Queries.Length]) : "/api/v1/open-licences"), HttpStatusCode.OK);
            case "need":
            {
                var form = NeedsScenario.NeedForm("混合流量需求 " + n.ToString(CultureInfo.InvariantCulture));
                form["__RequestVerificationToken"] = token;
                return Expect(await client.Http.PostAsync("/needs/new", new FormUrlEncodedContent(form)), HttpStatusCode.Redirect);
            }
            default:
            {
                // A visitor of their own signs in (and out again by being forgotten): the login page, then the form.
                using var visitor = site.CreateClient();
                using var response = await visitor.SignInAsync(NeedsScenario.EnterpriseOwner, DemoData.Password);
                var home = response.StatusCode == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.StartsWith("/account", StringComparison.Ordinal);
                return (response.StatusCode, home ? null : $"sign-in answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    private static (HttpStatusCode, string?) Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
            return (response.StatusCode, response.StatusCode == expected ? null : $"expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Numbers of patents the samples hold, as search answers them, for the patent pages.</summary>
    private static async Task<IReadOnlyList<string>> PatentNumbersAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/v1/patents?q=" + Uri.EscapeDataString("装置 OR 方法 OR system") + "&size=100");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var numbers = json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
        Assert.True(numbers.Count >= 20, $"the samples gave {numbers.Count} patents to visit");
        return numbers;
    }

    /// <summary>The repository's samples but the 12 MB of USPTO grants, so the site is ready in seconds rather than a minute.</summary>
    private static string SamplesWithoutTheUsptoGrants()
    {
        var folder = Path.Combine(Path.GetTempPath(), "faults-samples-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var sample in Directory.GetDirectories(RepositoryPaths.Samples).Where(d => Path.GetFileName(d) != "uspto-xml"))
        {
            var target = Path.Combine(folder, Path.GetFileName(sample));
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(sample)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return folder;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
