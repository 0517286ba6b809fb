using System.Diagnostics;
using System.Globalization;
using System.Net;

// bench-http: closed-loop load on loopback. N workers each send a request, wait for the whole answer,
// and send the next, for a fixed time; every latency is kept, so p50/p99 are exact, not estimated.
//
//   dotnet run --project tests/LoadGenerator -c Release -- --url http://127.0.0.1:5199 --target search --concurrency 32 --duration 60
//
// --rate R: open loop instead. Requests leave at R per second on a fixed schedule whatever the answers do (as
// visitors arrive), at most --concurrency in flight; a latency runs from the moment a request was due, not from
// when it left, so a site that falls behind is charged for the wait (no coordinated omission).
//
// --target search: the search page (/search?q=…) over a fixed mix of Chinese, English, field, IPC and date queries,
// with and without facet filters. --target api: the same queries on /api/v1/patents. --target both: alternating.
// --mix repeated (default): those 200 paths over and over, as popular searches and paging are (the engine's
// result cache answers most). --mix distinct: a new query every request, so every answer is searched afresh.

var options = Options.Parse(args);
if (options is null) return 2;

var queries = new[]
{
    "电池", "锂电池", "无人机", "传感器", "排水", "储能", "图像识别", "光伏组件", "半导体", "新能源汽车", "茶叶", "鞋底", "陶瓷", "纺织",
    "控制系统", "数据处理方法", "\"检测装置\"", "电池 AND 充电", "无人机 OR 飞行器", "装置 NOT 方法",
    "battery", "\"solar cell\"", "semiconductor wafer", "machine learning", "garment", "sensor AND signal", "vehicle",
    "applicant:大学", "applicant:研究院", "ipc:H01M", "ipc:G06F", "ipc:A01", "ipc:H01L21", "ipc:B64U20/80",
    "pd:[2018 TO 2020]", "电池 AND pd:[2015 TO 2022]", "ipc:G06F AND 数据", "status:inForce AND 装置", "type:utilityModel AND 结构", "ad:>=2020",
};
var filters = new[] { "", "&f.doc_type=invention", "&f.legal_status=inForce", "&sort=newest", "&page=2" };
// --mix distinct: two words of a vocabulary ORed, with a filter, walked in a scrambled order, so no query
// repeats within a run (60 × 59 ordered pairs × 5 filters = 17,700 paths) and no result cache can answer it.
var vocabulary = new[]
{
    "电池", "锂电池", "无人机", "传感器", "排水", "储能", "图像", "光伏", "半导体", "汽车", "茶叶", "鞋底", "陶瓷", "纺织", "控制",
    "数据", "检测", "充电", "飞行器", "电机", "机器人", "电路", "芯片", "算法", "网络", "通信", "显示", "材料", "涂层", "催化",
    "发动机", "轴承", "阀门", "管道", "水泥", "玻璃", "塑料", "纤维", "药物", "疫苗", "医疗", "农业", "灌溉", "种子", "食品",
    "battery", "sensor", "vehicle", "semiconductor", "polymer", "catalyst", "engine", "valve", "display", "network", "robot", "coating", "fiber", "drug", "signal",
};
string PathFor(int i, string target)
{
    string q;
    if (options.Mix == "distinct")
    {
        var k = (int)(((long)i * 7_919) % (vocabulary.Length * (vocabulary.Length - 1) * filters.Length));
        var a = k % vocabulary.Length;
        var b = (a + 1 + k / vocabulary.Length % (vocabulary.Length - 1)) % vocabulary.Length;
        q = Uri.EscapeDataString(vocabulary[a] + " OR " + vocabulary[b]) + filters[k / (vocabulary.Length * (vocabulary.Length - 1))];
    }
    else
    {
        q = Uri.EscapeDataString(queries[i % queries.Length]) + filters[(i / queries.Length) % filters.Length];
    }
    return target == "api" ? "/api/v1/patents?q=" + q : "/search?q=" + q;
}

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AllowAutoRedirect = false,
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
};
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

// Warm-up: every repeated-mix path once (distinct mix: the first 200 of its own, never measured again),
// so start-up costs (JIT, first searcher) are not in the figures. --warmup N sends only the first N (0: none, for a
// window measured right after another on the same warm site).
var warmUp = options.Mix == "distinct" ? 200 : queries.Length * filters.Length;
for (var i = 0; i < Math.Min(warmUp, options.WarmUp ?? warmUp); i++)
{
    foreach (var target in options.Targets)
    {
        using var r = await http.GetAsync(PathFor(i, target));
        if (!r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Redirect)
        {
            await Console.Error.WriteLineAsync($"Warm-up request {PathFor(i, target)} answered {(int)r.StatusCode}; fix the site (rate limit? index?) before measuring.");
            return 1;
        }
    }
}

