using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;

namespace Marketplace.Web.Licensing;

/// <summary>Fees of comparable published declarations (same industry chain or IPC subclass).</summary>
public sealed record PriceGuidance(int Comparables, decimal? MedianLumpSumYuan, decimal? MinLumpSumYuan, decimal? MaxLumpSumYuan, decimal? MedianRoyaltyPercent)
{
    public static readonly PriceGuidance None = new(0, null, null, null, null);
}

/// <summary>What a save of the terms did to the fee and the term, so the page can say it explicitly.</summary>
public sealed record TermsChange(LicenseFee FeeBefore, LicenseFee FeeAfter, int TermYearsBefore, int TermYearsAfter)
{
    public bool FeeChanged => FeeBefore != FeeAfter;

    public bool TermChanged => TermYearsBefore != TermYearsAfter;
}

/// <summary>Declarations from draft to withdrawal, and what publication writes into the patent index.</summary>
public sealed class DeclarationService(
    MarketplaceDbContext db,
    IPatentIndex index,
    IPatentOwnership ownership,
    IndexLabelWriter labels,
    INotifier notifier,
    AuditLog audit,
    TimeProvider clock,
    IOptions<LicensingOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public Task<OpenLicenseDeclaration?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.OpenLicenseDeclarations.Include(d => d.Patents).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public Task<List<OpenLicenseDeclaration>> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.OpenLicenseDeclarations.Include(d => d.Patents).Where(d => d.OrganizationId == organizationId).OrderByDescending(d => d.CreatedAt).ToListAsync(cancellationToken);

    public Task<List<OpenLicenseDeclaration>> AwaitingReviewAsync(CancellationToken cancellationToken = default) =>
        db.OpenLicenseDeclarations.Include(d => d.Patents).Where(d => d.Status == DeclarationStatus.Submitted).OrderBy(d => d.SubmittedAt).ToListAsync(cancellationToken);

    /// <summary>A draft for patents the organisation owns (one patent or a package under the same terms).</summary>
    public async Task<OpenLicenseDeclaration> CreateDraftAsync(Organization organization, Guid userId, IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken = default)
    {
        if (patentIds.Count == 0) throw new LicensingRuleException("Select at least one patent.");
        if (patentIds.Count > OpenLicenseDeclaration.MaxPatents) throw new LicensingRuleException("A declaration holds at most {0} patents.", OpenLicenseDeclaration.MaxPatents);
        var records = await index.GetManyAsync(patentIds, cancellationToken);
        var declaration = OpenLicenseDeclaration.Create(organization.Id, organization.Name, userId, Now);
        var ownNames = await OwnNamesAsync(declaration, patentIds, cancellationToken);
        foreach (var id in patentIds.Distinct(StringComparer.Ordinal))
        {
            if (!records.TryGetValue(id, out var record)) throw new LicensingRuleException("Patent {0} is not in the index.", id);
            var answer = await ownership.CheckAsync(organization, record, cancellationToken);
            if (!answer.Owns) throw new LicensingRuleException("Patent {0} is not the organisation's: {1}", id, answer);
            declaration.AddPatent(PatentFacts.From(record, [.. ownNames, answer.MatchedName, .. answer.SucceededApplicants]));
        }
        db.OpenLicenseDeclarations.Add(declaration);
        audit.Add(LicensingAuditActions.DeclarationDrafted, organization.Id, declaration.Id.ToString(), string.Join(",", patentIds));
        await db.SaveChangesAsync(cancellationToken);
        return declaration;
    }

    public async Task<TermsChange> SaveTermsAsync(OpenLicenseDeclaration declaration, LicenseFee fee, int termYears, string? otherTerms, PaymentChannel channel, string? territory,
        PatenteeAttestations attestations, CancellationToken cancellationToken = default)
    {
        // Without Stripe a licensee could never pay an online licence: the site offers bank transfer only.
        if (channel == PaymentChannel.Online && !options.Value.OnlinePaymentConfigured)
            throw new LicensingRuleException("Online payment is not available on this site (Stripe is not set up): choose bank transfer.");
        var (feeBefore, termBefore) = (declaration.Fee, declaration.TermYears);
        declaration.SetTerms(fee, termYears, otherTerms, channel, territory, attestations);
        await db.SaveChangesAsync(cancellationToken);
        return new TermsChange(feeBefore, declaration.Fee, termBefore, declaration.TermYears);
    }

    public async Task AttachReportAsync(OpenLicenseDeclaration declaration, string patentId, string storedName, long length, CancellationToken cancellationToken = default)
    {
        declaration.AttachEvaluationReport(patentId, storedName, length);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The checks as they stand now, with the index's current facts: exactly what <see cref="SubmitAsync"/> will
    /// decide, so a checklist that passes is never followed by a refused submission.
    /// </summary>
    public async Task<DeclarationCheck> CheckAsync(OpenLicenseDeclaration declaration, CancellationToken cancellationToken = default)
    {
        var (exclusive, accountReady) = await PrepareCheckAsync(declaration, cancellationToken);
        return declaration.Check(Today, exclusive, accountReady);
    }

    public async Task<DeclarationCheck> SubmitAsync(OpenLicenseDeclaration declaration, CancellationToken cancellationToken = default)
    {
        var (exclusive, accountReady) = await PrepareCheckAsync(declaration, cancellationToken);
        var check = declaration.Submit(Today, exclusive, Now, accountReady);
        audit.Add(LicensingAuditActions.DeclarationSubmitted, declaration.OrganizationId, declaration.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    public async Task PublishAsync(OpenLicenseDeclaration declaration, Guid reviewer, string reference, DateOnly publishedOn, CancellationToken cancellationToken = default)
    {
        if (await db.OpenLicenseDeclarations.AnyAsync(d => d.PublicationReference == reference.Trim() && d.Id != declaration.Id, cancellationToken))
            throw new LicensingRuleException("The publication reference {0} is already used.", reference.Trim());
        declaration.Publish(reviewer, reference, publishedOn, Now);
        audit.Add(LicensingAuditActions.DeclarationPublished, declaration.OrganizationId, declaration.Id.ToString(), reference);
        await notifier.QueueAsync(Recipient.Organization(declaration.OrganizationId), "Your open licence declaration was published.", $"/licensing/declarations/{declaration.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await labels.RefreshAsync<OpenLicenseLabel>(declaration.Patents.Select(p => p.PatentId), cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    public async Task SendBackAsync(OpenLicenseDeclaration declaration, Guid reviewer, string reasons, CancellationToken cancellationToken = default)
    {
        declaration.SendBack(reviewer, reasons, Now);
        audit.Add(LicensingAuditActions.DeclarationSentBack, declaration.OrganizationId, declaration.Id.ToString(), reasons);
        await notifier.QueueAsync(Recipient.Organization(declaration.OrganizationId), "Your open licence declaration was sent back: see the reasons.", $"/licensing/declarations/{declaration.Id}");
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
    }

    /// <summary>Withdraws in writing; licences already granted stay valid; the index loses the label unless another published declaration covers the patent.</summary>
    public async Task WithdrawAsync(OpenLicenseDeclaration declaration, string reason, CancellationToken cancellationToken = default)
    {
        declaration.Withdraw(reason, Now);
        audit.Add(LicensingAuditActions.DeclarationWithdrawn, declaration.OrganizationId, declaration.Id.ToString(), reason);
        await db.SaveChangesAsync(cancellationToken);
        await labels.RefreshAsync<OpenLicenseLabel>(declaration.Patents.Select(p => p.PatentId), cancellationToken);
    }

    /// <summary>Records an exclusive or sole licence granted outside the marketplace; refused while a declaration stands.</summary>
    public async Task<ExclusiveLicenseRecord> RecordExclusiveAsync(Guid organizationId, string patentId, ExclusiveKind kind, string licensee, DateOnly startsOn, DateOnly endsOn,
        CancellationToken cancellationToken = default)
    {
        var covering = await db.OpenLicenseDeclarations.Include(d => d.Patents)
            .Where(d => d.Patents.Any(p => p.PatentId == patentId)).ToListAsync(cancellationToken);
        var record = ExclusiveLicenseRecord.Record(organizationId, patentId, kind, licensee, startsOn, endsOn, covering, Now);
        db.ExclusiveLicenseRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>Published declarations for the catalogue, newest first, with optional filters.</summary>
    public async Task<IReadOnlyList<OpenLicenseDeclaration>> CatalogueAsync(FeeKind? kind, decimal? maxUpfrontYuan, string? text, CancellationToken cancellationToken = default)
    {
        var query = db.OpenLicenseDeclarations.Include(d => d.Patents).Where(d => d.Status == DeclarationStatus.Published);
        if (kind is { } k) query = query.Where(d => d.Fee.Kind == k);
        var list = await query.ToListAsync(cancellationToken);
        // Money and text filters in memory: SQLite has no decimal comparison, and the catalogue is small.
        if (maxUpfrontYuan is { } max) list = [.. list.Where(d => d.Fee.UpfrontYuan <= max)];
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            list = [.. list.Where(d => d.PatenteeName.Contains(t, StringComparison.OrdinalIgnoreCase)
                || d.Patents.Any(p => p.Title.Contains(t, StringComparison.OrdinalIgnoreCase) || p.PatentId.Contains(t, StringComparison.OrdinalIgnoreCase)))];
        }
        return [.. list.OrderByDescending(d => d.PublishedOn).ThenBy(d => d.PublicationReference)];
    }

    /// <summary>The published declaration that currently offers a patent, if any (for the patent page and search).</summary>
    public Task<OpenLicenseDeclaration?> PublishedForPatentAsync(string patentId, CancellationToken cancellationToken = default) =>
        db.OpenLicenseDeclarations.Include(d => d.Patents)
            .FirstOrDefaultAsync(d => d.Status == DeclarationStatus.Published && d.Patents.Any(p => p.PatentId == patentId), cancellationToken);

    /// <summary>Fees of other published declarations in the same chain or IPC subclass.</summary>
    public async Task<PriceGuidance> GuidanceAsync(OpenLicenseDeclaration declaration, CancellationToken cancellationToken = default)
    {
        var chains = declaration.Patents.Select(p => p.Chain).Where(c => c is not null).ToHashSet();
        var subclasses = declaration.Patents.Select(p => p.IpcSubclass).Where(c => c is not null).ToHashSet();
        if (chains.Count == 0 && subclasses.Count == 0) return PriceGuidance.None;
        var comparables = await db.OpenLicenseDeclarations.Include(d => d.Patents)
            .Where(d => d.Status == DeclarationStatus.Published && d.Id != declaration.Id
                && d.Patents.Any(p => chains.Contains(p.Chain) || subclasses.Contains(p.IpcSubclass)))
            .ToListAsync(cancellationToken);
        var lumps = comparables.Where(d => d.Fee.Kind == FeeKind.LumpSum && d.Fee.AmountYuan is not null).Select(d => d.Fee.AmountYuan!.Value).Order().ToList();
        var rates = comparables.Where(d => d.Fee.HasRoyalty && d.Fee.RoyaltyPercent is not null).Select(d => d.Fee.RoyaltyPercent!.Value).Order().ToList();
        return new PriceGuidance(comparables.Count, Median(lumps), lumps.Count > 0 ? lumps[0] : null, lumps.Count > 0 ? lumps[^1] : null, Median(rates));
    }

    private static decimal? Median(List<decimal> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>
    /// The one preparation both the checklist and the submission use: the index's current facts for an editable
    /// declaration (co-owners counted against all of the organisation's own names), then what the checks read
    /// from the database.
    /// </summary>
    private async Task<(IReadOnlySet<string> Exclusive, bool AccountReady)> PrepareCheckAsync(OpenLicenseDeclaration declaration, CancellationToken cancellationToken)
    {
        if (declaration.IsEditable)
        {
            var ids = declaration.Patents.Select(p => p.PatentId).ToList();
            var records = await index.GetManyAsync(ids, cancellationToken);
            var ownNames = await OwnNamesAsync(declaration, ids, cancellationToken);
            var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == declaration.OrganizationId, cancellationToken);
            var facts = new Dictionary<string, PatentFacts>(StringComparer.Ordinal);
            foreach (var (id, record) in records)
            {
                // An acquired patent's former applicants are the patentee's predecessors, not co-owners who must consent.
                IReadOnlyList<string> succeeded = organization is null ? [] : (await ownership.CheckAsync(organization, record, cancellationToken)).SucceededApplicants;
                facts[id] = PatentFacts.From(record, [.. ownNames, .. succeeded]);
            }
            declaration.RefreshFacts(facts);
        }
        return await ContextAsync(declaration, cancellationToken);
    }

    /// <summary>
    /// The names the patentee appears under as applicant: its registered name, the name variants it registered,
    /// and the applicant names of its approved portfolio claims to these patents. An applicant under one of them is
    /// the patentee itself, never a co-owner.
    /// </summary>
    private async Task<IReadOnlyList<string?>> OwnNamesAsync(OpenLicenseDeclaration declaration, IReadOnlyCollection<string> patentIds, CancellationToken cancellationToken)
    {
        var registered = await db.Organizations.Where(o => o.Id == declaration.OrganizationId).Select(o => o.Name).ToListAsync(cancellationToken);
        var variants = await db.OrganizationNameVariants.Where(v => v.OrganizationId == declaration.OrganizationId).Select(v => v.Name).ToListAsync(cancellationToken);
        var claimed = await db.PortfolioClaims
            .Where(c => c.OrganizationId == declaration.OrganizationId && c.Status == ClaimStatus.Approved && patentIds.Contains(c.PatentId))
            .Select(c => c.MatchedName).ToListAsync(cancellationToken);
        return [declaration.PatenteeName, .. registered, .. variants, .. claimed];
    }

    private async Task<(IReadOnlySet<string> Exclusive, bool AccountReady)> ContextAsync(OpenLicenseDeclaration declaration, CancellationToken cancellationToken)
    {
        var ids = declaration.Patents.Select(p => p.PatentId).ToList();
        var records = await db.ExclusiveLicenseRecords.Where(r => ids.Contains(r.PatentId)).ToListAsync(cancellationToken);
        var exclusive = records.Where(r => r.InForceOn(Today)).Select(r => r.PatentId).ToHashSet(StringComparer.Ordinal);
        var accountReady = await db.PayoutAccounts.AnyAsync(a => a.OrganizationId == declaration.OrganizationId, cancellationToken);
        return (exclusive, accountReady);
    }
}

public static class LicensingAuditActions
{
    public const string DeclarationDrafted = "licensing.declaration.drafted";
    public const string DeclarationSubmitted = "licensing.declaration.submitted";
    public const string DeclarationPublished = "licensing.declaration.published";
    public const string DeclarationSentBack = "licensing.declaration.sent-back";
    public const string DeclarationWithdrawn = "licensing.declaration.withdrawn";
    public const string LicenseNotified = "licensing.license.notified";
    public const string LicensePaid = "licensing.license.paid";
    public const string LicenseRecorded = "licensing.license.recorded";
    public const string RoyaltyPaid = "licensing.royalty.paid";
    public const string Reconciled = "licensing.payments.reconciled";
}
