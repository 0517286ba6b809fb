using System.Net;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Accounts;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Organizations;

/// <summary>Creating, inviting, verifying and switching organisations through the pages, on each database provider.</summary>
public abstract class OrganizationFlowTests(AccountsSite site)
{
    private static int _codes;

    /// <summary>A valid credit code no other test uses.</summary>
    private static string NewCreditCode()
    {
        var body = $"91350500MA{Interlocked.Increment(ref _codes) + Random.Shared.Next(1000) * 1000:D7}";
        return body + UnifiedSocialCreditCode.CheckCharacterFor(body);
    }

    internal static async Task<string> CreateOrganizationAsync(SiteClient client, string name, string creditCode)
    {
        using var created = await client.SubmitAsync("/organizations/new", "#organization-form", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Type"] = nameof(OrganizationType.Enterprise), ["Input.CreditCode"] = creditCode,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Creating_an_organisation_checks_the_credit_code_and_makes_the_creator_its_acting_owner()
    {
        using var client = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("founder"));
        var code = NewCreditCode();

        using (var wrong = await client.SubmitAsync("/organizations/new", "#organization-form", new Dictionary<string, string>
               {
                   ["Input.Name"] = "校验失败公司", ["Input.Type"] = nameof(OrganizationType.Enterprise), ["Input.CreditCode"] = code[..17] + (code[17] == '0' ? '1' : '0'),
               }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("校验码", (await Html.ReadAsync(wrong)).QuerySelector(".alert")!.TextContent);
        }

        var details = await CreateOrganizationAsync(client, "泉州测试科技有限公司", code.ToLowerInvariant());
        var page = await client.PageAsync(details);
        Assert.Equal("泉州测试科技有限公司", page.QuerySelector("#organization-name")!.TextContent);
        Assert.Contains(code, page.QuerySelector(".facts")!.TextContent);
        Assert.Contains("所有者", page.QuerySelector("#members")!.TextContent);
        Assert.Equal("泉州测试科技有限公司", (await client.PageAsync("/organizations")).QuerySelector("#nav-organizations")!.TextContent.Trim());

        using var duplicate = await client.SubmitAsync("/organizations/new", "#organization-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "重复公司", ["Input.Type"] = nameof(OrganizationType.Enterprise), ["Input.CreditCode"] = code,
        });
        Assert.Contains("已注册", (await Html.ReadAsync(duplicate)).QuerySelector(".alert")!.TextContent);
    }

    [Fact]
    public async Task An_invitation_mail_lets_a_colleague_register_and_join_with_the_invited_role()
    {
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("owner"));
        var details = await CreateOrganizationAsync(owner, "邀请测试公司", NewCreditCode());
        var colleague = AccountFlowTests.NewEmail("colleague");

        using (var invited = await owner.SubmitAsync(details, "#invite-form", new Dictionary<string, string> { ["Invite.Email"] = colleague, ["Invite.Role"] = "Admin" }))
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains(colleague, (await owner.PageAsync(details)).QuerySelector("#invitations")!.TextContent);
        var mail = site.Mail.LastTo(colleague);
        Assert.Contains("邀请测试公司", mail.Subject);
        var link = site.Mail.LinkTo(colleague);

        using var client = await AccountFlowTests.RegisteredAndSignedInAsync(site, colleague);
        var invitation = await client.PageAsync(link);
        using var accepted = await client.PostFormAsync(invitation.QuerySelector("#accept-form")!, link, new Dictionary<string, string>());
        Assert.Equal(details, accepted.Headers.Location!.OriginalString);

        var members = (await client.PageAsync(details)).QuerySelector("#members")!.TextContent;
        Assert.Contains(colleague, members);
        Assert.Contains("管理员", members);
        var again = await client.PageAsync(link);
        Assert.NotNull(again.QuerySelector("#problem"));
    }

    [Fact]
    public async Task An_invitation_cannot_be_accepted_by_someone_signed_in_with_another_address()
    {
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("owner2"));
        var details = await CreateOrganizationAsync(owner, "错投邀请公司", NewCreditCode());
        var invitee = AccountFlowTests.NewEmail("invitee");
        (await owner.SubmitAsync(details, "#invite-form", new Dictionary<string, string> { ["Invite.Email"] = invitee, ["Invite.Role"] = "Member" })).Dispose();

