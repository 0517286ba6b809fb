using Analytics.Chains;
using Analytics.Matching;
using Analytics.Taxonomy;
using Marketplace.Web.Accounts;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Needs;

public static class NeedsHostingExtensions
{
    /// <summary>Needs, matching, proposals and the deal pipeline.</summary>
    public static IHostApplicationBuilder AddNeeds(this IHostApplicationBuilder builder)
    {
        // The analyzer loads jieba and the configured taxonomy once; both are thread-safe. MatchingOptions come from AddAnalytics.
        builder.Services.AddSingleton(sp => new ChainRules(sp.GetRequiredService<IndustryTaxonomy>()));
        builder.Services.AddSingleton(sp => new NeedAnalyzer(sp.GetRequiredService<ChainRules>()));
        builder.Services.AddSingleton<IMatchingModelSource>(sp => new ActiveMatchingModel(sp.GetRequiredService<Analytics.PatentAnalytics>()));
        builder.Services.AddSingleton<PatentMatcher>();
        builder.Services.AddScoped<NeedService>();
        builder.Services.AddScoped<DealService>();
        builder.Services.AddScoped<DealContracts>();
        builder.Services.AddScoped<IDailyJob, NeedAlertJob>();
        // The universities' side: the feed, field alerts, and leads from contest observers.
        builder.Services.AddMemoryCache();
        builder.Services.AddOptions<DealOptions>().BindConfiguration(DealOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<NeedFeedService>();
        builder.Services.AddScoped<IDailyJob, NeedFieldAlertJob>();
        builder.Services.AddScoped<ContestLeads>();
        builder.Services.AddScoped<IDailyJob, ContestLeadJob>();
        builder.Services.AddScoped<Contests.IObserverInterestSink, ContestLeadSink>();
        // PostConfigure: Razor Pages' own setup replaces the convention collection, so conventions added in an earlier Configure are lost.
        builder.Services.PostConfigure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Needs");
            o.Conventions.AuthorizeFolder("/Needs/Deals", StaffAccess.OperatorPolicy);
        });
        return builder;
    }
}
