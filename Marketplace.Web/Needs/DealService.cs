using System.Globalization;
using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Exports;
using Marketplace.Web.Notifications;
using Marketplace.Web.Uploads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Needs;

/// <summary>A deal with what the board shows: its need (none for a contest lead), title and the party that wants something.</summary>
public sealed record DealRow(Deal Deal, Need? Need, string Title, string Enterprise, string? Operator);

/// <summary>A licence taken on the platform that an agreed licence may name: its reference, licensor, status.</summary>
public sealed record LicenceChoice(Guid Id, string Reference, string Licensor, Licensing.LicenseStatus Status, DateTime NotifiedAt);

/// <summary>The operators' pipeline: board, changes (each audited, the enterprise notified of stage changes), leads from contests, export.</summary>
public sealed class DealService(MarketplaceDbContext db, UserManager<MarketplaceUser> users, INotifier notifier, AuditLog audit, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DealOptions> options)
{

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<DealRow>> BoardAsync(Guid? assignedTo = null, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Deal>().AsNoTracking();
        if (assignedTo is { } a) query = query.Where(d => d.AssignedOperatorId == a);
        var deals = await query.ToListAsync(cancellationToken);
        var needIds = deals.Select(d => d.NeedId).OfType<Guid>().Distinct().ToList();
        var needs = await db.Set<Need>().AsNoTracking().Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var orgIds = needs.Values.Select(n => n.OrganizationId).Concat(deals.Select(d => d.InterestedOrganizationId).OfType<Guid>()).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var people = await PeopleNamesAsync(deals.Where(d => d.InterestedOrganizationId is null).Select(d => d.InterestedUserId).OfType<Guid>(), cancellationToken);
        var operators = await OperatorNamesAsync(cancellationToken);
        return deals.OrderBy(d => d.DueDate ?? DateTime.MaxValue).ThenByDescending(d => d.UpdatedAt)
            .Select(d =>
            {
                var need = d.NeedId is { } n && needs.TryGetValue(n, out var found) ? found : null;
                var party = need is not null ? orgs.GetValueOrDefault(need.OrganizationId, "")
                    : d.InterestedOrganizationId is { } org ? orgs.GetValueOrDefault(org, "")
                    : d.InterestedUserId is { } u ? people.GetValueOrDefault(u, "") : "";
                return new DealRow(d, need, need?.Title ?? d.Title, party, d.AssignedOperatorId is { } id && operators.TryGetValue(id, out var name) ? name : null);
            }).ToList();
    }

    /// <summary>
    /// The licensee and licensor a licence record must have to be this deal's agreement: a need's enterprise
    /// (and the chosen proposal's organisation), or a lead's interested organisation and the contest entrant.
    /// </summary>
    public async Task<(Guid? Licensee, Guid? Licensor)> PartiesAsync(Deal deal, Guid? proposalId, CancellationToken cancellationToken = default)
    {
        if (deal.NeedId is { } needId)
        {
            var enterprise = await db.Set<Need>().Where(n => n.Id == needId).Select(n => (Guid?)n.OrganizationId).FirstOrDefaultAsync(cancellationToken);
            var university = proposalId is { } p
                ? await db.Set<Proposal>().Where(x => x.Id == p).Select(x => (Guid?)x.OrganizationId).FirstOrDefaultAsync(cancellationToken)
                : null;
            return (enterprise, university);
        }
        var entrant = deal.ContestEntryId is { } entry
            ? await db.ContestEntries.Where(e => e.Id == entry).Select(e => (Guid?)e.OrganizationId).FirstOrDefaultAsync(cancellationToken)
            : null;
        return (deal.InterestedOrganizationId, entrant);
    }

