using Marketplace.Web.Organizations;

namespace Marketplace.Web.Tests.Organizations;

public sealed class OrganizationRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Owner = Guid.NewGuid();

    private static Organization NewOrganization() =>
        Organization.Create("示范大学", OrganizationType.University, UnifiedSocialCreditCode.Parse("12100000400000624D"), Owner, Now);

    [Fact]
    public void The_creator_becomes_the_only_owner_and_the_organisation_starts_unverified()
    {
        var organization = NewOrganization();
        Assert.Equal(OrganizationRole.Owner, Assert.Single(organization.Members).Role);
        Assert.Equal(VerificationStatus.Unverified, organization.Verification);
    }

    [Fact]
    public void The_last_owner_can_be_neither_removed_nor_demoted()
    {
        var organization = NewOrganization();
        Assert.Throws<OrganizationRuleException>(() => organization.RemoveMember(Owner));
        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(Owner, OrganizationRole.Admin));
    }

    [Fact]
    public void An_accepted_invitation_adds_the_member_with_the_invited_role_once()
    {
        var organization = NewOrganization();
        var colleague = Guid.NewGuid();
        var (invitation, token) = organization.Invite("Colleague@Example.org", OrganizationRole.Admin, Owner, Now);

        organization.Accept(invitation, colleague, "colleague@example.org", Now.AddHours(1));

        Assert.Equal(OrganizationRole.Admin, organization.MemberOf(colleague)!.Role);
        Assert.Equal(Organization.HashToken(token), invitation.TokenHash);
        Assert.Throws<OrganizationRuleException>(() => organization.Accept(invitation, Guid.NewGuid(), "colleague@example.org", Now.AddHours(2)));
    }

    [Fact]
    public void An_invitation_cannot_be_accepted_from_another_address_or_after_it_expired()
    {
        var organization = NewOrganization();
        var (invitation, _) = organization.Invite("a@example.org", OrganizationRole.Member, Owner, Now);

        Assert.Throws<OrganizationRuleException>(() => organization.Accept(invitation, Guid.NewGuid(), "b@example.org", Now));
        Assert.Throws<OrganizationRuleException>(() => organization.Accept(invitation, Guid.NewGuid(), "a@example.org", Now + Organization.InvitationLifetime));
    }

    [Fact]
    public void Members_cannot_invite_and_admins_cannot_invite_owners()
    {
        var organization = NewOrganization();
        var admin = Guid.NewGuid();
        var member = Guid.NewGuid();
        organization.Accept(organization.Invite("admin@example.org", OrganizationRole.Admin, Owner, Now).Invitation, admin, "admin@example.org", Now);
        organization.Accept(organization.Invite("member@example.org", OrganizationRole.Member, Owner, Now).Invitation, member, "member@example.org", Now);

        Assert.Throws<OrganizationRuleException>(() => organization.Invite("x@example.org", OrganizationRole.Member, member, Now));
        Assert.Throws<OrganizationRuleException>(() => organization.Invite("x@example.org", OrganizationRole.Owner, admin, Now));
        Assert.Equal(OrganizationRole.Member, organization.Invite("x@example.org", OrganizationRole.Member, admin, Now).Invitation.Role);
        Assert.Throws<OrganizationRuleException>(() => organization.Invite("y@example.org", OrganizationRole.Owner, Guid.NewGuid(), Now));
        Assert.Equal(OrganizationRole.Owner, organization.Invite("y@example.org", OrganizationRole.Owner, Guid.NewGuid(), Now, byPlatformAdministrator: true).Invitation.Role);
    }

    private static (Organization Organization, Guid Admin, Guid Member) WithAdminAndMember()
    {
        var organization = NewOrganization();
        var admin = Guid.NewGuid();
        var member = Guid.NewGuid();
        organization.Accept(organization.Invite("admin@example.org", OrganizationRole.Admin, Owner, Now).Invitation, admin, "admin@example.org", Now);
        organization.Accept(organization.Invite("member@example.org", OrganizationRole.Member, Owner, Now).Invitation, member, "member@example.org", Now);
        return (organization, admin, member);
    }

    [Fact]
    public void Admins_manage_members_and_admins_but_neither_make_nor_touch_owners()
    {
        var (organization, admin, member) = WithAdminAndMember();

        organization.ChangeRole(member, OrganizationRole.Admin, admin);
        Assert.Equal(OrganizationRole.Admin, organization.MemberOf(member)!.Role);
        organization.ChangeRole(member, OrganizationRole.Member, admin);
        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(member, OrganizationRole.Owner, admin));
        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(Owner, OrganizationRole.Member, admin));
        Assert.Throws<OrganizationRuleException>(() => organization.RemoveMember(Owner, admin));
        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(admin, OrganizationRole.Admin, member));
        Assert.Throws<OrganizationRuleException>(() => organization.RemoveMember(admin, member));
        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(member, (OrganizationRole)42, Owner));

        organization.RemoveMember(member, admin);
        Assert.Null(organization.MemberOf(member));
        Assert.Equal(OrganizationRole.Owner, organization.MemberOf(Owner)!.Role);
    }

    [Fact]
    public void Owners_make_owners_and_the_last_owner_stays_whoever_asks()
    {
        var (organization, admin, _) = WithAdminAndMember();

        Assert.Throws<OrganizationRuleException>(() => organization.ChangeRole(Owner, OrganizationRole.Admin, Owner));
        Assert.Throws<OrganizationRuleException>(() => organization.RemoveMember(Owner, Guid.NewGuid(), byPlatformAdministrator: true));
        organization.ChangeRole(admin, OrganizationRole.Owner, Owner);
        organization.ChangeRole(Owner, OrganizationRole.Member, admin);
        Assert.Equal(OrganizationRole.Member, organization.MemberOf(Owner)!.Role);
        organization.ChangeRole(Owner, OrganizationRole.Owner, Guid.NewGuid(), byPlatformAdministrator: true);
        Assert.Equal(OrganizationRole.Owner, organization.MemberOf(Owner)!.Role);
    }

    [Fact]
    public void Any_member_may_leave_except_the_last_owner()
    {
        var (organization, admin, member) = WithAdminAndMember();

        organization.Leave(member);
        organization.Leave(admin);
        Assert.Throws<OrganizationRuleException>(() => organization.Leave(Owner));
        Assert.Throws<OrganizationRuleException>(() => organization.Leave(member));
        Assert.Equal(Owner, Assert.Single(organization.Members).UserId);
    }

    [Fact]
    public void Verification_needs_a_document_then_goes_pending_then_verified()
    {
        var organization = NewOrganization();
        Assert.Throws<OrganizationRuleException>(() => organization.SubmitForVerification(Now));
        Assert.Throws<OrganizationRuleException>(() => organization.Verify(Guid.NewGuid(), Now));

        organization.AttachDocument("营业执照.pdf", "application/pdf", [1, 2, 3], Owner, Now);
        organization.SubmitForVerification(Now);
        Assert.Equal(VerificationStatus.Pending, organization.Verification);
        Assert.Throws<OrganizationRuleException>(() => organization.AttachDocument("more.pdf", "application/pdf", [1], Owner, Now));

        var reviewer = Guid.NewGuid();
        organization.Verify(reviewer, Now.AddDays(1));
        Assert.Equal(VerificationStatus.Verified, organization.Verification);
        Assert.Equal(reviewer, organization.ReviewedBy);
        Assert.Throws<OrganizationRuleException>(() => organization.Reject(reviewer, "late", Now));
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_allows_a_corrected_resubmission()
    {
        var organization = NewOrganization();
        organization.AttachDocument("licence.pdf", "application/pdf", [1], Owner, Now);
        organization.SubmitForVerification(Now);

        Assert.Throws<OrganizationRuleException>(() => organization.Reject(Guid.NewGuid(), " ", Now));
        organization.Reject(Guid.NewGuid(), "执照模糊", Now);
        Assert.Equal(VerificationStatus.Rejected, organization.Verification);
        Assert.Equal("执照模糊", organization.ReviewNote);

        organization.AttachDocument("licence-clear.pdf", "application/pdf", [1], Owner, Now);
        organization.SubmitForVerification(Now);
        Assert.Equal(VerificationStatus.Pending, organization.Verification);
    }

    [Fact]
    public void Documents_over_5_MB_are_refused()
    {
        var organization = NewOrganization();
        Assert.Throws<OrganizationRuleException>(() =>
            organization.AttachDocument("big.pdf", "application/pdf", new byte[Organization.MaxDocumentBytes + 1], Owner, Now));
    }
}
