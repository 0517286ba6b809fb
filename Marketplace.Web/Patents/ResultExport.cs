using System.Globalization;
using System.Text.Json;
using Analytics.Taxonomy;
using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

public enum ExportFormat { Csv, Xlsx, JsonLines }

/// <summary>
/// Writes records to a stream as they arrive (CSV, Excel, JSON Lines), so a 10,000-record export never
/// sits in memory: CSV and Excel through the shared <see cref="TableExport{T}"/>, JSON Lines as whole records.
/// </summary>
public sealed class ResultExport(IStringLocalizer<SharedResource> l, IndustryTaxonomy taxonomy)
{
    public const int MaxRecords = PatentQuery.MaxResultWindow;

    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        switch (text?.ToLowerInvariant())
        {
            case "csv": format = ExportFormat.Csv; return true;
            case "xlsx" or "excel": format = ExportFormat.Xlsx; return true;
            case "jsonl" or "ndjson": format = ExportFormat.JsonLines; return true;
            default: format = default; return false;
        }
    }

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => TableExport.ContentType(TableFormat.Csv),
        ExportFormat.Xlsx => TableExport.ContentType(TableFormat.Xlsx),
        _ => "application/x-ndjson; charset=utf-8",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => TableExport.Extension(TableFormat.Csv),
        ExportFormat.Xlsx => TableExport.Extension(TableFormat.Xlsx),
        _ => "jsonl",
    };

    /// <summary>The table of the CSV and Excel exports; JSON Lines carries whole records.</summary>
    private TableExport<PatentRecord> Table() => new("Patents",
    [
        new(l["Publication number"], r => r.PublicationNumber.Canonical),
        new(l["Application number"], r => r.ApplicationNumber?.ToString() ?? ""),
        new(l["Title"] + " (zh)", r => r.Titles.FirstOrDefault(t => t.Language == "zh")?.Text ?? ""),
        new(l["Title"] + " (en)", r => r.Titles.FirstOrDefault(t => t.Language == "en")?.Text ?? ""),
        new(l["Applicants"], r => string.Join("; ", r.Applicants.Select(a => a.Name))),
        new(l["Inventors"], r => string.Join("; ", r.Inventors.Select(a => a.Name))),
        new(l["Patent type"], r => QuerySyntax.ValueName(r.DocumentType)),
        new(l["Legal status"], r => QuerySyntax.ValueName(r.LegalStatus)),
        new(l["Application date"], r => Day(r.ApplicationDate)),
        new(l["Publication date"], r => Day(r.PublicationDate)),
        new(l["Grant date"], r => Day(r.GrantDate)),
        new(l["Expiry date"], r => Day(PatentTerm.Of(r).Expiry)),
        new("IPC", r => string.Join("; ", r.IpcCodes)),
        new(l["Industry chain"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.Chain).Select(taxonomy.ChainName))),
        new(l["High-value patent"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.HighValue))),
        new(l["Sleeping patent"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.Sleeping))),
        new(l["Value index"], r => TableCell.Of(r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) && double.IsFinite(v) ? Math.Round((decimal)v, 3, MidpointRounding.AwayFromZero) : null, "0.000")),
    ]);

    /// <summary>
    /// Streams <paramref name="records"/> as the response: a download named <c>{fileStem}-{UTC time}.{ext}</c>,
    /// with buffering off so rows leave as they are written. The search export and collection exports share it.
    /// </summary>
    public async Task<int> WriteResponseAsync(HttpContext http, ExportFormat format, string fileStem, IAsyncEnumerable<PatentRecord> records)
    {
        http.Response.ContentType = ContentType(format);
        var name = $"{fileStem}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{Extension(format)}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        return await WriteAsync(format, records, http.Response.Body, http.RequestAborted);
    }

    public async Task<int> WriteAsync(ExportFormat format, IAsyncEnumerable<PatentRecord> records, Stream output, CancellationToken cancellationToken) => format switch
    {
        ExportFormat.Csv => await Table().WriteAsync(TableFormat.Csv, records, output, cancellationToken),
        ExportFormat.Xlsx => await Table().WriteAsync(TableFormat.Xlsx, records, output, cancellationToken),
        _ => await WriteJsonLinesAsync(records, output, cancellationToken),
    };

    private static async Task<int> WriteJsonLinesAsync(IAsyncEnumerable<PatentRecord> records, Stream output, CancellationToken ct)
    {
        var n = 0;
        var newline = "\n"u8.ToArray();
        await foreach (var r in records.WithCancellation(ct))
        {
            await JsonSerializer.SerializeAsync(output, r, RecordJson.Options, ct);
            await output.WriteAsync(newline, ct);
            if (++n % 200 == 0) await output.FlushAsync(ct);
        }
        return n;
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
