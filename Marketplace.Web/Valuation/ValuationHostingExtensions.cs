using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Valuation;

public static class ValuationHostingExtensions
{
    /// <summary>Valuations: the service, the comparables from licences (transfers add their own source), and the price guidance.</summary>
    public static IHostApplicationBuilder AddValuation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ValuationService>();
        builder.Services.AddScoped<ValuationGuidance>();
        builder.Services.AddScoped<IComparableTransactions, LicenceComparables>();
        // PostConfigure: Razor Pages' own setup replaces the convention collection, so conventions added in an earlier Configure are lost.
        builder.Services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Valuation"));
        return builder;
    }
}
