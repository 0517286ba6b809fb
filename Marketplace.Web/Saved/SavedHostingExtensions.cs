using Marketplace.Web.Accounts;
using Marketplace.Web.Jobs;
using Marketplace.Web.Patents;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;

namespace Marketplace.Web.Saved;

/// <summary>Saved searches with alerts, and patent collections with export (issue 7 §3, issue 8 §6).</summary>
public static class SavedHostingExtensions
{
    public static IHostApplicationBuilder AddSaved(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SavedSearchService>();
        builder.Services.AddScoped<SavedSearchAlerts>();
        builder.Services.AddScoped<CollectionService>();
        builder.Services.AddOptions<SavedSearchAlertOptions>().BindConfiguration(SavedSearchAlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRecurringJob<SavedSearchAlertJob>(SavedSearchAlertJob.JobName, "Saved-search alerts", sp =>
            sp.GetRequiredService<IOptions<SavedSearchAlertOptions>>().Value is { Enabled: true } o ? JobSchedule.Interval(TimeSpan.FromMinutes(o.IntervalMinutes)) : null);
        // PostConfigure: Razor Pages' own setup replaces the convention collection (see NeedsHostingExtensions).
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Saved"));
        return builder;
    }

    public static IEndpointRouteBuilder MapSaved(this IEndpointRouteBuilder app)
    {
        app.MapGet("/saved/searches/{id:guid}", OpenAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/collections/{id:guid}/export", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>Runs a saved search: the search page with its query; <c>?open=1</c> narrows it to patents with an open licence available.</summary>
    private static async Task<IResult> OpenAsync(Guid id, string? open, HttpContext http, SavedSearchService searches)
    {
        if (StaffAccess.UserId(http.User) is not { } me) return Results.Challenge();
        var saved = await searches.FindAsync(me, id, http.RequestAborted);
        if (saved is null) return Results.NotFound();
        var url = saved.SearchUrl;
        if (open is "1" or "true")
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + PatentSearchRequest.FilterPrefix + LabelFacets.OpenLicense + "=" + LabelFacets.OpenLicenseAvailable;
        return Results.Redirect(url);
    }

    /// <summary><c>/collections/{id}/export?format=csv|xlsx|jsonl</c>: the collection's patents in its order, streamed like a search export.</summary>
    private static async Task ExportAsync(Guid id, string? format, HttpContext http, CollectionService collections, PatentSearchService search, ResultExport export)
    {
        if (StaffAccess.UserId(http.User) is not { } me)
        {
            await Results.Challenge().ExecuteAsync(http);
            return;
        }
        var collection = await collections.FindAsync(me, id, http.RequestAborted);
        if (collection is null)
        {
            await Results.NotFound().ExecuteAsync(http);
            return;
        }
        if (!ResultExport.TryParseFormat(format, out var f))
        {
            await Results.Problem($"Unknown export format '{format}'. Use csv, xlsx or jsonl.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        var ids = await collections.PatentIdsAsync(collection, http.RequestAborted);
        await export.WriteResponseAsync(http, f, "collection", search.RecordsAsync(ids, http.RequestAborted));
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.ToTable("SavedSearches");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(SavedSearch.MaxName).IsRequired();
        b.Property(s => s.Query).HasMaxLength(SavedSearch.MaxQuery).IsRequired();
        b.Ignore(s => s.SearchUrl);
        b.HasIndex(s => new { s.UserId, s.Name }).IsUnique();
        b.HasIndex(s => s.AlertsEnabled);
        b.HasOne<MarketplaceUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedSearchSeenConfiguration : IEntityTypeConfiguration<SavedSearchSeen>
{
    public void Configure(EntityTypeBuilder<SavedSearchSeen> b)
    {
        b.ToTable("SavedSearchSeen");
        b.HasKey(s => new { s.SavedSearchId, s.PatentId });
        b.Property(s => s.PatentId).HasMaxLength(CollectionItem.MaxPatentId);
        b.HasOne<SavedSearch>().WithMany().HasForeignKey(s => s.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PatentCollectionConfiguration : IEntityTypeConfiguration<PatentCollection>
{
    public void Configure(EntityTypeBuilder<PatentCollection> b)
    {
        b.ToTable("PatentCollections");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(PatentCollection.MaxName).IsRequired();
        b.HasIndex(c => new { c.UserId, c.Name }).IsUnique();
        b.HasOne<MarketplaceUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CollectionItemConfiguration : IEntityTypeConfiguration<CollectionItem>
{
    public void Configure(EntityTypeBuilder<CollectionItem> b)
    {
        b.ToTable("PatentCollectionItems");
        b.HasKey(i => new { i.CollectionId, i.PatentId });
        b.Property(i => i.PatentId).HasMaxLength(CollectionItem.MaxPatentId);
        b.Property(i => i.Note).HasMaxLength(CollectionItem.MaxNote);
        b.HasIndex(i => new { i.CollectionId, i.AddedAt });
        b.HasOne<PatentCollection>().WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
