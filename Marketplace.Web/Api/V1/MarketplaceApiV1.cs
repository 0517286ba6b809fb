using Marketplace.Web.OpenId;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketplace.Web.Api.V1;

/// <summary>
/// The marketplace part of /api/v1 (open licences, technical needs) next to the patent part
/// (<see cref="PublicPatentApi"/>): one OpenAPI document, one rate limit, and an OAuth 2.0
/// client-credentials security scheme on every operation that needs a token.
/// </summary>
public static class MarketplaceApiV1
{
    /// <summary>The security scheme's name in the OpenAPI document.</summary>
    public const string SecurityScheme = "oauth2";

    public static IServiceCollection AddMarketplaceApiV1(this IServiceCollection services) =>
        // The document's options are named after it; this adds to what AddPublicPatentApi configured.
        services.Configure<OpenApiOptions>(PublicPatentApi.DocumentName, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Client credentials of an organisation's API client (created on the organisation's API clients page).",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri("/connect/token", UriKind.Relative),
                            Scopes = ApiScopes.All.ToDictionary(s => s, s => s switch
                            {
                                ApiScopes.NeedsRead => "Read the technical needs the client's organisation may see.",
                                ApiScopes.NeedsWrite => "Post and close technical needs for the client's enterprise.",
                                _ => "API area " + s,
                            }),
                        },
                    },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // Every operation behind a scope policy names the scheme and the scope it wants.
                var scopes = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                    .Select(a => a.Policy).OfType<string>()
                    .Where(p => p.StartsWith(ApiEndpoints.ScopePolicy(""), StringComparison.Ordinal))
                    .Select(p => p[ApiEndpoints.ScopePolicy("").Length..]).ToList();
                // page and size are read as text (to name a bad value in the problem) but are whole numbers.
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter { Name: "page" or "size" } paging && paging.Schema is OpenApiSchema schema
                        && context.Description.RelativePath?.StartsWith("api/v1/patents", StringComparison.Ordinal) != true)
                    {
                        schema.Type = JsonSchemaType.Integer;
                        schema.Format = "int32";
                    }
                if (scopes.Count > 0 && context.Document is { } document)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = scopes });
                }
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapMarketplaceApiV1(this IEndpointRouteBuilder app)
    {
        app.MapOpenLicenceApi();
        app.MapNeedsApi();
        return app;
    }

    /// <summary>
    /// The 1-based page and the page size (1–100), or the problems naming each bad parameter. Read as text,
    /// so that "page=abc" gets the same problem document as "page=0" rather than a bare 400 from binding.
    /// </summary>
    internal static (int Page, int Size) Paging(string? page, string? size, Dictionary<string, string[]> errors)
    {
        var p = 1;
        var n = 20;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out p) || p < 1))
            errors["page"] = [$"The page is a whole number from 1, not '{page}'."];
        if (!string.IsNullOrWhiteSpace(size) && (!int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n) || n is < 1 or > 100))
            errors["size"] = [$"The page size is a whole number from 1 to 100, not '{size}'."];
        return (Math.Max(p, 1), Math.Clamp(n, 1, 100));
    }

    /// <summary>RFC 7807 problem details with one entry per bad field or parameter.</summary>
    internal static IResult Invalid(string title, Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: title,
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
}

/// <summary>One page of a list: the total matching, the page and size asked for, and the items.</summary>
public sealed record ApiPage<T>(int Total, int Page, int Size, IReadOnlyList<T> Items);
