using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml;
using Analytics.Taxonomy;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

public enum ExportFormat { Csv, Xlsx, JsonLines }

/// <summary>
/// Writes records to a stream as they arrive (CSV, Excel, JSON Lines): each row is written and
/// flushed before the next is read, so a 10,000-record export never sits in memory. Excel is
/// SpreadsheetML written straight into a zip (inline strings, one sheet): ClosedXML builds the whole
/// workbook in memory, which is what streaming is meant to avoid.
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
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/x-ndjson; charset=utf-8",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Xlsx => "xlsx",
        _ => "jsonl",
    };

    /// <summary>The columns of the CSV and Excel exports; JSON Lines carries whole records.</summary>
    private IReadOnlyList<(string Header, Func<PatentRecord, string> Value)> Columns() =>
    [
        (l["Publication number"], r => r.PublicationNumber.Canonical),
        (l["Application number"], r => r.ApplicationNumber?.ToString() ?? ""),
        (l["Title"] + " (zh)", r => r.Titles.FirstOrDefault(t => t.Language == "zh")?.Text ?? ""),
        (l["Title"] + " (en)", r => r.Titles.FirstOrDefault(t => t.Language == "en")?.Text ?? ""),
        (l["Applicants"], r => string.Join("; ", r.Applicants.Select(a => a.Name))),
        (l["Inventors"], r => string.Join("; ", r.Inventors.Select(a => a.Name))),
        (l["Patent type"], r => QuerySyntax.ValueName(r.DocumentType)),
        (l["Legal status"], r => QuerySyntax.ValueName(r.LegalStatus)),
        (l["Application date"], r => Day(r.ApplicationDate)),
        (l["Publication date"], r => Day(r.PublicationDate)),
        (l["Grant date"], r => Day(r.GrantDate)),
        (l["Expiry date"], r => Day(PatentTerm.Of(r).Expiry)),
        ("IPC", r => string.Join("; ", r.IpcCodes)),
        (l["Industry chain"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.Chain).Select(taxonomy.ChainName))),
        (l["High-value patent"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.HighValue))),
        (l["Sleeping patent"], r => string.Join("; ", LabelFacets.ValuesOf(r, LabelFacets.Sleeping))),
        (l["Value index"], r => r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : ""),
    ];

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
        ExportFormat.Csv => await WriteCsvAsync(records, output, cancellationToken),
        ExportFormat.Xlsx => await WriteXlsxAsync(records, output, cancellationToken),
        _ => await WriteJsonLinesAsync(records, output, cancellationToken),
    };

    private async Task<int> WriteCsvAsync(IAsyncEnumerable<PatentRecord> records, Stream output, CancellationToken ct)
    {
        var columns = Columns();
        // UTF-8 with a byte-order mark: Excel on Chinese Windows reads the file as GBK without it.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', columns.Select(c => CsvField(c.Header))));
        var n = 0;
        await foreach (var r in records.WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => CsvField(c.Value(r)))));
            if (++n % 200 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
        return n;
    }

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

    private async Task<int> WriteXlsxAsync(IAsyncEnumerable<PatentRecord> records, Stream output, CancellationToken ct)
    {
        var columns = Columns();
        // The zip classes write synchronously when an entry closes; Kestrel refuses synchronous writes.
        // They write into a small buffer instead, which is handed on asynchronously every few hundred rows.
        var buffer = new DrainingStream(output);
        var n = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddText(zip, "[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            AddText(zip, "_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            AddText(zip, "xl/workbook.xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Patents" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            AddText(zip, "xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            await buffer.DrainAsync(ct);

            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using (var stream = entry.Open())
            using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            {
                const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
                xml.WriteStartDocument(standalone: true);
                xml.WriteStartElement(null, "worksheet", ns);
                xml.WriteStartElement(null, "sheetData", ns);
                WriteRow(xml, ns, 1, columns.Select(c => c.Header));
                await foreach (var r in records.WithCancellation(ct))
                {
                    n++;
                    WriteRow(xml, ns, n + 1, columns.Select(c => c.Value(r)));
                    if (n % 200 == 0)
                    {
                        xml.Flush();
                        stream.Flush();
                        await buffer.DrainAsync(ct);
                    }
                }
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }
        }
        await buffer.DrainAsync(ct);
        return n;
    }

    private static void WriteRow(XmlWriter xml, string ns, int row, IEnumerable<string> values)
    {
        xml.WriteStartElement(null, "row", ns);
        xml.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
        foreach (var value in values)
        {
            xml.WriteStartElement(null, "c", ns);
            xml.WriteAttributeString("t", "inlineStr");
            xml.WriteStartElement(null, "is", ns);
            xml.WriteElementString("t", ns, XmlSafe(value));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void AddText(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Collects synchronous writes in memory until <see cref="DrainAsync"/> passes them on asynchronously.</summary>
    private sealed class DrainingStream(Stream output) : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _pending.Write(buffer);
            _written += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public async Task DrainAsync(CancellationToken ct)
        {
            if (_pending.Length == 0) return;
            await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            await output.FlushAsync(ct);
            _pending.SetLength(0);
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters from odd sources) are dropped.</summary>
    private static string XmlSafe(string s) => s.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r')) ? new string(s.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray()) : s;

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    private static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
