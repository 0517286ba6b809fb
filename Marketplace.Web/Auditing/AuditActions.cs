namespace Marketplace.Web.Auditing;

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string Registered = "account.registered";
    public const string EmailConfirmed = "account.email-confirmed";
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignedOut = "account.signed-out";
    public const string ConfirmationResent = "account.confirmation-resent";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string TwoFactorDisabled = "account.two-factor-disabled";
    public const string PersonalDataDownloaded = "account.personal-data-downloaded";
    public const string AccountDeleted = "account.deleted";
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationSwitched = "organization.switched";
    public const string DocumentAttached = "organization.document-attached";
    public const string VerificationSubmitted = "organization.verification-submitted";
    public const string OrganizationVerified = "organization.verified";
    public const string OrganizationRejected = "organization.rejected";
    public const string MemberInvited = "organization.member-invited";
    public const string InvitationAccepted = "organization.invitation-accepted";
    public const string MemberRoleChanged = "organization.member-role-changed";
    public const string MemberRemoved = "organization.member-removed";
    public const string MemberLeft = "organization.member-left";
    public const string BankDetailsChanged = "organization.bank-details-changed";
    public const string ApiClientCreated = "api-client.created";
    public const string TokenIssued = "api-client.token-issued";
}
