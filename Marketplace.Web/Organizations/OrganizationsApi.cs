using Marketplace.Web.Accounts;
using Marketplace.Web.Api;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Organizations;

/// <summary>The caller's organisation over the API (scope marketplace.organizations), with the same resource checks as the pages.</summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organizations").DisableAntiforgery();
        api.MapGet("/current", CurrentOrganizationAsync).RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.Organizations));
        api.MapGet("/{id:guid}", OrganizationAsync).RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.Organizations));
        return app;
    }

    private static async Task<IResult> OrganizationAsync(Guid id, HttpContext http, OrganizationService organizations, IAuthorizationService authorization)
    {
        var organization = await organizations.FindAsync(id, http.RequestAborted);
        if (organization is null) return Results.NotFound();
        if (!(await authorization.AuthorizeAsync(http.User, organization, OrganizationOperations.View)).Succeeded) return Results.Forbid();
        return Results.Ok(OrganizationResponse.From(organization));
    }

    /// <summary>The organisation the token acts for: the client's owner, or the person's current organisation.</summary>
    private static async Task<IResult> CurrentOrganizationAsync(HttpContext http, MarketplaceDbContext db, OrganizationService organizations, IAuthorizationService authorization)
    {
        Guid? id = Guid.TryParse(http.User.FindFirst(ApiScopes.OrganizationClaim)?.Value, out var claimed) ? claimed : null;
        if (StaffAccess.UserId(http.User) is { } userId)
            id = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(http.RequestAborted);
        if (id is null) return Results.NotFound();
        return await OrganizationAsync(id.Value, http, organizations, authorization);
    }

    private sealed record OrganizationResponse(Guid Id, string Name, string Type, string CreditCode, string Verification, int Members)
    {
        public static OrganizationResponse From(Organization o) =>
            new(o.Id, o.Name, o.Type.ToString(), o.CreditCode, o.Verification.ToString(), o.Members.Count);
    }
}
