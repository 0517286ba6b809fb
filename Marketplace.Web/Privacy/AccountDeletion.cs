using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Marketplace.Web.Privacy;

/// <summary>Why an account was not deleted; <see cref="AccountDeletion.Blockers"/> names the organisations.</summary>
public enum DeletionRefusal
{
    None,
    WrongPassword,
    /// <summary>Staff sign in with two factors, so deleting a staff account asks for the code too.</summary>
    WrongAuthenticatorCode,
    /// <summary>The only owner of an organisation that still has members or open obligations.</summary>
    OnlyOwner,
    /// <summary>Too many wrong passwords or codes, here or at sign-in: the account's lockout applies to deletion too.</summary>
    LockedOut,
}

/// <summary>An organisation the person alone owns and cannot leave without someone to answer for what is open.</summary>
public sealed record OwnershipBlocker(string Organization, int OtherMembers, int OpenDeclarations, int OpenLicences, int OpenNeeds);

/// <summary>What a deletion kept, and under which pseudonym.</summary>
public sealed record DeletionOutcome(DeletionRefusal Refusal, IReadOnlyList<OwnershipBlocker> Blockers, string? Pseudonym = null,
    int KeptLicences = 0, int KeptDeclarations = 0, int KeptAuditEntries = 0)
{
    public bool Deleted => Refusal == DeletionRefusal.None;
}

