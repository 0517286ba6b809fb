using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Needs;

/// <summary>A deal with what the board shows: its need (none for a contest lead), title and the party that wants something.</summary>
public sealed record DealRow(Deal Deal, Need? Need, string Title, string Enterprise, string? Operator);

/// <summary>A licence taken on the platform that an agreed licence may name: its reference, licensor, status.</summary>
public sealed record LicenseChoice(Guid Id, string Reference, string Licensor, Licensing.LicenseStatus Status, DateTime NotifiedAt);

/// <summary>
/// The operators' pipeline: board, stage changes and agreement (each audited, the enterprise notified of stage changes),
/// assignment, due dates and notes. Signed contracts are kept by <see cref="DealContracts"/>, the board is exported by
/// <see cref="DealExport"/>, and leads come from contest observers through <see cref="ContestLeads"/>.
/// </summary>
public sealed class DealService(MarketplaceDbContext db, UserManager<MarketplaceUser> users, PeopleDirectory directory, INotifier notifier, AuditLog audit, TimeProvider clock)
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
        var people = await directory.FindAsync(deals.Where(d => d.InterestedOrganizationId is null).Select(d => d.InterestedUserId).OfType<Guid>(), cancellationToken);
        var operators = await OperatorNamesAsync(cancellationToken);
        return deals.OrderBy(d => d.DueDate ?? DateTime.MaxValue).ThenByDescending(d => d.UpdatedAt)
            .Select(d =>
            {
                var need = d.NeedId is { } n && needs.TryGetValue(n, out var found) ? found : null;
                var party = need is not null ? orgs.GetValueOrDefault(need.OrganizationId, "")
                    : d.InterestedOrganizationId is { } org ? orgs.GetValueOrDefault(org, "")
                    : d.InterestedUserId is { } u && people.TryGetValue(u, out var person) ? person.Name : "";
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
    public async Task<IReadOnlyList<LicenseChoice>> LicenseChoicesAsync(Deal deal, CancellationToken cancellationToken = default)
    {
        var (licensee, _) = await PartiesAsync(deal, null, cancellationToken);
        if (licensee is null) return [];
        var rows = await db.LicenseOrders.AsNoTracking().Where(o => o.LicenseeOrganizationId == licensee && o.Status != Licensing.LicenseStatus.Cancelled)
            .Join(db.Organizations, o => o.LicensorOrganizationId, g => g.Id, (o, g) => new { o.Id, o.Reference, g.Name, o.Status, o.NotifiedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.NotifiedAt).Take(100).Select(r => new LicenseChoice(r.Id, r.Reference, r.Name, r.Status, r.NotifiedAt))];
    }

    /// <summary>The licence record of an agreed deal, with the parties' names, for the deal page's link.</summary>
    public async Task<LicenseChoice?> LicenseAsync(Guid? licenseOrderId, CancellationToken cancellationToken = default)
    {
        if (licenseOrderId is not { } id) return null;
        var row = await db.LicenseOrders.AsNoTracking().Where(o => o.Id == id)
            .Join(db.Organizations, o => o.LicensorOrganizationId, g => g.Id, (o, g) => new { o.Id, o.Reference, g.Name, o.Status, o.NotifiedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new LicenseChoice(row.Id, row.Reference, row.Name, row.Status, row.NotifiedAt);
    }

    /// <summary>Checks a licence record against the deal: it exists, was not cancelled, and is between the deal's parties. Returns its reference.</summary>
    private async Task<string> CheckLicenseAsync(Deal deal, Guid? proposalId, Guid licenseOrderId, CancellationToken cancellationToken)
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

    public async Task MoveAsync(Deal deal, DealStage stage, Guid actorId, string? reason, CancellationToken cancellationToken = default)
    {
        deal.MoveTo(stage, actorId, Now, reason);
        await SavedStageChangeAsync(deal, cancellationToken);
    }

    public async Task AgreeAsync(Deal deal, AgreementKind kind, Guid? proposalId, Guid? licenseOrderId, ContractReference? contract, Guid actorId, CancellationToken cancellationToken = default)
    {
        if (proposalId is { } p && (deal.NeedId is null || !await db.Set<Proposal>().AnyAsync(x => x.Id == p && x.NeedId == deal.NeedId, cancellationToken)))
            throw new NeedRuleException("The proposal does not answer this deal's need.");
        var licenseReference = kind == AgreementKind.License && licenseOrderId is { } order ? await CheckLicenseAsync(deal, proposalId, order, cancellationToken) : null;
        deal.Agree(kind, proposalId, licenseOrderId, contract, actorId, Now, licenseReference);
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
}
