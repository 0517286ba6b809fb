using Marketplace.Web.Accounts;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Organizations;

/// <summary>
/// Organisation use cases over the database as unit of work. Authorisation is the caller's job
/// (resource-based, see <see cref="OrganizationOperations"/>); the entity refuses illegal transitions.
/// </summary>
public sealed class OrganizationService(MarketplaceDbContext db, AuditLog audit, INotifier notifier, TimeProvider clock, DisplayTime time, IStringLocalizer<SharedResource> L)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>With members, invitations and document metadata (not the document bytes).</summary>
    public Task<Organization?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Organizations.Include(o => o.Members).Include(o => o.Invitations).Include(o => o.Documents)
            .AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<(Organization Organization, OrganizationRole Role)>> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Memberships.Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { o, m.Role })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.o.Name, StringComparer.Ordinal).Select(r => (r.o, r.Role)).ToList();
    }

    public async Task<(Organization? Organization, string? Error)> CreateAsync(MarketplaceUser creator, string name, OrganizationType type, string creditCode)
    {
        if (!UnifiedSocialCreditCode.TryParse(creditCode, out var code, out var codeError)) return (null, codeError.Message());
        if (await db.Organizations.AnyAsync(o => o.CreditCode == code.Value))
            return (null, "An organisation with this unified social credit code is already registered.");
        var organization = Organization.Create(name, type, code, creator.Id, Now);
        db.Organizations.Add(organization);
        // The first organisation becomes the one the person acts for.
        if (creator.CurrentOrganizationId is null) creator.SwitchTo(organization);
        audit.Add(AuditActions.OrganizationCreated, organization.Id, organization.Name, $"{organization.Type} {organization.CreditCode}");
        await db.SaveChangesAsync();
        return (organization, null);
    }

    public async Task SwitchAsync(MarketplaceUser user, Organization organization)
    {
        user.SwitchTo(organization);
        audit.Add(AuditActions.OrganizationSwitched, organization.Id, organization.Name);
        await db.SaveChangesAsync();
    }

    public async Task<Invitation> InviteAsync(Organization organization, MarketplaceUser inviter, string email, OrganizationRole role, Func<string, string> acceptLink,
        bool byPlatformAdministrator = false)
    {
        var (invitation, token) = organization.Invite(email, role, inviter.Id, Now, byPlatformAdministrator && organization.MemberOf(inviter.Id) is null);
        audit.Add(AuditActions.MemberInvited, organization.Id, invitation.Email, role.ToString());
        await db.SaveChangesAsync();
        // E-mail only (the notifier's e-mail path): the invitee may have no account yet, and the link carries a token
        // that the database keeps only hashed, so it must not be stored in an in-app notice.
        await notifier.EmailAsync(invitation.Email, L["Invitation to join {0}", organization.Name], [
            L["Hello,"],
            L["{0} invites you to join {1} on the Patent Navigation & Open Licensing platform as {2}.", inviter.DisplayName, organization.Name, L[role.Label()].Value],
            L["To accept, open this link (register first with this e-mail address if you have no account yet):"],
            acceptLink(token),
            L["The invitation expires on {0}.", time.Show(invitation.ExpiresAt)]]);
        return invitation;
    }

    public async Task<(Organization Organization, Invitation Invitation)?> FindInvitationAsync(string token)
    {
        var hash = Organization.HashToken(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash);
        if (invitation is null) return null;
        var organization = await FindAsync(invitation.OrganizationId);
        return organization is null ? null : (organization, organization.Invitations.First(i => i.Id == invitation.Id));
    }

    public async Task<Membership> AcceptAsync(Organization organization, Invitation invitation, MarketplaceUser user)
    {
        var membership = organization.Accept(invitation, user.Id, user.Email!, Now);
        if (user.CurrentOrganizationId is null) user.SwitchTo(organization);
        audit.Add(AuditActions.InvitationAccepted, organization.Id, user.Email, membership.Role.ToString());
        await db.SaveChangesAsync();
        return membership;
    }

    public async Task ChangeRoleAsync(Organization organization, MarketplaceUser actor, Guid userId, OrganizationRole role, bool byPlatformAdministrator = false)
    {
        var before = organization.MemberOf(userId)?.Role;
        organization.ChangeRole(userId, role, actor.Id, byPlatformAdministrator);
        audit.Add(AuditActions.MemberRoleChanged, organization.Id, await EmailOfAsync(userId), $"{before} -> {role}");
        await db.SaveChangesAsync();
    }

    public async Task RemoveMemberAsync(Organization organization, MarketplaceUser actor, Guid userId, bool byPlatformAdministrator = false)
    {
        organization.RemoveMember(userId, actor.Id, byPlatformAdministrator);
        var removed = await db.Users.FirstOrDefaultAsync(u => u.Id == userId);
        removed?.LeftOrganization(organization.Id);
        audit.Add(AuditActions.MemberRemoved, organization.Id, removed?.Email ?? userId.ToString());
        await db.SaveChangesAsync();
    }

    public async Task LeaveAsync(Organization organization, MarketplaceUser user)
    {
        organization.Leave(user.Id);
        user.LeftOrganization(organization.Id);
        audit.Add(AuditActions.MemberLeft, organization.Id, user.Email);
        await db.SaveChangesAsync();
    }

    private async Task<string> EmailOfAsync(Guid userId) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync() ?? userId.ToString();

    public async Task AttachDocumentAsync(Organization organization, MarketplaceUser uploader, string fileName, string contentType, byte[] content)
    {
        var document = organization.AttachDocument(fileName, contentType, content, uploader.Id, Now);
        audit.Add(AuditActions.DocumentAttached, organization.Id, document.FileName, $"{document.Length} bytes");
        await db.SaveChangesAsync();
    }

    public Task<VerificationDocument?> FindDocumentAsync(Guid organizationId, Guid documentId) =>
        db.VerificationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.OrganizationId == organizationId && d.Id == documentId);

    /// <summary>The account number stays out of the audit trail (it is a log): only the payee and the bank are recorded.</summary>
    public async Task SetBankDetailsAsync(Organization organization, string payeeName, string bank, string accountNumber)
    {
        organization.SetBankDetails(payeeName, bank, accountNumber);
        audit.Add(AuditActions.BankDetailsChanged, organization.Id, organization.PayeeName, organization.PayeeBank);
        await db.SaveChangesAsync();
    }

    public async Task SubmitAsync(Organization organization)
    {
        organization.SubmitForVerification(Now);
        audit.Add(AuditActions.VerificationSubmitted, organization.Id, organization.Name);
        await db.SaveChangesAsync();
    }

    public async Task VerifyAsync(Organization organization, Guid operatorId)
    {
        organization.Verify(operatorId, Now);
        audit.Add(AuditActions.OrganizationVerified, organization.Id, organization.Name);
        await db.SaveChangesAsync();
    }

    public async Task RejectAsync(Organization organization, Guid operatorId, string reason)
    {
        organization.Reject(operatorId, reason, Now);
        audit.Add(AuditActions.OrganizationRejected, organization.Id, organization.Name, reason);
        await db.SaveChangesAsync();
    }

    /// <summary>For operators: pending first, then the rest, newest first; optionally filtered by name or code.</summary>
    public async Task<IReadOnlyList<Organization>> ListForReviewAsync(string? text, CancellationToken cancellationToken = default)
    {
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            var upper = t.ToUpperInvariant();
            query = query.Where(o => o.Name.Contains(t) || o.CreditCode.Contains(upper));
        }
        var list = await query.Take(500).ToListAsync(cancellationToken);
        return list.OrderBy(o => o.Verification == VerificationStatus.Pending ? 0 : 1).ThenByDescending(o => o.SubmittedAt ?? o.CreatedAt).ToList();
    }
}
