using Analytics.HighValue;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Web.Pledges;

public static class PledgesHostingExtensions
{
    /// <summary>Pledge financing (质押融资): the register, its index label, its figures and high-value criterion 4's source.</summary>
    public static IHostApplicationBuilder AddPledges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PledgeOptions>().BindConfiguration(PledgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IPledgeRegister, PledgeRegister>();
        builder.Services.AddScoped<PledgeLabels>();
        builder.Services.AddScoped<PledgeService>();
        builder.Services.AddSingleton<IPledgeFinancingSource, RegisteredPledgeFinancing>();
        builder.Services.AddHostedService<PledgeLabelSync>();
        return builder;
    }
}
