using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Marketplace.Web.Accounts;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Api;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Hardening;
using Marketplace.Web.Jobs;
using Marketplace.Web.Licensing;
using Marketplace.Web.Loads;
using Marketplace.Web.Models;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Marketplace.Web.Transfers;
using Marketplace.Web.Operations;
using Marketplace.Web.Notifications;
using Marketplace.Web.OpenId;
using Marketplace.Web.Organizations;
using Marketplace.Web.Valuation;
using Marketplace.Web.Patents;
using Marketplace.Web.Pledges;
using Marketplace.Web.Privacy;
using Marketplace.Web.Products;
using Marketplace.Web.Reports;
using Marketplace.Web.Samples;
using Marketplace.Web.Saved;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hosting;

/// <summary>Everything Marketplace.Web adds to the host: pages, localisation, accounts, first-start sample load, health.</summary>
public static class MarketplaceHostingExtensions
{
    /// <summary>zh-CN first: it is the default for every visitor who has not picked a language.</summary>
    public static readonly IReadOnlyList<CultureInfo> SupportedCultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddMarketplace(this IHostApplicationBuilder builder)
    {
        // Logs, traces, metrics and backups first: everything registered after it is observed.
        builder.AddOperations();
        builder.AddDocumentFolders();

        // Chinese text goes into the HTML as characters, not as &#x…; entities (still HTML-encoded).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            o.SupportedCultures = [.. SupportedCultures];
            o.SupportedUICultures = [.. SupportedCultures];
            // ?culture= for links, then the cookie set by the language switch. No Accept-Language:
            // the product speaks Chinese unless the visitor asks for English.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        builder.Services.AddOptions<DisplayOptions>().BindConfiguration(DisplayOptions.Section)
            .Validate(o => DisplayOptions.IsKnownZone(o.TimeZone), "Display:TimeZone must be an IANA time zone id known to this machine, such as Asia/Shanghai.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DisplayTime>();

        builder.AddMarketplaceData();
        builder.AddAccounts();
        builder.AddOrganizations();
        builder.AddOpenIdServer();
        builder.AddHardening();
        builder.Services.AddApi();
        builder.AddJobs();
        builder.AddDailyJobs();
        builder.AddNotifications();
        builder.AddNeeds();
        builder.Services.AddScoped<ApiClientService>();
        builder.Services.AddScoped<DemoData>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<CityDemoSlice>();
        builder.Services.TryAddScoped<IPatentOwnership, NameMatchPatentOwnership>();
        builder.AddLicensing();
        builder.AddTransfers();
        builder.AddAcquisition();
        builder.AddContests();
        builder.AddValuation();
        builder.AddPledges();
        builder.AddProducts();

        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AddPageRoute("/Patents/Search", "");
                o.Conventions.AuthorizeFolder("/Organizations");
                o.Conventions.AuthorizeFolder("/OpenId");
                // Each feature's staff pages sit in its own Admin folder (routes stay under /admin/…).
                o.Conventions.AuthorizeFolder("/Organizations/Admin", StaffAccess.OperatorPolicy);
                o.Conventions.AuthorizeFolder("/Licensing/Admin", StaffAccess.OperatorPolicy);
                o.Conventions.AuthorizeFolder("/Products/Admin", StaffAccess.OperatorPolicy);
                o.Conventions.AuthorizeFolder("/Auditing", StaffAccess.OperatorPolicy);
                o.Conventions.AuthorizePage("/Accounts/TwoFactor");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        builder.Services.AddSingleton<PatentLabels>();
        builder.Services.AddScoped<PatentSearchService>();
        builder.AddPatentSearch();
        builder.AddSaved();

        builder.Services.AddSingleton<SampleLoadStatus>();
        builder.Services.AddHostedService<FirstStartSampleLoader>();
        builder.Services.AddSingleton<LabelStatus>();
        builder.Services.AddHostedService<StartupLabelling>();
        builder.AddReports();
        builder.AddLoads();
        builder.AddPrivacy();
        builder.AddModels();

        builder.Services.AddHealthChecks()
            .AddCheck<SearchReadinessCheck>("search", tags: ["ready"])
            .AddCheck<DatabaseReadinessCheck>("database", tags: ["ready"]);

        return builder;
    }

    /// <summary>
    /// The uploaded documents a backup takes (Operations/BackupService), each with the place under the data folder where
    /// its setting looks by default, so a restored data folder needs no settings.
    /// </summary>
    private static void AddDocumentFolders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTransient(sp => new DocumentFolder("licensing/evaluation-reports", sp.GetRequiredService<IOptions<LicensingOptions>>().Value.EvaluationReportFolder));
        builder.Services.AddTransient(sp => new DocumentFolder("deal-contracts", sp.GetRequiredService<IOptions<DealOptions>>().Value.ContractsPath));
        builder.Services.AddTransient(sp => new DocumentFolder("contest-documents", sp.GetRequiredService<IOptions<ContestOptions>>().Value.DocumentsPath));
    }

    public static WebApplication MapMarketplace(this WebApplication app)
    {
        // Culture first: the error pages re-execute without the original query string (?culture=)
        // and must still speak the visitor's language.
        app.UseRequestLocalization();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/errors/500");
        // The API and the OIDC endpoints answer in JSON (or with an empty body): no HTML error pages there.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/connect"),
            branch => branch.UseStatusCodePagesWithReExecute("/errors/{0}"));
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseDatabaseUnavailableAnswers();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Liveness: the process answers. Readiness: the index is open and the first-start load has finished.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        });

        app.MapOperations();
        // Reports waiting for their worker are the report jobs' backlog (its single-reader queue cannot count itself).
        var reports = app.Services.GetRequiredService<ReportStore>();
        app.Services.GetRequiredService<MarketplaceMetrics>().TrackBacklog("report", () => reports.UnderWay().Count(p => p.State == ReportState.Queued));
        app.MapCultureSwitch();
        app.MapConnectEndpoints();
        app.MapApiDocument();
        app.MapOrganizationsApi();
        app.MapOpenLicenseApi();
        app.MapNeedsApi();
        app.MapPatentSearch();
        app.MapSaved();
        app.MapLicensing();
        app.MapTransfers();
        app.MapReports();
        app.MapLoads();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// <c>/culture/en?returnUrl=/patents/CN…</c>: remembers the language in the standard culture
    /// cookie for a year and goes back to the page (local URLs only).
    /// </summary>
    private static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var supported = SupportedCultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
            if (supported is null)
                return Results.BadRequest($"Unsupported culture '{culture}'. Supported: {string.Join(", ", SupportedCultures.Select(c => c.Name))}.");
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = !string.IsNullOrEmpty(returnUrl) && IsLocalUrl(returnUrl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        });

    private static bool IsLocalUrl(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
