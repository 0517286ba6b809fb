using Marketplace.Web.Accounts;
using Marketplace.Web.Api.V1;
using Marketplace.Web.Data;
using Marketplace.Web.OpenId;
using Marketplace.Web.Organizations;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Search.Indexer.Engine;

namespace Marketplace.Web.Api;

/// <summary>
/// The JSON API under /api: bearer tokens only (the OpenIddict validation scheme, named explicitly so
/// the Identity cookie never answers for it), one scope policy per area, resource checks per organisation.
/// </summary>
public static class ApiEndpoints
{
    public static string ScopePolicy(string scope) => "api:" + scope;

    public static IServiceCollection AddApiPolicies(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
            builder.AddPolicy(ScopePolicy(scope), p => p
                .AddAuthenticationSchemes(OpenIdHostingExtensions.ApiScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(scope)));
        services.AddMarketplaceApiV1();
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();

        api.MapGet("/organizations/current", CurrentOrganizationAsync).RequireAuthorization(ScopePolicy(ApiScopes.Organizations));
        api.MapGet("/organizations/{id:guid}", OrganizationAsync).RequireAuthorization(ScopePolicy(ApiScopes.Organizations));
        api.MapGet("/patents", SearchPatentsAsync).RequireAuthorization(ScopePolicy(ApiScopes.Search));
        app.MapMarketplaceApiV1();
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

    private static async Task<IResult> SearchPatentsAsync(string? q, int? page, IPatentIndex index, HttpContext http)
    {
        var request = new PatentSearchRequest { Text = q, Page = Math.Max(1, page ?? 1) };
        try
        {
            var result = await index.SearchAsync(request.ToQuery() with { Facets = [], Highlight = false }, http.RequestAborted);
            return Results.Ok(new
            {
                total = result.Total,
                hits = result.Hits.Select(h => new
                {
                    id = h.Record.Id,
                    titles = h.Record.Titles.Select(t => new { language = t.Language, text = t.Text }),
                    applicants = h.Record.Applicants.Select(a => a.Name),
                    ipc = h.Record.IpcCodes,
                }),
            });
        }
        catch (Exception ex) when (QueryErrors.IsSyntaxError(ex))
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Query syntax");
        }
    }

    private sealed record OrganizationResponse(Guid Id, string Name, string Type, string CreditCode, string Verification, int Members)
    {
        public static OrganizationResponse From(Organization o) =>
            new(o.Id, o.Name, o.Type.ToString(), o.CreditCode, o.Verification.ToString(), o.Members.Count);
    }
}