    /// <summary>Licences (not cancelled) the deal's licensee took, newest first: what "agreed as licence" may name.</summary>
    public async Task<IReadOnlyList<LicenceChoice>> LicenceChoicesAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        var (licensee, _) = await PartiesAsync(deal, null, cancellationToken);
        if (licensee is null) return [];
        var rows = await db.LicenseOrders.AsNoTracking().Where(o => o.LicenseeOrganizationId == licensee && o.Status != Licensing.LicenseStatus.Cancelled)
            .Join(db.Organizations, o => o.LicensorOrganizationId, g => g.Id, (o, g) => new { o.Id, o.Reference, g.Name, o.Status, o.NotifiedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.NotifiedAt).Take(100).Select(r => new LicenceChoice(r.Id, r.Reference, r.Name, r.Status, r.NotifiedAt))];
    }

    /// <summary>The licence record of an agreed deal, with the parties' names, for the deal page's link.</summary>
    public async Task<LicenceChoice?> LicenceAsync(Guid? licenseOrderId, CancellationToken cancellationToken = default)
    {
        if (licenseOrderId is not { } id) return null;
        var row = await db.LicenseOrders.AsNoTracking().Where(o => o.Id == id)
            .Join(db.Organizations, o => o.LicensorOrganizationId, g => g.Id, (o, g) => new { o.Id, o.Reference, g.Name, o.Status, o.NotifiedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new LicenceChoice(row.Id, row.Reference, row.Name, row.Status, row.NotifiedAt);
    }

    /// <summary>Checks a licence record against the deal: it exists, was not cancelled, and is between the deal's parties. Returns its reference.</summary>
    private async Task<string> CheckLicenceAsync(Deal deal, Guid? proposalId, Guid licenseOrderId, CancellationToken cancellationToken)
    {
        var order = await db.LicenseOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == licenseOrderId, cancellationToken)
            ?? throw new NeedRuleException("The licence record was not found.");
        if (order.Status == Licensing.LicenseStatus.Cancelled) throw new NeedRuleException("The licence record was cancelled: choose a licence that was taken.");
        var (licensee, licensor) = await PartiesAsync(deal, proposalId, cancellationToken);
        if (licensee is null) throw new NeedRuleException("The interested party acts for no organisation, so no licence can be matched to it: record a contract instead.");
        if (order.LicenseeOrganizationId != licensee) throw new NeedRuleException("The licence record's licensee is not this deal's interested organisation.");
        if (licensor is { } l && order.LicensorOrganizationId != l) throw new NeedRuleException("The licence record's licensor is not the organisation the agreement is with.");
        return order.Reference;
    }

    /// <summary>Validates (PDF by content, size) and stores the signed contract outside the web root; returns the stored name.</summary>
    public async Task<string> StoreContractAsync(Stream content, long declaredLength, CancellationToken cancellationToken = default)
    {
        var (bytes, refusal) = await PdfUploads.ReadAsync(content, declaredLength, options.Value.MaxContractBytes, cancellationToken);
        return refusal switch
        {
            PdfRefusal.Empty => throw new NeedRuleException("The contract file is empty."),
            PdfRefusal.TooLarge => throw new NeedRuleException("The contract file may have at most 10 MB."),
            PdfRefusal.NotPdf => throw new NeedRuleException("The contract file must be a PDF."),
            _ => await PdfUploads.SaveAsync(options.Value.ContractsPath, bytes, cancellationToken),
        };
    }

    /// <summary>The stored contract, if the name is one this store made and the file is there.</summary>
    public Stream? OpenContract(string? storedName) => PdfUploads.Open(options.Value.ContractsPath, storedName);

    /// <summary>
    /// An observer's interest in a contest entry becomes (once) a lead at stage New, with the entry's patents and
    /// the observer's organisation as the interested party; a later change of the tags is noted in its history.
    /// The lead stays when the interest changes or goes: it has no foreign key to it.
    /// </summary>
    public async Task<Deal> LeadFromInterestAsync(Contests.ObserverInterest interest, Contests.ContestEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interest);
        ArgumentNullException.ThrowIfNull(entry);
        var existing = await db.Set<Deal>().Include(d => d.History).FirstOrDefaultAsync(d => d.ObserverInterestId == interest.Id, cancellationToken);
        if (existing is not null)
        {
            if (existing.InterestTags() != interest.Tags)
            {
                existing.InterestChanged(interest.Tags, interest.ObserverUserId, Now);
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing;
        }
        var organization = await ActingOrganizationAsync(interest.ObserverUserId, cancellationToken);
        var deal = Deal.OpenLead(interest.Id, entry.Id, entry.Title, entry.PatentIds, organization, interest.ObserverUserId, interest.Tags, Now);
        db.Add(deal);
        audit.Add(NeedAuditActions.DealChanged, organization, deal.Title, $"lead from contest interest {interest.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return deal;
    }

    /// <summary>The organisation the person acts for (their current choice if still a member, else their first membership).</summary>
    private async Task<Guid?> ActingOrganizationAsync(Guid userId, CancellationToken cancellationToken)
    {
        var current = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        var memberships = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.OrganizationId).ToListAsync(cancellationToken);
        return current is { } c && memberships.Contains(c) ? c : memberships.Count > 0 ? memberships.Min() : null;
    }

    /// <summary>The daily sweep: interests tagged before leads existed (or whose lead could not be made then) get theirs.</summary>
    public async Task<int> LeadsFromInterestsAsync(CancellationToken cancellationToken = default)
    {
        var missing = await db.ObserverInterests.AsNoTracking()
            .Where(i => !db.Set<Deal>().Any(d => d.ObserverInterestId == i.Id)).OrderBy(i => i.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var interest in missing)
        {
            if (await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == interest.EntryId, cancellationToken) is not { } entry) continue;
            await LeadFromInterestAsync(interest, entry, cancellationToken);
            made++;
        }
        return made;
    }

    public Task<Deal?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<Deal>().Include(d => d.History).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public Task<Deal?> ForNeedAsync(Guid needId, CancellationToken cancellationToken = default) =>
        db.Set<Deal>().AsNoTracking().FirstOrDefaultAsync(d => d.NeedId == needId, cancellationToken);

    public async Task<(Contests.ContestEntry? Entry, string? Organization)> LeadPartiesAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        var entry = deal.ContestEntryId is { } id ? await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) : null;
        var organization = deal.InterestedOrganizationId is { } org
            ? await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return (entry, organization);
    }

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

    public async Task AgreeAsync(Deal deal, AgreementKind kind, Guid? proposalId, Guid? licenseOrderId, ContractReference? contract, Guid actorId, CancellationToken cancellationToken = default)
    {
        if (proposalId is { } p && (deal.NeedId is null || !await db.Set<Proposal>().AnyAsync(x => x.Id == p && x.NeedId == deal.NeedId, cancellationToken)))
            throw new NeedRuleException("The proposal does not answer this deal's need.");
        var licenceReference = kind == AgreementKind.License && licenseOrderId is { } order ? await CheckLicenceAsync(deal, proposalId, order, cancellationToken) : null;
        deal.Agree(kind, proposalId, licenseOrderId, contract, actorId, Now, licenceReference);
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
        if (deal.NeedId is null)
        {
            // A lead has no enterprise to tell: the change is audited.
            var change = deal.History.OrderBy(h => h.At).Last();
            audit.Add(NeedAuditActions.DealChanged, deal.InterestedOrganizationId, deal.Title, $"{change.From} -> {change.To} {change.Text}");
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
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

    private static readonly TableExport<DealRow> ExportTable = new("Deals",
    [
        new("Deal", r => r.Deal.Id.ToString()),
        new("Need", r => r.Title),
        new("Enterprise", r => r.Enterprise),
        new("Stage", r => r.Deal.Stage.ToString()),
        new("Agreement", r => r.Deal.Agreement?.ToString()),
        new("Contract number", r => r.Deal.ContractNumber),
        new("Licence reference", r => r.Deal.LicenseOrderId?.ToString()),
        new("Assigned operator", r => r.Operator),
        new("Due date", r => r.Deal.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Updated (UTC)", r => r.Deal.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        new("Source", r => r.Deal.Source.ToString()),
        new("Contract signed on", r => r.Deal.ContractSignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    ]);

    /// <summary>UTF-8 with BOM, so spreadsheet programs read the Chinese titles.</summary>
    public static byte[] ExportCsv(IReadOnlyList<DealRow> rows) => ExportTable.ToArray(TableFormat.Csv, rows);

    public static byte[] ExportExcel(IReadOnlyList<DealRow> rows) => ExportTable.ToArray(TableFormat.Xlsx, rows);
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

    public static string Label(DealSource source) => source == DealSource.Need ? "Technical need" : "Contest observer's interest";

    public static string Label(NeedVisibility visibility) => visibility switch
    {
        NeedVisibility.Public => "Public",
        NeedVisibility.OperatorsOnly => "Operators only",
        _ => "Invited universities only",
    };
}
