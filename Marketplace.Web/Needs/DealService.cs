using System.Globalization;
using ClosedXML.Excel;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Needs;

/// <summary>A deal with what the board shows of its need.</summary>
public sealed record DealRow(Deal Deal, Need Need, string Enterprise, string? Operator);

/// <summary>The operators' pipeline: board, changes (each audited, the enterprise notified of stage changes), export.</summary>
public sealed class DealService(MarketplaceDbContext db, UserManager<MarketplaceUser> users, INotifier notifier, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<DealRow>> BoardAsync(Guid? assignedTo = null, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Deal>().AsNoTracking();
        if (assignedTo is { } a) query = query.Where(d => d.AssignedOperatorId == a);
        var rows = await query.Join(db.Set<Need>(), d => d.NeedId, n => n.Id, (d, n) => new { d, n })
            .Join(db.Organizations, x => x.n.OrganizationId, o => o.Id, (x, o) => new { x.d, x.n, o.Name })
            .ToListAsync(cancellationToken);
        var operators = await OperatorNamesAsync(cancellationToken);
        return rows.OrderBy(r => r.d.DueDate ?? DateTime.MaxValue).ThenByDescending(r => r.d.UpdatedAt)
            .Select(r => new DealRow(r.d, r.n, r.Name, r.d.AssignedOperatorId is { } id && operators.TryGetValue(id, out var name) ? name : null)).ToList();
    }

    public Task<Deal?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<Deal>().Include(d => d.History).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public Task<Deal?> ForNeedAsync(Guid needId, CancellationToken cancellationToken = default) =>
        db.Set<Deal>().AsNoTracking().FirstOrDefaultAsync(d => d.NeedId == needId, cancellationToken);

    /// <summary>Operators and administrators, by display name (for assignment).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OperatorNamesAsync(CancellationToken cancellationToken = default)
    {
        var staff = (await users.GetUsersInRoleAsync(PlatformRoles.Operator)).Concat(await users.GetUsersInRoleAsync(PlatformRoles.Administrator));
        return staff.DistinctBy(u => u.Id).ToDictionary(u => u.Id, u => u.DisplayName);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> PeopleNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public async Task MoveAsync(Deal deal, DealStage stage, Guid actorId, string? reason, CancellationToken cancellationToken = default)
    {
        deal.MoveTo(stage, actorId, Now, reason);
        await SavedStageChangeAsync(deal, cancellationToken);
    }

    public async Task AgreeAsync(Deal deal, AgreementKind kind, Guid? proposalId, Guid? licenseReference, string? contractNumber, Guid actorId, CancellationToken cancellationToken = default)
    {
        if (proposalId is { } p && !await db.Set<Proposal>().AnyAsync(x => x.Id == p && x.NeedId == deal.NeedId, cancellationToken))
            throw new NeedRuleException("The proposal does not answer this deal's need.");
        deal.Agree(kind, proposalId, licenseReference, contractNumber, actorId, Now);
        await SavedStageChangeAsync(deal, cancellationToken);
        if (proposalId is { } chosen)
        {
            var university = await db.Set<Proposal>().Where(x => x.Id == chosen).Select(x => x.OrganizationId).FirstAsync(cancellationToken);
            var title = await db.Set<Need>().Where(n => n.Id == deal.NeedId).Select(n => n.Title).FirstAsync(cancellationToken);
            await notifier.NotifyAsync(Recipient.Organization(university), "Your proposal for “{0}” was agreed.", $"/needs/{deal.NeedId}", title);
        }
    }

    private async Task SavedStageChangeAsync(Deal deal, CancellationToken cancellationToken)
    {
        var need = await db.Set<Need>().AsNoTracking().FirstAsync(n => n.Id == deal.NeedId, cancellationToken);
        var last = deal.History.OrderBy(h => h.At).Last();
        audit.Add(NeedAuditActions.DealChanged, need.OrganizationId, need.Title, $"{last.From} -> {last.To} {last.Text}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.NotifyAsync(Recipient.Organization(need.OrganizationId), "The brokering of your need “{0}” moved to: {1}.", $"/needs/{need.Id}",
            need.Title, DealLabels.Label(deal.Stage));
    }

    public async Task AssignAsync(Deal deal, Guid? operatorId, Guid actorId, CancellationToken cancellationToken = default)
    {
        if (operatorId is { } id && !(await OperatorNamesAsync(cancellationToken)).ContainsKey(id))
            throw new NeedRuleException("Deals are assigned to platform operators only.");
        deal.Assign(operatorId, actorId, Now);
        audit.Add(NeedAuditActions.DealChanged, null, deal.Id.ToString(), $"assigned {operatorId}");
        await db.SaveChangesAsync(cancellationToken);
        if (operatorId is { } assignee && assignee != actorId)
            await notifier.NotifyAsync(Recipient.User(assignee), "A deal was assigned to you.", $"/deals/{deal.Id}");
    }

    public async Task SetDueDateAsync(Deal deal, DateTime? due, Guid actorId, CancellationToken cancellationToken = default)
    {
        deal.SetDueDate(due, actorId, Now);
        audit.Add(NeedAuditActions.DealChanged, null, deal.Id.ToString(), $"due {due:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddNoteAsync(Deal deal, string text, Guid actorId, CancellationToken cancellationToken = default)
    {
        deal.AddNote(text, actorId, Now);
        audit.Add(NeedAuditActions.DealChanged, null, deal.Id.ToString(), "note");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly string[] ExportHeaders =
        ["Deal", "Need", "Enterprise", "Stage", "Agreement", "Contract number", "Licence reference", "Assigned operator", "Due date", "Updated (UTC)"];

    private static IEnumerable<object?[]> ExportRows(IReadOnlyList<DealRow> rows) => rows.Select(r => new object?[]
    {
        r.Deal.Id.ToString(), r.Need.Title, r.Enterprise, r.Deal.Stage.ToString(), r.Deal.Agreement?.ToString(), r.Deal.ContractNumber,
        r.Deal.LicenseReference?.ToString(), r.Operator, r.Deal.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Deal.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    });

    /// <summary>UTF-8 with BOM, so spreadsheet programs read the Chinese titles.</summary>
    public static byte[] ExportCsv(IReadOnlyList<DealRow> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = CsvHelper.CsvWriter.Create(writer, new CsvHelper.CsvWriterOptions(), leaveOpen: true))
        {
            foreach (var h in ExportHeaders) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in ExportRows(rows))
            {
                foreach (var v in row) csv.WriteField(v?.ToString() ?? "");
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    public static byte[] ExportExcel(IReadOnlyList<DealRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Deals");
        for (var c = 0; c < ExportHeaders.Length; c++) sheet.Cell(1, c + 1).Value = ExportHeaders[c];
        var r = 2;
        foreach (var row in ExportRows(rows))
        {
            for (var c = 0; c < row.Length; c++) sheet.Cell(r, c + 1).Value = row[c]?.ToString() ?? "";
            r++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

/// <summary>English labels (UI string keys) of the needs feature's enums.</summary>
public static class DealLabels
{
    public static string Label(DealStage stage) => stage switch
    {
        DealStage.New => "New",
        DealStage.Screened => "Screened",
        DealStage.Matched => "Matched",
        DealStage.Contacted => "Contacted",
        DealStage.Negotiating => "Negotiating",
        DealStage.Agreed => "Agreed",
        DealStage.Closed => "Closed",
        _ => "Lost",
    };

    public static string Label(AgreementKind kind) => kind switch
    {
        AgreementKind.License => "Licence",
        AgreementKind.Transfer => "Transfer",
        _ => "Joint project",
    };

    public static string Label(NeedOutcome outcome) => outcome switch
    {
        NeedOutcome.License => "Licence",
        NeedOutcome.Transfer => "Transfer",
        NeedOutcome.JointDevelopment => "Joint development",
        _ => "Commissioned research",
    };

    public static string Label(NeedVisibility visibility) => visibility switch
    {
        NeedVisibility.Public => "Public",
        NeedVisibility.OperatorsOnly => "Operators only",
        _ => "Invited universities only",
    };
}
