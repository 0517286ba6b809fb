using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Analytics;

public static class AnalyticsHostingExtensions
{
    /// <summary>
    /// Registers Analytics: <see cref="AnalyticsOptions"/> from the "Analytics" section (checked at
    /// start-up: a taxonomy or upload file that is named must exist), the taxonomy (the operator's
    /// file when configured, else the shipped one), the technology-field concordance and
    /// <see cref="PatentAnalytics"/>. Call after <c>AddSearch</c>, which provides the index.
    /// </summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.TaxonomyPath) || File.Exists(o.TaxonomyPath), "Analytics:TaxonomyPath names a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.AwardsFile) || File.Exists(o.AwardsFile), "Analytics:AwardsFile names a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PledgesFile) || File.Exists(o.PledgesFile), "Analytics:PledgesFile names a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ImplementedFile) || File.Exists(o.ImplementedFile), "Analytics:ImplementedFile names a file that does not exist.")
            .Validate(o => o.Chains.MinModelConfidence is >= 0 and <= 1, "Analytics:Chains:MinModelConfidence must be between 0 and 1.")
            .Validate(o => o.HighValue.PledgeThresholdCny > 0, "Analytics:HighValue:PledgeThresholdCny must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
            return string.IsNullOrWhiteSpace(o.TaxonomyPath) ? IndustryTaxonomy.Default : IndustryTaxonomy.LoadFile(o.TaxonomyPath);
        });
        builder.Services.AddSingleton(TechnologyFieldConcordance.Default);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new PatentAnalytics(
            sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value, sp.GetRequiredService<IndustryTaxonomy>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