/// <summary>
/// Deletes a person's account (PIPL Art. 47) as far as the law lets it. What other laws make the platform keep stays,
/// tied to the same account id so contracts, payments and the audit trail still agree, but under a pseudonym: the
/// licences and declarations the person made (contract and accounting records), the audit entries (the Cybersecurity
/// Law's log retention), contest scores and brokered deals. Everything else is erased: memberships, saved searches and
/// collections, notifications and preferences, open invitations, sign-in tokens, phone, password and authenticator key.
/// The account row itself stays (the kept records point at it; no schema change is needed) with its name and e-mail
/// replaced, no password, and locked out for good, so nobody can sign in to it or register its pseudonym.
/// </summary>
public sealed class AccountDeletion(
    MarketplaceDbContext db,
    UserManager<MarketplaceUser> users,
    AuditLog audit,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations)
{
    public const string PseudonymDomain = "deleted.invalid";

    public static string PseudonymFor(Guid userId) => $"deleted-{userId.ToString("N")[..12]}";

    public async Task<bool> NeedsAuthenticatorCodeAsync(MarketplaceUser user) =>
        (await users.GetRolesAsync(user)).Any(r => PlatformRoles.All.Contains(r));

    /// <summary>The organisations the person is the only owner of that still have members or something open.</summary>
    public async Task<IReadOnlyList<OwnershipBlocker>> BlockersAsync(Guid userId, CancellationToken ct = default)
    {
        var owned = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.Role == OrganizationRole.Owner)
            .Select(m => m.OrganizationId).ToListAsync(ct);
        var blockers = new List<OwnershipBlocker>();
        foreach (var organizationId in owned)
        {
            var owners = await db.Memberships.CountAsync(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner, ct);
            if (owners > 1) continue;
            var others = await db.Memberships.CountAsync(m => m.OrganizationId == organizationId && m.UserId != userId, ct);
            var declarations = await db.OpenLicenseDeclarations.CountAsync(d => d.OrganizationId == organizationId
                && (d.Status == DeclarationStatus.Submitted || d.Status == DeclarationStatus.Published), ct);
            var licences = await db.LicenseOrders.CountAsync(o => (o.LicensorOrganizationId == organizationId || o.LicenseeOrganizationId == organizationId)
                && (o.Status == LicenseStatus.Notified || o.Status == LicenseStatus.Effective), ct);
            var needs = await db.Needs.CountAsync(n => n.OrganizationId == organizationId && n.Status == NeedStatus.Open, ct);
            if (others + declarations + licences + needs == 0) continue;
            var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
            blockers.Add(new OwnershipBlocker(name, others, declarations, licences, needs));
        }
        return blockers;
    }

    public async Task<DeletionOutcome> DeleteAsync(MarketplaceUser user, string password, string? authenticatorCode, CancellationToken ct = default)
    {
        // The password and code are checked as at sign-in: each wrong one counts towards the lockout, so this form cannot
        // be used to guess a password that the sign-in page would have stopped after five tries.
        if (await users.IsLockedOutAsync(user)) return new(DeletionRefusal.LockedOut, []);
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.AccessFailedAsync(user);
            return new(await users.IsLockedOutAsync(user) ? DeletionRefusal.LockedOut : DeletionRefusal.WrongPassword, []);
        }
        if (await NeedsAuthenticatorCodeAsync(user)
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(authenticatorCode)))
        {
            await users.AccessFailedAsync(user);
            return new(await users.IsLockedOutAsync(user) ? DeletionRefusal.LockedOut : DeletionRefusal.WrongAuthenticatorCode, []);
        }
        await users.ResetAccessFailedCountAsync(user);
        var blockers = await BlockersAsync(user.Id, ct);
        if (blockers.Count > 0) return new(DeletionRefusal.OnlyOwner, blockers);

        var me = user.Id;
        var email = user.Email ?? "";
        var normalizedEmail = email.ToLowerInvariant();
        var pseudonym = PseudonymFor(me);
        var pseudonymEmail = $"{pseudonym}@{PseudonymDomain}";

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Erased: what only served the person.
        var searchIds = db.SavedSearches.Where(s => s.UserId == me).Select(s => s.Id);
        await db.SavedSearchSeen.Where(s => searchIds.Contains(s.SavedSearchId)).ExecuteDeleteAsync(ct);
        await db.SavedSearches.Where(s => s.UserId == me).ExecuteDeleteAsync(ct);
        var collectionIds = db.PatentCollections.Where(c => c.UserId == me).Select(c => c.Id);
        await db.PatentCollectionItems.Where(i => collectionIds.Contains(i.CollectionId)).ExecuteDeleteAsync(ct);
        await db.PatentCollections.Where(c => c.UserId == me).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == me).ExecuteDeleteAsync(ct);
        await db.NotificationPreferences.Where(p => p.UserId == me).ExecuteDeleteAsync(ct);
        await db.Memberships.Where(m => m.UserId == me).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.Email == normalizedEmail && i.AcceptedAt == null).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == me).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == me).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == me).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => r.UserId == me).ExecuteDeleteAsync(ct);

        // Kept under the pseudonym: records other laws make the platform keep, which name the person in text.
        var keptAudit = await db.AuditEntries.Where(e => e.UserName == email).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, pseudonymEmail), ct);
        keptAudit += await db.AuditEntries.Where(e => e.Subject == email).ExecuteUpdateAsync(s => s.SetProperty(e => e.Subject, pseudonymEmail), ct);
        await db.ContestParticipants.Where(p => p.UserId == me).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, pseudonymEmail), ct);
        await db.LoadJobs.Where(j => j.RequestedBy == me).ExecuteUpdateAsync(s => s.SetProperty(j => j.RequestedByName, pseudonym), ct);
        var keptLicences = await db.LicenseOrders.CountAsync(o => o.RequestedBy == me, ct);
        var keptDeclarations = await db.OpenLicenseDeclarations.CountAsync(d => d.CreatedBy == me, ct);

        user.LeftOrganization(user.CurrentOrganizationId ?? Guid.Empty);
        user.Rename(pseudonym);
        user.UserName = pseudonymEmail;
        user.Email = pseudonymEmail;
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        // A new stamp ends every other session of the account at its next validation.
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException("The account could not be pseudonymised: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        await users.UpdateSecurityStampAsync(user);

        await foreach (var token in tokens.FindBySubjectAsync(me.ToString(), ct)) await tokens.TryRevokeAsync(token, ct);
        await foreach (var authorization in authorizations.FindBySubjectAsync(me.ToString(), ct)) await authorizations.TryRevokeAsync(authorization, ct);

        await audit.WriteAsync(AuditActions.AccountDeleted, subject: pseudonymEmail,
            detail: $"kept under the pseudonym: {keptLicences} licences, {keptDeclarations} declarations, {keptAudit} audit entries", userId: me, userName: pseudonymEmail, cancellationToken: ct);
        await transaction.CommitAsync(ct);
        return new(DeletionRefusal.None, [], pseudonym, keptLicences, keptDeclarations, keptAudit);
    }

    private static string Digits(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
