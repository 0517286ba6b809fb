using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Marketplace.Web.Organizations;

/// <summary>What can be done to an organisation; checked with <c>IAuthorizationService.AuthorizeAsync(user, organization, operation)</c>.</summary>
public static class OrganizationOperations
{
    /// <summary>See its profile, members, documents.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Change its data, attach documents, submit for verification, manage API clients.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>Invite people, change their roles, remove them.</summary>
    public static readonly OperationAuthorizationRequirement ManageMembers = new() { Name = nameof(ManageMembers) };

    /// <summary>Leave it (its members only).</summary>
    public static readonly OperationAuthorizationRequirement Leave = new() { Name = nameof(Leave) };

    /// <summary>Verify or reject it (platform staff only).</summary>
    public static readonly OperationAuthorizationRequirement Review = new() { Name = nameof(Review) };
}

/// <summary>
/// Members see their organisation; owners and admins change it and its members; operators see and
/// review every organisation; administrators may do everything. An API client (client credentials)
/// sees only the organisation that owns it. Membership comes from the loaded <see cref="Organization.Members"/>.
/// </summary>
public sealed class OrganizationAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Organization>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Organization resource)
    {
        var user = context.User;
        var operation = requirement.Name;
        if (StaffAccess.IsAdministrator(user)
            || (StaffAccess.IsOperator(user) && operation is nameof(OrganizationOperations.View) or nameof(OrganizationOperations.Review)))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        if (StaffAccess.UserId(user) is { } userId)
        {
            var role = resource.MemberOf(userId)?.Role;
            var allowed = operation switch
            {
                nameof(OrganizationOperations.View) or nameof(OrganizationOperations.Leave) => role is not null,
                nameof(OrganizationOperations.Edit) or nameof(OrganizationOperations.ManageMembers) => role >= OrganizationRole.Admin,
                _ => false,
            };
            if (allowed) context.Succeed(requirement);
        }
        else if (operation == nameof(OrganizationOperations.View)
                 && Guid.TryParse(user.FindFirst(ApiScopes.OrganizationClaim)?.Value, out var clientOrganization)
                 && clientOrganization == resource.Id)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
