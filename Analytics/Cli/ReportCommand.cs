using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Reports;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Search.Indexer;
using Search.Indexer.Cli;

namespace Analytics.Cli;

/// <summary>
/// <c>report</c>: a patent navigation report (GB/T 39551) for a scope and period, computed in one pass over
/// the index, written as PDF, Excel or JSON by the output's extension. <c>--bench</c> prints time and peak memory.
/// </summary>
public static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var target = AnalyticsCommands.Target();
        var taxonomy = AnalyticsCommands.TaxonomyOption();
        var chain = new Option<string?>("--chain") { Description = "Industry chain id of the taxonomy (e.g. new-energy, textiles-apparel-footwear)" };
        var ipc = new Option<string[]>("--ipc") { Description = "IPC prefixes (H01M, H01L21); repeatable", AllowMultipleArgumentsPerToken = true };
        var query = new Option<string?>("--query") { Description = "A query in the search syntax (words ANDed, -word excludes, OR, \"phrases\", title: and other fields): the patents search finds for it" };
        var applicants = new Option<string[]>("--applicant") { Description = "Applicant names or parts of names; repeatable", AllowMultipleArgumentsPerToken = true };
        var region = new Option<string?>("--region") { Description = "The city (泉州), one of its counties (晋江市) or a province (福建 or 35)" };
        var thisYear = DateTime.UtcNow.Year;
        var from = new Option<int>("--from") { Description = "First filing year", DefaultValueFactory = _ => thisYear - 10 };
        var to = new Option<int>("--to") { Description = "Last filing year", DefaultValueFactory = _ => thisYear };
        var output = new Option<string[]>("--out") { Description = "Output files: .pdf, .xlsx or .json (repeatable)", AllowMultipleArgumentsPerToken = true };
        var city = new Option<string?>("--city-config") { Description = "JSON file with the city definition (name, provinceCode, postalPrefixes, counties with population); default Quanzhou" };
        var bench = new Option<bool>("--bench") { Description = "Print elapsed time, records per second and peak memory of the pass" };
        var cmd = new Command("report", "Patent navigation report (专利导航, GB/T 39551) for an industry chain, IPC codes, words, applicants and/or a region: trends, technology composition, key players, region position, supply for transfer, recommended paths")
        {
            taxonomy, chain, ipc, query, applicants, region, from, to, output, city, bench,
        };
        target.AddTo(cmd);
        cmd.SetAction(IndexTarget.ClusterErrors(stderr, async (result, ct) =>
        {
            var outputs = result.GetValue(output) ?? [];
            var bad = outputs.Where(o => Path.GetExtension(o).ToLowerInvariant() is not (".pdf" or ".xlsx" or ".json")).ToList();
            if (bad.Count > 0)
            {
                await stderr.WriteLineAsync($"--out must end in .pdf, .xlsx or .json: {string.Join(", ", bad)}").ConfigureAwait(false);
                return 2;
            }
            if (outputs.Length == 0 && !result.GetValue(bench))
            {
                await stderr.WriteLineAsync("Nothing to write: pass --out report.pdf (or .xlsx, .json), or --bench.").ConfigureAwait(false);
                return 2;
            }
            ReportOptions options;
            IndustryTaxonomy tax;
            try
            {
                options = new ReportOptions();
                if (result.GetValue(city) is { } cityFile)
                    options.City = JsonSerializer.Deserialize<CityDefinition>(await File.ReadAllTextAsync(cityFile, ct).ConfigureAwait(false), Json)
                                   ?? throw new InvalidDataException($"{cityFile} holds no city definition.");
                tax = result.GetValue(taxonomy) is { Length: > 0 } t ? IndustryTaxonomy.LoadFile(t) : IndustryTaxonomy.Default;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var scope = new ReportScope
            {
                Chain = result.GetValue(chain),
                Ipc = [.. (result.GetValue(ipc) ?? []).Select(i => i.Trim().ToUpperInvariant())],
                Query = result.GetValue(query),
                Applicants = result.GetValue(applicants) ?? [],
                Region = result.GetValue(region),
                FromYear = result.GetValue(from),
                ToYear = result.GetValue(to),
            };
            NavigationReportService service;
            try
            {
                service = new NavigationReportService(options, tax, TechnologyFieldConcordance.Default, TimeProvider.System);
            }
            catch (ArgumentException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 2;
            }
            var problems = service.Validate(scope);
            if (problems.Count > 0)
            {
                foreach (var (field, message) in problems) await stderr.WriteLineAsync($"{field}: {message}").ConfigureAwait(false);
                return 2;
            }
            using var engine = target.Open(result, stderr, IndexAccess.Read);
            if (engine is null) return 3;
            var watch = Stopwatch.StartNew();
            var report = await AnalyticsCommands.WithProgressAsync("Report", !result.GetValue(bench), p => service.GenerateAsync(engine, scope, p, ct)).ConfigureAwait(false);
            var passSeconds = watch.Elapsed.TotalSeconds;
            foreach (var file in outputs)
            {
                var bytes = Path.GetExtension(file).ToLowerInvariant() switch
                {
                    ".pdf" => ReportDocuments.Pdf(report),
                    ".xlsx" => ReportDocuments.Excel(report),
                    _ => JsonSerializer.SerializeToUtf8Bytes(report, Json),
                };
                await File.WriteAllBytesAsync(file, bytes, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Wrote {file} ({bytes.Length / 1024.0:N0} KB)").ConfigureAwait(false);
            }
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{report.ScopeDescription}: {report.RecordsInScope:N0} of {report.RecordsRead:N0} patents in scope; {report.Trends.Grants:N0} grants; {report.Recommendations.Count} recommendations")).ConfigureAwait(false);
            if (result.GetValue(bench))
            {
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"bench: pass over {report.RecordsRead:N0} records in {passSeconds:F1} s ({report.RecordsRead / Math.Max(0.001, passSeconds):N0} records/s), " +
                    $"documents {watch.Elapsed.TotalSeconds - passSeconds:F1} s; peak memory {process.PeakWorkingSet64 / 1048576.0:N0} MB; {Environment.ProcessorCount} cores")).ConfigureAwait(false);
            }
            return 0;
        }));
        return cmd;
    }
}
