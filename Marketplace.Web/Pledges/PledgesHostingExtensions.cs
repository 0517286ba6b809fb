using Analytics.HighValue;
using Marketplace.Web.IndexLabels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Pledges;

public static class PledgesHostingExtensions
{
    /// <summary>Pledge financing (质押融资): the register, its index label, its figures and high-value criterion 4's source.</summary>
    public static IHostApplicationBuilder AddPledges(this IHostApplicationBuilder builder)
    {
        // Start-up messages for the operator who set the value, in English like every other setting's.
        builder.Services.AddOptions<PledgeOptions>().BindConfiguration(PledgeOptions.Section)
            .Validate(o => o.AnnualAmountTargetYuan is null or (> 0 and <= 1_000_000_000_000m), "Pledges:AnnualAmountTargetYuan must be more than 0 and at most 1,000,000,000,000 yuan.")
            .Validate(o => o.AnnualCountTarget is null or (> 0 and <= 1_000_000), "Pledges:AnnualCountTarget must be between 1 and 1,000,000.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IPledgeRegister, PledgeRegister>();
        builder.AddIndexLabel<PledgeLabel>();
        builder.Services.AddScoped<PledgeService>();
        builder.Services.AddSingleton<IPledgeFinancingSource, RegisteredPledgeFinancing>();
        return builder;
    }
}
