using System.Security.Claims;
using System.Text.Json;
using Analytics.Taxonomy;
using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Api;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Marketplace.Web.Needs;

/// <summary>
/// Technical needs (企业出题) over the API. Reads want the scope marketplace.needs and show what the
/// token's organisation may see on the site (its own, those it is invited to, public ones): a public
/// need is for "everyone signed in", so not for anonymous callers. Posting and closing want
/// marketplace.needs.write on a client-credentials token of a verified enterprise, for which the need
/// is posted; the need's author is the API client (its OpenIddict application id).
/// </summary>
public static class NeedsApi
{
    public static IEndpointRouteBuilder MapNeedsApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").WithTags("needs");
        v1.MapGet("/needs", ListAsync)
            .RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.NeedsRead))
            .WithName("ListNeeds")
            .WithSummary("The technical needs the token's organisation may see, newest first (open ones unless status=all or closed).")
            .Produces<ApiPage<ApiNeed>>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapGet("/needs/{id:guid}", GetAsync)
            .RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.NeedsRead))
            .WithName("GetNeed")
            .WithSummary("One technical need, if the token's organisation may see it.")
            .Produces<ApiNeed>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapPost("/needs", PostAsync)
            .RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.NeedsWrite))
            .WithName("PostNeed")
            .WithSummary("Posts a technical need for the client's enterprise (client-credentials token of a verified enterprise).")
            .Accepts<ApiNewNeed>("application/json")
            .Produces<ApiNeed>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status429TooManyRequests);
        v1.MapPost("/needs/{id:guid}/close", CloseAsync)
            .RequireAuthorization(ApiDocument.ScopePolicy(ApiScopes.NeedsWrite))
            .WithName("CloseNeed")
            .WithSummary("Closes one of the client's enterprise's open needs.")
            .Produces<ApiNeed>()
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Produces(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private const string PrivateCache = "private, max-age=0, must-revalidate";

    /// <param name="chain">Industry chain id of the taxonomy (e.g. <c>new-energy</c>).</param>
    /// <param name="status">open (default), closed or all.</param>
    /// <param name="page">1-based page.</param>
    /// <param name="size">Page size, 1–100 (default 20).</param>
    private static async Task<IResult> ListAsync(HttpContext http, NeedService needs, MarketplaceDbContext db, IOpenIddictApplicationManager applications, IndustryTaxonomy taxonomy,
        [FromQuery] string? chain, [FromQuery] string? status, [FromQuery] string? page, [FromQuery] string? size)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (pageNumber, pageSize) = ApiResults.Paging(page, size, errors);
        chain = string.IsNullOrWhiteSpace(chain) ? null : chain.Trim();
        if (chain is not null && taxonomy.Chain(chain) is null)
            errors["chain"] = [$"Unknown industry chain '{chain}'."];
        status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim().ToLowerInvariant();
        if (status is not ("open" or "closed" or "all")) errors["status"] = ["The status is open, closed or all."];
        if (errors.Count > 0) return ApiResults.Invalid("Invalid need filters", errors);

        var viewer = await ViewerAsync(http.User, needs, db, applications, http.RequestAborted);
        // The feed applies the needs feature's visibility rule (and its cap of the newest 200).
        var feed = await needs.FeedAsync(viewer, chain, openOnly: status == "open", http.RequestAborted);
        if (status == "closed") feed = [.. feed.Where(n => n.Status == NeedStatus.Closed)];
        var names = await needs.OrganizationNamesAsync(feed.Select(n => n.OrganizationId), http.RequestAborted);
        var body = new ApiPage<ApiNeed>(feed.Count, pageNumber, pageSize,
            [.. feed.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(n => ApiNeed.From(n, names.GetValueOrDefault(n.OrganizationId, "")))]);
        return ApiResults.WithETag(http, body, PrivateCache);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, NeedService needs, MarketplaceDbContext db, IOpenIddictApplicationManager applications)
    {
        var viewer = await ViewerAsync(http.User, needs, db, applications, http.RequestAborted);
        var need = await needs.FindAsync(id, http.RequestAborted);
        // A need the caller may not see answers as one that does not exist.
        if (need is null || !need.IsVisibleTo(viewer)) return NoSuchNeed(id);
        var names = await needs.OrganizationNamesAsync([need.OrganizationId], http.RequestAborted);
        return ApiResults.WithETag(http, ApiNeed.From(need, names.GetValueOrDefault(need.OrganizationId, "")), PrivateCache);
    }

    private static async Task<IResult> PostAsync(HttpContext http, NeedService needs, MarketplaceDbContext db, IOpenIddictApplicationManager applications, IndustryTaxonomy taxonomy, TimeProvider clock)
    {
        if (StaffAccess.UserId(http.User) is not null)
            return Refused("Needs are posted over the API by an enterprise's API client with a client-credentials token, not with a person's token.");
        var viewer = await ViewerAsync(http.User, needs, db, applications, http.RequestAborted);
        if (NeedService.CannotPost(viewer) is { } reason) return Refused(reason);

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return ApiResults.Invalid("The need is not valid", new Dictionary<string, string[]> { ["$"] = [$"The body is not JSON: {e.Message}"] });
        }
        var (draft, errors) = ApiNewNeed.Read(body);
        // The needs feature's own rules, each problem named by the API's field name.
        foreach (var (field, message) in draft.Validate(clock.GetUtcNow().UtcDateTime, taxonomy))
        {
            var name = ApiNewNeed.FieldName(field);
            errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
        }
        if (errors.Count > 0) return ApiResults.Invalid("The need is not valid", errors);

        Need need;
        try
        {
            need = await needs.PostAsync(viewer, draft, http.RequestAborted);
        }
        catch (NeedRuleException e)
        {
            return ApiResults.Invalid("The need is not valid", new Dictionary<string, string[]> { ["$"] = [e.Message] });
        }
        var names = await needs.OrganizationNamesAsync([need.OrganizationId], http.RequestAborted);
        http.Response.Headers.Location = $"/api/v1/needs/{need.Id}";
        return TypedResults.Json(ApiNeed.From(need, names.GetValueOrDefault(need.OrganizationId, "")), ApiResults.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CloseAsync(Guid id, HttpContext http, NeedService needs, MarketplaceDbContext db, IOpenIddictApplicationManager applications)
    {
        if (StaffAccess.UserId(http.User) is not null)
            return Refused("Needs are closed over the API by the enterprise's API client, not with a person's token.");
        var viewer = await ViewerAsync(http.User, needs, db, applications, http.RequestAborted);
        var need = await needs.FindAsync(id, http.RequestAborted);
        if (need is null || !need.IsVisibleTo(viewer)) return NoSuchNeed(id);
        if (!need.IsOwnedBy(viewer)) return Refused("Only the enterprise that posted the need can close it.");
        try
        {
            await needs.CloseAsync(need, viewer, http.RequestAborted);
        }
        catch (NeedRuleException e)
        {
            return TypedResults.Problem(title: "The need cannot be closed", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
        var names = await needs.OrganizationNamesAsync([need.OrganizationId], http.RequestAborted);
        return TypedResults.Json(ApiNeed.From(need, names.GetValueOrDefault(need.OrganizationId, "")), ApiResults.Json);
    }

    private static ProblemHttpResult NoSuchNeed(Guid id) =>
        TypedResults.Problem(title: "No such need", detail: $"No need you may see has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Refused(string reason) =>
        TypedResults.Problem(title: "Not allowed", detail: reason, statusCode: StatusCodes.Status403Forbidden);

    /// <summary>
    /// Who the token acts for. A person's token (code flow): the person, as on the site. A client's
    /// token: its organisation (from the token's org_id claim, as issued for the client's owner), the
    /// client itself standing as the signed-in party; never an operator.
    /// </summary>
    internal static async Task<NeedViewer> ViewerAsync(ClaimsPrincipal user, NeedService needs, MarketplaceDbContext db, IOpenIddictApplicationManager applications,
        CancellationToken cancellationToken)
    {
        if (StaffAccess.UserId(user) is not null) return await needs.ViewerAsync(user, cancellationToken);
        var clientId = user.GetClaim(Claims.Subject);
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null || !Guid.TryParse(await applications.GetIdAsync(application, cancellationToken), out var applicationId))
            return new NeedViewer(null, null, null, false);
        var organization = Guid.TryParse(user.GetClaim(ApiScopes.OrganizationClaim), out var organizationId)
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Id, o.Type, o.Verification }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (organization is null) return new NeedViewer(applicationId, null, null, false);
        return new NeedViewer(applicationId, organization.Id, organization.Type, false) { Verified = organization.Verification == VerificationStatus.Verified };
    }
}

/// <summary>A technical need as the API shows it. Budget in 万元 (10,000 CNY).</summary>
/// <param name="Outcome">license, transfer, joint-development or commissioned-research.</param>
/// <param name="Visibility">public, operators-only or invited-universities.</param>
/// <param name="Status">open or closed.</param>
/// <param name="Url">The need's page on the site.</param>
public sealed record ApiNeed(
    Guid Id, string Title, string Description, string? Chain, string Outcome, decimal? BudgetMin, decimal? BudgetMax, DateOnly? Deadline,
    string? Region, string Visibility, string Status, string Organization, ApiNeedElements Elements, DateTime CreatedAt, DateTime UpdatedAt, string Url)
{
    public static ApiNeed From(Need n, string organization) => new(
        n.Id, n.Title, n.Description, n.ChainId, ApiNames.Of(n.Outcome), n.BudgetMin, n.BudgetMax,
        n.Deadline is { } d ? DateOnly.FromDateTime(d) : null, n.Region, ApiNames.Of(n.Visibility), ApiNames.Of(n.Status), organization,
        new ApiNeedElements(NeedDraft.Split(n.Materials), NeedDraft.Split(n.Methods), NeedDraft.Split(n.Effects), NeedDraft.Split(n.Products), NeedDraft.Split(n.Applications)),
        n.CreatedAt, n.UpdatedAt, $"/needs/{n.Id}");
}

/// <summary>The need's confirmed elements, used to match patents.</summary>
public sealed record ApiNeedElements(IReadOnlyList<string> Materials, IReadOnlyList<string> Methods, IReadOnlyList<string> Effects, IReadOnlyList<string> Products, IReadOnlyList<string> Applications);

/// <summary>What a client posts. Title and description are required; the rest is optional.</summary>
/// <param name="Chain">Industry chain id of the taxonomy (e.g. <c>new-energy</c>).</param>
/// <param name="Outcome">license (default), transfer, joint-development or commissioned-research.</param>
/// <param name="BudgetMin">Lower end of the budget in 万元 (10,000 CNY).</param>
/// <param name="BudgetMax">Upper end of the budget in 万元.</param>
/// <param name="Deadline">yyyy-MM-dd, not in the past.</param>
/// <param name="Visibility">public (default), operators-only or invited-universities.</param>
public sealed record ApiNewNeed(
    string Title, string Description, string? Chain, string? Outcome, decimal? BudgetMin, decimal? BudgetMax, DateOnly? Deadline, string? Region,
    string? Visibility, IReadOnlyList<string>? Materials, IReadOnlyList<string>? Methods, IReadOnlyList<string>? Effects,
    IReadOnlyList<string>? Products, IReadOnlyList<string>? Applications)
{

    /// <summary>The API's name of a <see cref="NeedDraft"/> field the needs feature reports.</summary>
    public static string FieldName(string draftField) => draftField == nameof(NeedDraft.ChainId) ? "chain" : JsonNamingPolicy.CamelCase.ConvertName(draftField);

    private static readonly string[] Lists = ["materials", "methods", "effects", "products", "applications"];

    private static readonly HashSet<string> Known = new(
        ["title", "description", "chain", "outcome", "budgetMin", "budgetMax", "deadline", "region", "visibility", .. Lists], StringComparer.Ordinal);

    /// <summary>
    /// Reads the body field by field, so that every wrong type, unknown value or unknown property is
    /// named (model binding would stop at the first). The draft then goes through the feature's rules.
    /// </summary>
    public static (NeedDraft Draft, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The body must be a JSON object."];
            return (new NeedDraft(), errors);
        }
        foreach (var p in body.EnumerateObject())
            if (!Known.Contains(p.Name)) errors[p.Name] = [$"Unknown property. Known: {string.Join(", ", Known.Order(StringComparer.Ordinal))}."];

        string? Text(string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            errors[name] = ["Expected a string."];
            return null;
        }
        decimal? Number(string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            errors[name] = ["Expected a number (万元)."];
            return null;
        }
        TEnum? Choice<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum
        {
            var text = Text(name);
            if (text is null) return errors.ContainsKey(name) ? null : fallback;
            if (ApiNames.Parse<TEnum>(text) is { } value) return value;
            errors[name] = [$"Unknown value '{text}'. Known: {ApiNames.Known<TEnum>()}."];
            return null;
        }
        string? List(string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
                return string.Join('\n', v.EnumerateArray().Select(i => i.GetString()));
            errors[name] = ["Expected an array of strings."];
            return null;
        }

        DateTime? deadline = null;
        if (Text("deadline") is { } day)
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                deadline = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            else errors["deadline"] = [$"'{day}' is not a date: expected yyyy-MM-dd."];
        }
        var draft = new NeedDraft
        {
            Title = Text("title") ?? "",
            Description = Text("description") ?? "",
            ChainId = Text("chain"),
            // An unreadable choice is reported above; the draft gets the default so its own checks do not repeat it.
            Outcome = Choice("outcome", NeedOutcome.License) ?? NeedOutcome.License,
            Visibility = Choice("visibility", NeedVisibility.Public) ?? NeedVisibility.Public,
            BudgetMin = Number("budgetMin"),
            BudgetMax = Number("budgetMax"),
            Deadline = deadline,
            Region = Text("region"),
            Materials = List("materials"),
            Methods = List("methods"),
            Effects = List("effects"),
            Products = List("products"),
            Applications = List("applications"),
        };
        return (draft, errors);
    }
}
