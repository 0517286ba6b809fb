using Analytics.Chains;
using Analytics.HighValue;
using Analytics.Matching;
using Analytics.Sleeping;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Analytics.Value;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;

namespace Analytics;

public static class AnalyticsHostingExtensions
{
    /// <summary>
    /// Registers Analytics: every settings class bound from its "Analytics:…" section and checked at
    /// start-up (a bad value stops the host with a message naming its key), each also available as the
    /// plain settings object; the taxonomy (the operator's file when <c>Analytics:TaxonomyPath</c> is set,
    /// else the shipped one), the technology-field concordance and <see cref="PatentAnalytics"/>.
    /// Call after <c>AddSearch</c>, which provides the index.
    /// </summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ModelsPath), "Analytics:ModelsPath is required.")
            .Validate(o => string.IsNullOrWhiteSpace(o.AwardsFile) || File.Exists(o.AwardsFile), "Analytics:AwardsFile names a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PledgesFile) || File.Exists(o.PledgesFile), "Analytics:PledgesFile names a file that does not exist.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ImplementedFile) || File.Exists(o.ImplementedFile), "Analytics:ImplementedFile names a file that does not exist.")
            .Validate(o => o.BatchSize is >= 100 and <= 1_000_000, "Analytics:BatchSize must be between 100 and 1,000,000.")
            .Validate(o => o.ValidationTolerance is >= 0 and <= 1, "Analytics:ValidationTolerance must be between 0 and 1.")
            .Validate(o => o.CohortRefreshShare is > 0 and <= 1, "Analytics:CohortRefreshShare must be more than 0 and at most 1.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>, TaxonomyPathValidation>();

        // The sections below are the same keys AnalyticsOptions carries nested (Analytics:HighValue …), so both read the same values.
        services.AddOptions<ChainModelOptions>()
            .BindConfiguration(ChainModelOptions.Section)
            .Validate(o => o.MinModelConfidence is >= 0 and <= 1, "Analytics:Chains:MinModelConfidence must be between 0 and 1.")
            .Validate(o => o.MaxTrainingRecords > 0, "Analytics:Chains:MaxTrainingRecords must be positive.")
            .Validate(o => o.MaxSubTopics >= 0, "Analytics:Chains:MaxSubTopics cannot be negative.")
            .Validate(o => o.MaxSubTopicTrainingRecords > 0, "Analytics:Chains:MaxSubTopicTrainingRecords must be positive.")
            .Validate(o => o.TermsPerSubTopic > 0, "Analytics:Chains:TermsPerSubTopic must be positive.")
            .Validate(o => o.ClassifierIterations > 0, "Analytics:Chains:ClassifierIterations must be positive.")
            .Validate(o => o.ClassifierL2 >= 0 && float.IsFinite(o.ClassifierL2), "Analytics:Chains:ClassifierL2 must be zero or more.")
            .Validate(o => o.CharacterNgrams is 0 or 2 or 3 && o.HashingBits is 0 or (>= 10 and <= 24) && o.TitleWeight is >= 1 and <= 5 && o.TextChars >= 0,
                "Analytics:Chains: CharacterNgrams must be 0, 2 or 3, HashingBits 0 or 10–24, TitleWeight 1–5 and TextChars zero or more.")
            .Validate(o => o.ChainTargetPrecision is > 0 and <= 1, "Analytics:Chains:ChainTargetPrecision must be more than 0 and at most 1.")
            .ValidateOnStart();
        services.AddOptions<HighValueOptions>()
            .BindConfiguration(HighValueOptions.Section)
            .Validate(o => o.PledgeThresholdCny > 0, "Analytics:HighValue:PledgeThresholdCny must be positive.")
            .Validate(o => o.MaintainedYears is >= 1 and <= 20, "Analytics:HighValue:MaintainedYears must be between 1 and 20 (a patent's term).")
            .ValidateOnStart();
        services.AddOptions<ValueIndexOptions>()
            .BindConfiguration(ValueIndexOptions.Section)
            .Validate(o => o.Weights.All(w => Enum.TryParse<ValueComponent>(w.Key, ignoreCase: true, out _)),
                $"Analytics:Value:Weights names a component that does not exist (known: {string.Join(", ", Enum.GetNames<ValueComponent>())}).")
            .Validate(o => o.Weights.Values.All(w => w >= 0 && double.IsFinite(w)), "Analytics:Value:Weights must be zero or more.")
            .Validate(o => o.MinCohortSize > 0, "Analytics:Value:MinCohortSize must be positive.")
            .ValidateOnStart();
        services.AddOptions<SleepingPatentOptions>()
            .BindConfiguration(SleepingPatentOptions.Section)
            .Validate(o => o.MinYearsSinceGrant is >= 0 and <= 20, "Analytics:Sleeping:MinYearsSinceGrant must be between 0 and 20.")
            .Validate(o => o.OwnerNames.All(n => !string.IsNullOrWhiteSpace(n)), "Analytics:Sleeping:OwnerNames cannot hold an empty name.")
            .ValidateOnStart();
        services.AddOptions<MatchingOptions>()
            .BindConfiguration(MatchingOptions.Section)
            .Validate(o => o.Pool is >= 1 and <= PatentQuery.MaxPageSize, $"Analytics:Matching:Pool must be between 1 and {PatentQuery.MaxPageSize}.")
            .Validate(o => o.MaxQueryTerms > 0, "Analytics:Matching:MaxQueryTerms must be positive.")
            .Validate(o => o.FeedbackDepth >= 0, "Analytics:Matching:FeedbackDepth cannot be negative.")
            .Validate(o => o.RrfK > 0, "Analytics:Matching:RrfK must be positive.")
            .Validate(o => new[] { o.Bm25Weight, o.ChainWeight, o.IpcWeight, o.SubTopicWeight, o.OpenLicenseBoost, o.UniversityBoost, o.ValueBoost, o.SleepingBoost }
                .All(w => w >= 0 && double.IsFinite(w)),
                "Analytics:Matching weights and boosts (Bm25Weight, ChainWeight, IpcWeight, SubTopicWeight, OpenLicenseBoost, UniversityBoost, ValueBoost, SleepingBoost) must be zero or more.")
            .ValidateOnStart();
        // Consumers take the settings object itself, as the Analytics types' constructors do.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ChainModelOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HighValueOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ValueIndexOptions>>().Value);
        // The rules a page shows are the ones the sleeping labels were made with (no list of implemented patents: no such rule).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SleepingPatentOptions>>().Value.ForImplementedList(sp.GetRequiredService<AnalyticsOptions>().ImplementedFile));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MatchingOptions>>().Value);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<AnalyticsOptions>();
            return string.IsNullOrWhiteSpace(o.TaxonomyPath) ? IndustryTaxonomy.Default : IndustryTaxonomy.LoadFile(o.TaxonomyPath);
        });
        services.AddSingleton(TechnologyFieldConcordance.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PatentAnalytics(
            sp.GetRequiredService<AnalyticsOptions>(), sp.GetRequiredService<IndustryTaxonomy>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IPledgeFinancingSource>()));
        return builder;
    }

    /// <summary>An operator's taxonomy file must exist and read without problems, or the host does not start.</summary>
    private sealed class TaxonomyPathValidation : IValidateOptions<AnalyticsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.TaxonomyPath)) return ValidateOptionsResult.Success;
            if (!File.Exists(options.TaxonomyPath)) return ValidateOptionsResult.Fail("Analytics:TaxonomyPath names a file that does not exist.");
            try
            {
                // Read once here so a broken file stops start-up instead of the first page that needs chains.
                IndustryTaxonomy.LoadFile(options.TaxonomyPath);
                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return ValidateOptionsResult.Fail($"Analytics:TaxonomyPath: {e.Message}");
            }
        }
    }
}
