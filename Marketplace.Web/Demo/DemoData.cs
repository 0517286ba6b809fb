using Analytics.Taxonomy;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Api;
using Marketplace.Web.OpenId;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using System.Text;

namespace Marketplace.Web.Demo;

/// <summary>
/// Demo organisations and people for the embedded default, so every role can be tried at once.
/// Credentials are fixed (they are in the README) and printed at first start. Never for production:
/// seeding runs only when Database:SeedDemoData is on (default: SQLite only) and the database has no users.
/// </summary>
public sealed partial class DemoData(
    MarketplaceDbContext db,
    UserManager<MarketplaceUser> users,
    IUserStore<MarketplaceUser> userStore,
    ApiClientService apiClients,
    IndustryTaxonomy taxonomy,
    TimeProvider clock,
    ILogger<DemoData> logger)
{
    public const string Password = "Demo-Passw0rd!";

    /// <summary>Base32 TOTP key shared by the demo staff accounts (add it to any authenticator app).</summary>
    public const string StaffAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public const string UniversityClientId = "demo-university-system";
    public const string UniversityClientSecret = "demo-university-secret-change-me";

    public static readonly UnifiedSocialCreditCode UniversityCode = Code("12350500MB0000001");
    public static readonly UnifiedSocialCreditCode EnterpriseCode = Code("91350500MA0000002");
    public static readonly UnifiedSocialCreditCode OperatorCode = Code("91350500MA0000003");
    public static readonly UnifiedSocialCreditCode BankCode = Code("91350500MA0000B01");

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@demo.patent-marketplace.local", "平台管理员", PlatformRoles.Administrator, "operator", OrganizationRole.Owner),
        new("operator@demo.patent-marketplace.local", "运营专员", PlatformRoles.Operator, "operator", OrganizationRole.Member),
        new("university.owner@demo.patent-marketplace.local", "高校负责人", null, "university", OrganizationRole.Owner),
        new("university.admin@demo.patent-marketplace.local", "高校管理员", null, "university", OrganizationRole.Admin),
        new("university.member@demo.patent-marketplace.local", "高校成员", null, "university", OrganizationRole.Member),
        new("enterprise.owner@demo.patent-marketplace.local", "企业负责人", null, "enterprise", OrganizationRole.Owner),
        new("enterprise.member@demo.patent-marketplace.local", "企业成员", null, "enterprise", OrganizationRole.Member),
        new("bank.owner@demo.patent-marketplace.local", "银行客户经理", null, "bank", OrganizationRole.Owner),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var people = new Dictionary<string, MarketplaceUser>(StringComparer.Ordinal);
        foreach (var account in Accounts)
        {
            var user = new MarketplaceUser(account.Email, account.DisplayName, now) { EmailConfirmed = true };
            Check(await users.CreateAsync(user, Password), account.Email);
            if (account.PlatformRole is { } role)
            {
                Check(await users.AddToRoleAsync(user, role), account.Email);
                await ((IUserAuthenticatorKeyStore<MarketplaceUser>)userStore).SetAuthenticatorKeyAsync(user, StaffAuthenticatorKey, cancellationToken);
                user.TwoFactorEnabled = true;
                Check(await users.UpdateAsync(user), account.Email);
            }
            people[account.Email] = user;
        }

        var organizations = new Dictionary<string, Organization>(StringComparer.Ordinal)
        {
            ["operator"] = Organization.Create("泉州知识产权运营服务中心（演示）", OrganizationType.IpServiceAgency, OperatorCode, people[Accounts[0].Email].Id, now),
            ["university"] = Organization.Create("泉州示范大学（演示）", OrganizationType.University, UniversityCode, people[Accounts[2].Email].Id, now),
            ["enterprise"] = Organization.Create("泉州智造科技有限公司（演示）", OrganizationType.Enterprise, EnterpriseCode, people[Accounts[5].Email].Id, now),
            ["bank"] = Organization.Create(BankName, OrganizationType.Bank, BankCode, people[BankOwnerEmail].Id, now),
        };
        foreach (var account in Accounts)
        {
            var organization = organizations[account.Organization];
            var user = people[account.Email];
            if (organization.MemberOf(user.Id) is null)
            {
                var owner = organization.Members.First(m => m.Role == OrganizationRole.Owner).UserId;
                var (invitation, _) = organization.Invite(account.Email, account.OrganizationRole, owner, now);
                organization.Accept(invitation, user.Id, account.Email, now);
            }
        }
        var licence = Encoding.UTF8.GetBytes("演示营业执照 / demo business licence\n");
        var reviewer = people[Accounts[1].Email].Id;
        foreach (var key in new[] { "operator", "university", "enterprise", "bank" })
        {
            var organization = organizations[key];
            organization.AttachDocument("营业执照.txt", "text/plain", licence, organization.Members.First().UserId, now);
            organization.SubmitForVerification(now);
            if (key != "enterprise") organization.Verify(reviewer, now);
        }
        db.Organizations.AddRange(organizations.Values);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var account in Accounts)
            people[account.Email].SwitchTo(organizations[account.Organization]);
        await db.SaveChangesAsync(cancellationToken);

        await SeedContestAsync(people, now, cancellationToken);
        await SeedNeedsAsync(organizations["enterprise"], people[Accounts[5].Email], now, cancellationToken);

        await apiClients.CreateAsync(organizations["university"], "示范大学科研管理系统（演示）", ApiScopes.All, UniversityClientId, UniversityClientSecret, cancellationToken);
        await SeedLicensingAsync(organizations["university"], people[Accounts[2].Email], people[Accounts[1].Email], now, cancellationToken);
        await SeedTransfersAsync(organizations["university"], people[Accounts[2].Email], organizations["enterprise"], people[Accounts[5].Email], now, cancellationToken);
        await SeedValuationAsync(organizations["university"], people[Accounts[1].Email], now, cancellationToken);
        await SeedPledgesAndProductsAsync(organizations["university"], organizations["enterprise"], organizations["bank"], people[Accounts[1].Email], people[Accounts[5].Email], now, cancellationToken);
        await SeedAcquisitionAsync(organizations["operator"], organizations["university"], people[Accounts[1].Email], now, cancellationToken);

        foreach (var account in Accounts)
            LogAccount(logger, account.Email, account.PlatformRole ?? "-", account.Organization, account.OrganizationRole.ToString());
        LogStaffKey(logger);
        LogClient(logger, UniversityClientId);
    }

    private static UnifiedSocialCreditCode Code(string first17) =>
        UnifiedSocialCreditCode.Parse(first17 + UnifiedSocialCreditCode.CheckCharacterFor(first17));

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Demo account: {Email} (platform role {PlatformRole}; {Organization} organisation, {OrganizationRole}); its password is in README.md, never in a log")]
    private static partial void LogAccount(ILogger logger, string email, string platformRole, string organization, string organizationRole);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Demo staff (admin@, operator@) sign in with two-factor (TOTP, 6 digits, 30 s): the authenticator key is in README.md, never in a log")]
    private static partial void LogStaffKey(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Demo API client of the university: client_id {ClientId} (POST /connect/token, grant_type=client_credentials): the client secret is in README.md, never in a log")]
    private static partial void LogClient(ILogger logger, string clientId);
}

public sealed record DemoAccount(string Email, string DisplayName, string? PlatformRole, string Organization, OrganizationRole OrganizationRole);