        using var stranger = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("stranger"));
        var page = await stranger.PageAsync(site.Mail.LinkTo(invitee));

        Assert.Contains(invitee, page.QuerySelector("#problem")!.TextContent);
        Assert.Null(page.QuerySelector("#accept-form"));
        using var forbidden = await stranger.GetAsync(details);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_submitted_organisation_is_verified_by_an_operator_and_the_audit_log_shows_it()
    {
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("verify"));
        var details = await CreateOrganizationAsync(owner, "待审核公司", NewCreditCode());
        var id = details.Split('/')[^1];
        var page = await owner.PageAsync(details);
        using (var upload = new MultipartFormDataContent())
        {
            upload.Add(new StringContent(page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            upload.Add(new ByteArrayContent("%PDF-1.4\n营业执照"u8.ToArray()), "document", "营业执照.pdf");
            using var uploaded = await owner.Http.PostAsync(page.QuerySelector("#upload-form")!.GetAttribute("action"), upload);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        using (var submitted = await owner.SubmitAsync(details, "#submit-form", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("待审核", (await owner.PageAsync(details)).QuerySelector("#verification")!.TextContent);

        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(DemoData.Accounts[1].Email);
        Assert.Contains("待审核公司", (await operatorClient.PageAsync("/admin/organizations")).QuerySelector("#review-queue")!.TextContent);
        var review = await operatorClient.PageAsync("/admin/organizations/" + id);
        using (var document = await operatorClient.GetAsync(review.QuerySelector("#documents a")!.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Equal("%PDF-1.4\n营业执照", await document.Content.ReadAsStringAsync());
        }
        using (var verified = await operatorClient.PostFormAsync(review.QuerySelector("#verify-form")!, "/admin/organizations/" + id, new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);

        Assert.Equal("已认证", (await owner.PageAsync(details)).QuerySelector("#verification")!.TextContent);
        var audit = await operatorClient.PageAsync("/admin/audit?org=" + id);
        var actions = audit.QuerySelectorAll("#audit-entries tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.Equal([AuditActions.OrganizationVerified, AuditActions.VerificationSubmitted, AuditActions.DocumentAttached, AuditActions.OrganizationCreated], actions);
        var byText = await operatorClient.PageAsync("/admin/audit?q=" + Uri.EscapeDataString("organization.verified"));
        Assert.Contains("待审核公司", byText.QuerySelector("#audit-entries")!.TextContent);
    }

    [Fact]
    public async Task An_operator_rejection_needs_a_reason_that_the_members_then_see()
    {
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("reject"));
        var details = await CreateOrganizationAsync(owner, "被驳回公司", NewCreditCode());
        var id = Guid.Parse(details.Split('/')[^1]);
        await using (var scope = site.Scope())
        {
            var organizations = scope.ServiceProvider.GetRequiredService<OrganizationService>();
            var organization = (await organizations.FindAsync(id))!;
            organization.AttachDocument("licence.txt", "text/plain", [1, 2], organization.Members.First().UserId, DateTime.UtcNow);
            await organizations.SubmitAsync(organization);
        }

        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(DemoData.Accounts[1].Email);
        var review = await operatorClient.PageAsync($"/admin/organizations/{id}");
        using (var noReason = await operatorClient.PostFormAsync(review.QuerySelector("#reject-form")!, $"/admin/organizations/{id}", new Dictionary<string, string> { ["Reason"] = "" }))
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        using (var rejected = await operatorClient.PostFormAsync(review.QuerySelector("#reject-form")!, $"/admin/organizations/{id}", new Dictionary<string, string> { ["Reason"] = "营业执照不清晰" }))
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var page = await owner.PageAsync(details);
        Assert.Equal("营业执照不清晰", page.QuerySelector("#review-note")!.TextContent);
        Assert.NotNull(page.QuerySelector("#upload-form"));
    }

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/>, registers them and accepts; their signed-in client and user id.</summary>
    private async Task<(SiteClient Client, Guid UserId)> JoinAsync(SiteClient owner, string details, string email, OrganizationRole role)
    {
        (await owner.SubmitAsync(details, "#invite-form", new Dictionary<string, string> { ["Invite.Email"] = email, ["Invite.Role"] = role.ToString() })).Dispose();
        var link = site.Mail.LinkTo(email);
        var client = await AccountFlowTests.RegisteredAndSignedInAsync(site, email);
        var invitation = await client.PageAsync(link);
        (await client.PostFormAsync(invitation.QuerySelector("#accept-form")!, link, new Dictionary<string, string>())).Dispose();
        return (client, await UserIdAsync(email));
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Html.ReadAsync(response)).QuerySelector(".alert")!.TextContent;
    }

    [Fact]
    public async Task Owners_and_admins_change_roles_and_remove_members_within_their_own_rank_and_the_audit_log_shows_it()
    {
        var ownerEmail = AccountFlowTests.NewEmail("manage-owner");
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, ownerEmail);
        var details = await CreateOrganizationAsync(owner, "成员管理公司", NewCreditCode());
        var id = Guid.Parse(details.Split('/')[^1]);
        var ownerId = await UserIdAsync(ownerEmail);
        var (admin, _) = await JoinAsync(owner, details, AccountFlowTests.NewEmail("manage-admin"), OrganizationRole.Admin);
        var memberEmail = AccountFlowTests.NewEmail("manage-member");
        var (member, memberId) = await JoinAsync(owner, details, memberEmail, OrganizationRole.Member);
        using var _a = admin;
        using var _m = member;

        // A member sees no management forms and is refused when posting anyway.
        var memberPage = await member.PageAsync(details);
        Assert.Null(memberPage.QuerySelector($"#change-role-{memberId}"));
        var antiforgery = memberPage.QuerySelector("#leave-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var forbidden = await member.Http.PostAsync($"{details}?handler=ChangeRole", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["userId"] = memberId.ToString(), ["role"] = "Owner", ["__RequestVerificationToken"] = antiforgery,
               })))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // An admin can neither make an owner nor touch one.
        using (var promote = await admin.SubmitAsync(details, $"#change-role-{memberId}", new Dictionary<string, string> { ["role"] = "Owner" }))
            Assert.Contains("不能授予他人高于自己的角色", await RefusalAsync(promote));
        using (var demote = await admin.SubmitAsync(details, $"#change-role-{ownerId}", new Dictionary<string, string> { ["role"] = "Member" }))
            Assert.Contains("不能更改或移除角色高于自己的成员", await RefusalAsync(demote));
        using (var removeOwner = await admin.SubmitAsync(details, $"#remove-{ownerId}", new Dictionary<string, string>()))
            Assert.Contains("不能更改或移除角色高于自己的成员", await RefusalAsync(removeOwner));

        // The last owner stays an owner.
        using (var lastOwner = await owner.SubmitAsync(details, $"#change-role-{ownerId}", new Dictionary<string, string> { ["role"] = "Admin" }))
            Assert.Contains("机构必须至少保留一名所有者", await RefusalAsync(lastOwner));

        using (var changed = await admin.SubmitAsync(details, $"#change-role-{memberId}", new Dictionary<string, string> { ["role"] = "Admin" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            var page = await admin.PageAsync(changed.Headers.Location!.OriginalString);
            Assert.Equal("角色已更改。", page.QuerySelector("#message")!.TextContent);
            Assert.Contains("管理员", page.QuerySelector($"#change-role-{memberId}")!.ParentElement!.ParentElement!.TextContent);
        }

        using (var removed = await owner.SubmitAsync(details, $"#remove-{memberId}", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(memberEmail, (await owner.PageAsync(details)).QuerySelector("#members")!.TextContent);
        using (var gone = await member.GetAsync(details))
            Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var entries = await db.AuditEntries.Where(e => e.OrganizationId == id && (e.Action == AuditActions.MemberRoleChanged || e.Action == AuditActions.MemberRemoved)).ToListAsync();
        Assert.Equal([AuditActions.MemberRoleChanged, AuditActions.MemberRemoved], entries.OrderBy(e => e.Id).Select(e => e.Action).ToList());
        Assert.All(entries, e => Assert.Equal(memberEmail, e.Subject));
        Assert.Null((await db.Users.SingleAsync(u => u.Id == memberId)).CurrentOrganizationId);
    }

    [Fact]
    public async Task Any_member_may_leave_but_the_last_owner_may_not()
    {
        var ownerEmail = AccountFlowTests.NewEmail("leave-owner");
        using var owner = await AccountFlowTests.RegisteredAndSignedInAsync(site, ownerEmail);
        var details = await CreateOrganizationAsync(owner, "退出测试公司", NewCreditCode());
        var id = Guid.Parse(details.Split('/')[^1]);
        var memberEmail = AccountFlowTests.NewEmail("leaver");
        var (member, memberId) = await JoinAsync(owner, details, memberEmail, OrganizationRole.Member);
        using var _m = member;

        using (var refused = await owner.SubmitAsync(details, "#leave-form", new Dictionary<string, string>()))
            Assert.Contains("机构必须至少保留一名所有者", await RefusalAsync(refused));

        using (var left = await member.SubmitAsync(details, "#leave-form", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
            var list = await member.PageAsync(left.Headers.Location!.OriginalString);
            Assert.Equal("您已退出该机构。", list.QuerySelector("#message")!.TextContent);
            Assert.NotNull(list.QuerySelector("#no-organizations"));
        }
        using (var gone = await member.GetAsync(details))
            Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        Assert.DoesNotContain(memberEmail, (await owner.PageAsync(details)).QuerySelector("#members")!.TextContent);

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.MemberLeft && e.OrganizationId == id && e.Subject == memberEmail));
        Assert.Null((await db.Users.SingleAsync(u => u.Id == memberId)).CurrentOrganizationId);
    }

    [Fact]
    public async Task A_person_in_two_organisations_switches_explicitly_between_them()
    {
        using var client = await AccountFlowTests.RegisteredAndSignedInAsync(site, AccountFlowTests.NewEmail("two-orgs"));
        var first = await CreateOrganizationAsync(client, "第一公司", NewCreditCode());
        var second = await CreateOrganizationAsync(client, "第二公司", NewCreditCode());

        var list = await client.PageAsync("/organizations");
        Assert.Equal("第一公司", list.QuerySelector("#nav-organizations")!.TextContent.Trim());
        var switchForm = list.QuerySelectorAll("#memberships form").Single();
        using var switched = await client.PostFormAsync(switchForm, "/organizations", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("第二公司", (await client.PageAsync("/organizations")).QuerySelector("#nav-organizations")!.TextContent.Trim());

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var secondId = Guid.Parse(second.Split('/')[^1]);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrganizationSwitched && e.OrganizationId == secondId));
        Assert.NotEqual(first, second);
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class OrganizationFlowTests_on_SQLite(SqliteSite site) : OrganizationFlowTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class OrganizationFlowTests_on_PostgreSQL(PostgreSqlSite site) : OrganizationFlowTests(site);