var stop = Stopwatch.StartNew();
var until = TimeSpan.FromSeconds(options.DurationSeconds);
var counter = options.Mix == "distinct" ? warmUp : 0;
// One request, timed from `due` (a Stopwatch timestamp), its answer read to the end.
async Task<(double Ms, int Status, long Bytes)> Send(int n, long due, byte[] buffer)
{
    var target = options.Targets[n % options.Targets.Count];
    long bytes = 0;
    try
    {
        using var response = await http.GetAsync(PathFor(n, target), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
        return (Stopwatch.GetElapsedTime(due).TotalMilliseconds, (int)response.StatusCode, bytes);
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
    {
        return (Stopwatch.GetElapsedTime(due).TotalMilliseconds, 0, bytes);
    }
}

static (List<double> latencies, Dictionary<int, long> statuses, long errors, long bytes) Tally(IEnumerable<(double Ms, int Status, long Bytes)> answers)
{
    var latencies = new List<double>();
    var statuses = new Dictionary<int, long>();
    long errors = 0, bytes = 0;
    foreach (var (ms, status, b) in answers)
    {
        latencies.Add(ms);
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        if (status is 0 or >= 400) errors++;
        bytes += b;
    }
    return (latencies, statuses, errors, bytes);
}

(List<double> latencies, Dictionary<int, long> statuses, long errors, long bytes)[] results;
if (options.Rate is { } rate)
{
    // Open loop: request k is due at start + k / rate; the schedule never waits for an answer.
    using var inFlight = new SemaphoreSlim(options.Concurrency);
    var sent = new List<Task<(double Ms, int Status, long Bytes)>>();
    var start = Stopwatch.GetTimestamp();
    for (var k = 0; ; k++)
    {
        var due = start + (long)(k * Stopwatch.Frequency / rate);
        if (Stopwatch.GetElapsedTime(start, due) >= until) break;
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await inFlight.WaitAsync();
        var n = Interlocked.Increment(ref counter);
        sent.Add(Task.Run(async () =>
        {
            try { return await Send(n, due, new byte[64 * 1024]); }
            finally { inFlight.Release(); }
        }));
    }
    results = [Tally(await Task.WhenAll(sent))];
}
else
{
    var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
    {
        var answers = new List<(double Ms, int Status, long Bytes)>(100_000);
        var buffer = new byte[64 * 1024];
        while (stop.Elapsed < until)
            answers.Add(await Send(Interlocked.Increment(ref counter), Stopwatch.GetTimestamp(), buffer));
        return Tally(answers);
    }).ToList();
    results = await Task.WhenAll(workers);
}
var elapsed = stop.Elapsed.TotalSeconds;

var all = results.SelectMany(r => r.latencies).Order().ToArray();
double P(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
var statusLine = string.Join(", ", results.SelectMany(r => r.statuses).GroupBy(kv => kv.Key).OrderBy(g => g.Key)
    .Select(g => $"{(g.Key == 0 ? "failed" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Sum(kv => kv.Value):N0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
target {string.Join('+', options.Targets)} at {options.Url}, {options.Mix} queries, {(options.Rate is { } perSecond ? $"open loop at {perSecond:N1} requests/s, at most {options.Concurrency} in flight" : $"concurrency {options.Concurrency}")}, {elapsed:F1} s
requests   {all.Length:N0} ({all.Length / elapsed:N1} requests/s), {results.Sum(r => r.bytes) / 1048576.0:N1} MB received
latency    p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {(all.Length > 0 ? all[^1] : 0):F1} ms
errors     {results.Sum(r => r.errors):N0}   (statuses: {statusLine})
"""));
return results.Sum(r => r.errors) == 0 ? 0 : 1;

internal sealed record Options(Uri Url, IReadOnlyList<string> Targets, int Concurrency, int DurationSeconds, string Mix, double? Rate, int? WarmUp)
{
    public static Options? Parse(string[] args)
    {
        Uri url = new("http://127.0.0.1:5199");
        var target = "search";
        int concurrency = 32, duration = 60;
        var mix = "repeated";
        double? rate = null;
        int? warmUp = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(args[i + 1], UriKind.Absolute, out var u): url = u; break;
                case "--target" when args[i + 1] is "search" or "api" or "both": target = args[i + 1]; break;
                case "--concurrency" when int.TryParse(args[i + 1], out var c) && c is > 0 and <= 1024: concurrency = c; break;
                case "--duration" when int.TryParse(args[i + 1], out var d) && d is > 0 and <= 3600: duration = d; break;
                case "--mix" when args[i + 1] is "repeated" or "distinct": mix = args[i + 1]; break;
                case "--warmup" when int.TryParse(args[i + 1], out var w) && w is >= 0 and <= 100_000: warmUp = w; break;
                case "--rate" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 100_000: rate = r; break;
                default:
                    Console.Error.WriteLine($"Bad option {args[i]} {args[i + 1]}. Use --url URL --target search|api|both --concurrency 1-1024 --duration 1-3600 --mix repeated|distinct [--rate 0.1-100000: requests/s, open loop] [--warmup N: unmeasured requests first, default all 200].");
                    return null;
            }
        }
        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"Option {args[^1]} has no value.");
            return null;
        }
        return new Options(url, target == "both" ? ["search", "api"] : [target], concurrency, duration, mix, rate, warmUp);
    }
}
