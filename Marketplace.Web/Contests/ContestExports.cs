using System.Globalization;
using Analytics.Documents;
using Marketplace.Web.Exports;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Contests;

/// <summary>Results and leads as CSV or Excel (through <see cref="TableExport{T}"/>, the sheet named after the contest), and a PDF certificate per winner.</summary>
public sealed class ContestExports(IStringLocalizer<SharedResource> L)
{
    public byte[] Results(Contest contest, IReadOnlyList<ContestEntry> entries, string? format)
    {
        var table = new TableExport<ContestEntry>(contest.Name,
        [
            new(L["Rank"], e => TableCell.Of(e.FinalRank, "0")),
            new(L["Award"], e => e.Award is { } a ? L[a.Label()].Value : ""),
            new(L["Project"], e => e.Title),
            new(L["Organisation"], e => e.OrganizationName),
            new(L["Group"], e => e.Group),
            new(L["Patents"], e => string.Join(" ", e.PatentIds)),
            new(L["Stage reached"], e => StageName(contest, e.StageReached)),
        ]);
        return table.ToArray(Format(format), entries.Where(e => e.Eligible).OrderBy(e => e.FinalRank ?? int.MaxValue).ThenByDescending(e => e.StageReached).ThenBy(e => e.Title, StringComparer.Ordinal));
    }

    public byte[] Leads(Contest contest, IReadOnlyList<Lead> leads, string? format)
    {
        var table = new TableExport<Lead>(contest.Name,
        [
            new(L["Project"], l => l.Entry),
            new(L["Organisation"], l => l.Organization),
            new(L["Patents"], l => l.Patents),
            new(L["Observer"], l => l.Observer),
            new(L["E-mail"], l => l.ObserverEmail),
            new(L["Interest tags"], l => l.Tags),
            new(L["Note"], l => l.Note),
            new(L["Tagged at (UTC)"], l => l.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        ]);
        return table.ToArray(Format(format), leads);
    }

    /// <summary>"xlsx" asks for Excel; anything else gets CSV, as the pages' links have always done.</summary>
    public static TableFormat Format(string? format) => format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv;

    private string StageName(Contest contest, int order) => contest.Stages.FirstOrDefault(s => s.Order == order) is { } s ? L[s.Name].Value : "";

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
