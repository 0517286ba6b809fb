using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Web.Organizations;

/// <summary>
/// A university, research institute, enterprise, IP service agency or government office, identified
/// by its unified social credit code. Guards its members (always at least one owner), its invitations
/// and its verification (unverified → pending → verified, or rejected and submitted again).
/// </summary>
public sealed class Organization
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public const long MaxDocumentBytes = 5 * 1024 * 1024;

    private readonly List<Membership> _members = [];
    private readonly List<Invitation> _invitations = [];
    private readonly List<VerificationDocument> _documents = [];

    private Organization(Guid id, string name, OrganizationType type, string creditCode, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Type = type;
        CreditCode = creditCode;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public OrganizationType Type { get; private set; }

    /// <summary>统一社会信用代码, canonical upper case; unique.</summary>
    public string CreditCode { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public VerificationStatus Verification { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    /// <summary>Why an operator rejected the organisation (shown to its members).</summary>
    public string? ReviewNote { get; private set; }

    /// <summary>Who bank transfers for this organisation's licences are paid to (收款人户名); null until an owner or admin gives it.</summary>
    public string? PayeeName { get; private set; }

    /// <summary>The payee's bank and branch (开户行).</summary>
    public string? PayeeBank { get; private set; }

    /// <summary>The payee's account number, digits only. Shown to licensees who owe a transfer; never logged or audited.</summary>
    public string? PayeeAccountNumber { get; private set; }

    public bool HasBankDetails => PayeeAccountNumber is not null;

    public IReadOnlyCollection<Membership> Members => _members;

    public IReadOnlyCollection<Invitation> Invitations => _invitations;

    public IReadOnlyCollection<VerificationDocument> Documents => _documents;

    /// <summary>A new organisation with its creator as owner.</summary>
    public static Organization Create(string name, OrganizationType type, UnifiedSocialCreditCode creditCode, Guid ownerUserId, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new OrganizationRuleException("An organisation needs a name.");
        if (!Enum.IsDefined(type)) throw new OrganizationRuleException("Unknown organisation type.");
        var organization = new Organization(Guid.CreateVersion7(), name.Trim(), type, creditCode.Value, now);
        organization._members.Add(new Membership(organization.Id, ownerUserId, OrganizationRole.Owner, now));
        return organization;
    }

    public const int MaxPayeeNameLength = 200;

    /// <summary>
    /// The account number as digits (spaces and hyphens, as printed on bank cards and statements, are dropped),
    /// or null when it does not have 8 to 30 digits.
    /// </summary>
    public static string? NormalizeAccountNumber(string? accountNumber)
    {
        var digits = new string((accountNumber ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length is >= 8 and <= 30 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The account number for someone who may know the account exists but not use it: its last four digits only.</summary>
    public static string MaskAccountNumber(string accountNumber) =>
        "**** " + (accountNumber.Length > 4 ? accountNumber[^4..] : accountNumber);

    /// <summary>Where licensees pay bank transfers to.</summary>
    public void SetBankDetails(string payeeName, string bank, string accountNumber)
    {
        if (string.IsNullOrWhiteSpace(payeeName)) throw new OrganizationRuleException("Enter the payee's name.");
        if (string.IsNullOrWhiteSpace(bank)) throw new OrganizationRuleException("Enter the bank.");
        if (payeeName.Trim().Length > MaxPayeeNameLength || bank.Trim().Length > MaxPayeeNameLength)
            throw new OrganizationRuleException("The payee's name and the bank may have at most 200 characters.");
        PayeeAccountNumber = NormalizeAccountNumber(accountNumber) ?? throw new OrganizationRuleException("A bank account number has 8 to 30 digits.");
        PayeeName = payeeName.Trim();
        PayeeBank = bank.Trim();
    }

    public Membership? MemberOf(Guid userId) => _members.FirstOrDefault(m => m.UserId == userId);

    /// <summary>
    /// Invites by e-mail; returns the invitation and the secret token for the link (only its hash is kept).
    /// A platform administrator may invite to any role without being a member (e.g. to hand over an orphaned organisation).
    /// </summary>
    public (Invitation Invitation, string Token) Invite(string email, OrganizationRole role, Guid invitedBy, DateTime now, bool byPlatformAdministrator = false)
    {
        var inviterRole = byPlatformAdministrator ? OrganizationRole.Owner
            : MemberOf(invitedBy)?.Role ?? throw new OrganizationRuleException("Only a member can invite.");
        if (inviterRole < OrganizationRole.Admin) throw new OrganizationRuleException("Only an owner or admin can invite.");
        if (role > inviterRole) throw new OrganizationRuleException("Nobody can invite to a role above their own.");
        email = NormalizeEmail(email);
        if (_invitations.Any(i => i.Email == email && i.IsOpen(now)))
            throw new OrganizationRuleException("This address already has an open invitation.");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new Invitation(Guid.CreateVersion7(), Id, email, role, HashToken(token), invitedBy, now, now + InvitationLifetime);
        _invitations.Add(invitation);
        return (invitation, token);
    }

    /// <summary>The invited person joins; the invitation must be open and addressed to the person's e-mail.</summary>
    public Membership Accept(Invitation invitation, Guid userId, string userEmail, DateTime now)
    {
        if (!_invitations.Contains(invitation)) throw new OrganizationRuleException("The invitation is not for this organisation.");
        if (!invitation.IsOpen(now)) throw new OrganizationRuleException("The invitation has expired or was already used.");
        if (!string.Equals(invitation.Email, NormalizeEmail(userEmail), StringComparison.Ordinal))
            throw new OrganizationRuleException("The invitation was sent to another e-mail address.");
        if (MemberOf(userId) is not null) throw new OrganizationRuleException("You are already a member.");
        invitation.MarkAccepted(userId, now);
        var membership = new Membership(Id, userId, invitation.Role, now);
        _members.Add(membership);
        return membership;
    }

    public void ChangeRole(Guid userId, OrganizationRole role)
    {
        var member = MemberOf(userId) ?? throw new OrganizationRuleException("Not a member.");
        if (member.Role == OrganizationRole.Owner && role != OrganizationRole.Owner && _members.Count(m => m.Role == OrganizationRole.Owner) == 1)
            throw new OrganizationRuleException("An organisation keeps at least one owner.");
        member.ChangeRole(role);
    }

    public void RemoveMember(Guid userId)
    {
        var member = MemberOf(userId) ?? throw new OrganizationRuleException("Not a member.");
        if (member.Role == OrganizationRole.Owner && _members.Count(m => m.Role == OrganizationRole.Owner) == 1)
            throw new OrganizationRuleException("An organisation keeps at least one owner.");
        _members.Remove(member);
    }

    /// <summary>
    /// An owner or admin changes a member's role. Like invitations, nobody gives a role above their own
    /// or changes someone whose role is above their own (so admins neither make nor demote owners); the
    /// last owner stays. A platform administrator acts as an owner.
    /// </summary>
    public void ChangeRole(Guid userId, OrganizationRole role, Guid changedBy, bool byPlatformAdministrator = false)
    {
        if (!Enum.IsDefined(role)) throw new OrganizationRuleException("Unknown role.");
        var actorRole = ManagerRole(changedBy, byPlatformAdministrator);
        var member = MemberOf(userId) ?? throw new OrganizationRuleException("Not a member.");
        if (member.Role > actorRole) throw new OrganizationRuleException("Nobody can change or remove a member whose role is above their own.");
        if (role > actorRole) throw new OrganizationRuleException("Nobody can give a role above their own.");
        ChangeRole(userId, role);
    }

    /// <summary>An owner or admin removes a member, under the same rules as <see cref="ChangeRole(Guid, OrganizationRole, Guid, bool)"/>.</summary>
    public void RemoveMember(Guid userId, Guid removedBy, bool byPlatformAdministrator = false)
    {
        var actorRole = ManagerRole(removedBy, byPlatformAdministrator);
        var member = MemberOf(userId) ?? throw new OrganizationRuleException("Not a member.");
        if (member.Role > actorRole) throw new OrganizationRuleException("Nobody can change or remove a member whose role is above their own.");
        RemoveMember(userId);
    }

    /// <summary>A member leaves; the last owner cannot.</summary>
    public void Leave(Guid userId) => RemoveMember(userId);

    private OrganizationRole ManagerRole(Guid actorId, bool byPlatformAdministrator)
    {
        var role = byPlatformAdministrator && MemberOf(actorId) is null ? OrganizationRole.Owner
            : MemberOf(actorId)?.Role ?? throw new OrganizationRuleException("Only a member can manage members.");
        return role >= OrganizationRole.Admin ? role : throw new OrganizationRuleException("Only an owner or admin can manage members.");
    }

    public VerificationDocument AttachDocument(string fileName, string contentType, byte[] content, Guid uploadedBy, DateTime now)
    {
        if (Verification is VerificationStatus.Pending or VerificationStatus.Verified)
            throw new OrganizationRuleException("Documents can only be added before submitting for verification.");
        if (content.Length == 0) throw new OrganizationRuleException("The document is empty.");
        if (content.Length > MaxDocumentBytes) throw new OrganizationRuleException("A document may have at most 5 MB.");
        var document = new VerificationDocument(Guid.CreateVersion7(), Id, Path.GetFileName(fileName), contentType, content, uploadedBy, now);
        _documents.Add(document);
        return document;
    }

    public void SubmitForVerification(DateTime now)
    {
        if (Verification is not (VerificationStatus.Unverified or VerificationStatus.Rejected))
            throw new OrganizationRuleException("Only an unverified or rejected organisation can be submitted.");
        if (_documents.Count == 0) throw new OrganizationRuleException("Attach at least one document (e.g. the business licence) first.");
        Verification = VerificationStatus.Pending;
        SubmittedAt = now;
    }

    public void Verify(Guid operatorId, DateTime now)
    {
        if (Verification != VerificationStatus.Pending) throw new OrganizationRuleException("Only a pending organisation can be verified.");
        Verification = VerificationStatus.Verified;
        ReviewedAt = now;
        ReviewedBy = operatorId;
        ReviewNote = null;
    }

    public void Reject(Guid operatorId, string reason, DateTime now)
    {
        if (Verification != VerificationStatus.Pending) throw new OrganizationRuleException("Only a pending organisation can be rejected.");
        if (string.IsNullOrWhiteSpace(reason)) throw new OrganizationRuleException("Give the reason for the rejection.");
        Verification = VerificationStatus.Rejected;
        ReviewedAt = now;
        ReviewedBy = operatorId;
        ReviewNote = reason.Trim();
    }

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}

public sealed class Membership
{
    internal Membership(Guid organizationId, Guid userId, OrganizationRole role, DateTime joinedAt)
    {
        OrganizationId = organizationId;
        UserId = userId;
        Role = role;
        JoinedAt = joinedAt;
    }

    public Guid OrganizationId { get; private set; }

    public Guid UserId { get; private set; }

    public OrganizationRole Role { get; private set; }

    public DateTime JoinedAt { get; private set; }

    internal void ChangeRole(OrganizationRole role) => Role = role;
}

public sealed class Invitation
{
    internal Invitation(Guid id, Guid organizationId, string email, OrganizationRole role, string tokenHash, Guid invitedBy, DateTime createdAt, DateTime expiresAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Email = email;
        Role = role;
        TokenHash = tokenHash;
        InvitedBy = invitedBy;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>Lower case.</summary>
    public string Email { get; private set; }

    public OrganizationRole Role { get; private set; }

    /// <summary>SHA-256 of the token in the link (hex); the token itself is only in the e-mail.</summary>
    public string TokenHash { get; private set; }

    public Guid InvitedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public Guid? AcceptedBy { get; private set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && now < ExpiresAt;

    internal void MarkAccepted(Guid userId, DateTime now)
    {
        AcceptedAt = now;
        AcceptedBy = userId;
    }
}

/// <summary>A business licence or registration certificate an operator checks before verifying.</summary>
public sealed class VerificationDocument
{
    internal VerificationDocument(Guid id, Guid organizationId, string fileName, string contentType, byte[] content, Guid uploadedBy, DateTime uploadedAt)
    {
        Id = id;
        OrganizationId = organizationId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Length = content.Length;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Content { get; private set; }

    public long Length { get; private set; }

    public Guid UploadedBy { get; private set; }

    public DateTime UploadedAt { get; private set; }
}
