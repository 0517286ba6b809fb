using Marketplace.Web.Accounts;
using Marketplace.Web.Data;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Acquisition;

public static class AcquisitionHostingExtensions
{
    /// <summary>Acquisition (收储) by operators and funds: pools, candidates, offers, the portfolio and packages with their contract.</summary>
    public static IHostApplicationBuilder AddAcquisition(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AcquisitionService>();
        builder.Services.AddScoped<PackageService>();
        DecorateOwnership(builder.Services);
        builder.Services.PostConfigure<RazorPagesOptions>(o =>
        {
            // Owners answer the offers addressed to their organisation; a package's page and contract are public, as the catalogue is.
            o.Conventions.AuthorizePage("/Acquisition/Offers");
            o.Conventions.AuthorizeFolder("/Acquisition/Admin", StaffAccess.OperatorPolicy);
        });
        return builder;
    }

    /// <summary>
    /// Wraps whichever ownership check is registered (the licensing portfolio's, or the name match) so that acquired
    /// patents answer for their acquirer first; the check it wraps stays unaware of acquisition.
    /// </summary>
    private static void DecorateOwnership(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IPatentOwnership))
            ?? new ServiceDescriptor(typeof(IPatentOwnership), typeof(NameMatchPatentOwnership), ServiceLifetime.Scoped);
        services.Remove(inner);
        services.AddScoped<IPatentOwnership>(sp => new AcquiredPatentOwnership(sp.GetRequiredService<MarketplaceDbContext>(), Create(sp, inner)));
    }

    private static IPatentOwnership Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IPatentOwnership)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
