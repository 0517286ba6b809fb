using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Marketplace.Web.Api;

/// <summary>
/// What every feature's part of the JSON API shares: the one versioned OpenAPI document (/api/v1/openapi.json),
/// bearer tokens only (the OpenIddict validation scheme, named explicitly so the Identity cookie never answers
/// for the API), one scope policy per area with an OAuth 2.0 client-credentials security scheme on every
/// operation that needs a token. The endpoints themselves live with their feature (Patents, Licensing, Needs,
/// Organizations) and are mapped by the host.
/// </summary>
public static class ApiDocument
{
    public const string DocumentName = "v1";
    public const string OpenApiPattern = "/api/{documentName}/openapi.json";
    public const string OpenApiPath = "/api/v1/openapi.json";

    /// <summary>The security scheme's name in the OpenAPI document.</summary>
    public const string SecurityScheme = "oauth2";

    /// <summary>The authentication scheme of every token-bound API operation.</summary>
    public const string BearerScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    public static string ScopePolicy(string scope) => "api:" + scope;

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
            builder.AddPolicy(ScopePolicy(scope), p => p
                .AddAuthenticationSchemes(BearerScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(scope)));

        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Patent Marketplace API";
                document.Info.Version = "v1";
                document.Info.Description = "Patent search, patent records, published open licences and technical needs. "
                    + "Patents and open licences need no token; needs want an OAuth 2.0 client-credentials token from /connect/token "
                    + "with the scope marketplace.needs (read) or marketplace.needs.write (post, close).";
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
                    .Where(p => p.StartsWith(ScopePolicy(""), StringComparison.Ordinal))
                    .Select(p => p[ScopePolicy("").Length..]).ToList();
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
        return services;
    }

    /// <summary>The OpenAPI document, open to anyone.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPattern).AllowAnonymous();
        return app;
    }
}
