using System.Globalization;
using System.Text;
using Analytics.Documents;
using ClosedXML.Excel;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Contests;

/// <summary>Results and leads as CSV (UTF-8 with BOM, so Excel reads Chinese) or Excel, and a PDF certificate per winner.</summary>
public sealed class ContestExports(IStringLocalizer<SharedResource> L)
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public byte[] Results(Contest contest, IReadOnlyList<ContestEntry> entries, string format)
    {
        var headers = new[] { L["Rank"].Value, L["Award"].Value, L["Project"].Value, L["Organisation"].Value, L["Group"].Value, L["Patents"].Value, L["Stage reached"].Value };
        var rows = entries.Where(e => e.Eligible).OrderBy(e => e.FinalRank ?? int.MaxValue).ThenByDescending(e => e.StageReached).ThenBy(e => e.Title, StringComparer.Ordinal)
            .Select(e => (IReadOnlyList<string>)
            [
                e.FinalRank?.ToString(CultureInfo.InvariantCulture) ?? "", e.Award is { } a ? L[a.Label()].Value : "", e.Title, e.OrganizationName, e.Group,
                string.Join(" ", e.PatentIds), StageName(contest, e.StageReached),
            ]).ToList();
        return Table(contest.Name, headers, rows, format);
    }

    public byte[] Leads(Contest contest, IReadOnlyList<Lead> leads, string format)
    {
        var headers = new[] { L["Project"].Value, L["Organisation"].Value, L["Patents"].Value, L["Observer"].Value, L["E-mail"].Value, L["Interest tags"].Value, L["Note"].Value, L["Tagged at (UTC)"].Value };
        var rows = leads.Select(l => (IReadOnlyList<string>)[l.Entry, l.Organization, l.Patents, l.Observer, l.ObserverEmail, l.Tags, l.Note, l.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]).ToList();
        return Table(contest.Name, headers, rows, format);
    }

    private string StageName(Contest contest, int order) => contest.Stages.FirstOrDefault(s => s.Order == order) is { } s ? L[s.Name].Value : "";

    private static byte[] Table(string sheetName, string[] headers, List<IReadOnlyList<string>> rows, string format)
    {
        if (format == "xlsx")
        {
            using var workbook = new XLWorkbook();
            var name = new string(sheetName.Where(c => !"[]*?/\\:".Contains(c, StringComparison.Ordinal)).Take(31).ToArray());
            var sheet = workbook.Worksheets.Add(name.Length == 0 ? "Sheet1" : name);
            for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Row(1).Style.Font.Bold = true;
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < rows[r].Count; c++)
                    sheet.Cell(r + 2, c + 1).Value = rows[r][c];
            // Fixed widths: measuring the contents needs System.Drawing (libgdiplus), absent on Linux servers.
            sheet.Columns(1, headers.Length).Width = 24;
            using var stream = new MemoryStream();
            workbook.SaveAs(stream);
            return stream.ToArray();
        }
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var h in headers) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(Defuse(field));
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Cells starting with = + - @ would run as formulas in a spreadsheet: prefix them with an apostrophe.</summary>
    private static string Defuse(string value) => value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    /// <summary>The award certificate (获奖证书) of one winning entry.</summary>
    public byte[] Certificate(Contest contest, ContestEntry entry)
    {
        if (entry.Award is not { } award || contest.Status != ContestStatus.ResultsPublished)
            throw new ContestRuleException("Certificates exist for winners of published results only.");
        using var pdf = new PdfComposer(L["Award certificate"], $"{contest.Name} · {entry.Id.ToString("N")[..12].ToUpperInvariant()}");
        pdf.Title(L["Award certificate"])
            .Paragraph(contest.Name, 13)
            .Space(12)
            .Paragraph(L["This certifies that the project \"{0}\" of {1} has won the {2} of {3}.", entry.Title, entry.OrganizationName, L[award.Label()].Value, contest.Name], 12)
            .Space(8)
            .Fields(
            [
                (L["Award"], L[award.Label()]),
                (L["Rank"], entry.FinalRank?.ToString(CultureInfo.InvariantCulture) ?? ""),
                (L["Group"], entry.Group),
                (L["Organisation"], entry.OrganizationName),
                (L["Patents"], string.Join(", ", entry.PatentIds)),
                (L["Date"], (contest.ResultsPublishedAt ?? DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ])
            .Space(16)
            .Note(L["Issued by the contest's organisers on the Patent Navigation & Open Licensing platform."]);
        return pdf.ToArray();
    }
}
