using Marketplace.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Acquisition;

public static class AcquisitionHostingExtensions
{
    /// <summary>Acquisition (收储) by operators and funds: pools, candidates, offers, the portfolio and packages with their contract.</summary>
    public static IHostApplicationBuilder AddAcquisition(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AcquisitionService>();
        builder.Services.AddScoped<PackageService>();
        builder.Services.PostConfigure<RazorPagesOptions>(o =>
        {
            // Owners answer the offers addressed to their organisation; a package's page and contract are public, as the catalogue is.
            o.Conventions.AuthorizePage("/Acquisition/Offers");
            o.Conventions.AuthorizeFolder("/Acquisition/Admin", StaffAccess.OperatorPolicy);
        });
        return builder;
    }
}
