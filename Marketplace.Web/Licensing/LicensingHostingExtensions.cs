using Marketplace.Web.Hosting;
using Marketplace.Web.IndexLabels;
using Marketplace.Web.Organizations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Licensing;

public static class LicensingHostingExtensions
{
    /// <summary>Open licensing: declarations, portfolio (which answers <see cref="IPatentOwnership"/>), licences and payments.</summary>
    public static IHostApplicationBuilder AddLicensing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LicensingOptions>().BindConfiguration(LicensingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EvaluationReports>();
        builder.Services.TryAddSingleton<IPaymentGateway, StripePaymentGateway>();
        builder.Services.AddScoped<PortfolioService>();
        // The portfolio knows name variants and approved claims: it answers ownership for every feature.
        builder.Services.RemoveAll<IPatentOwnership>();
        builder.Services.AddScoped<IPatentOwnership, PortfolioPatentOwnership>();
        builder.AddIndexLabel<OpenLicenseLabel>();
        builder.Services.AddScoped<DeclarationService>();
        builder.Services.AddScoped<LicenseService>();
        builder.Services.AddScoped<LedgerService>();
        builder.Services.AddScoped<IDailyJob, RoyaltyReminders>();
        return builder;
    }
}
