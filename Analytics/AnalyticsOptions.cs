using Analytics.Chains;
using Analytics.HighValue;
using Analytics.Sleeping;
using Analytics.Value;
using Search.Indexer;

namespace Analytics;

/// <summary>Settings of Analytics, bound from the configuration section "Analytics".</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Folder of the trained models (the product's data folder unless set).</summary>
    public string ModelsPath { get; set; } = Path.Combine(DataFolders.Root, "analytics", "models");

    /// <summary>An operator's edited taxonomy file; empty for the one shipped with the product.</summary>
    public string? TaxonomyPath { get; set; }

    /// <summary>Award list (CSV/Excel) for high-value criterion 5; optional.</summary>
    public string? AwardsFile { get; set; }

    /// <summary>Pledge register with amounts (CSV/Excel) for high-value criterion 4; optional.</summary>
    public string? PledgesFile { get; set; }

    /// <summary>List of implemented patents (CSV/Excel with a patent-number column) for the sleeping rule; optional.</summary>
    public string? ImplementedFile { get; set; }

    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Whether the web application brings the index's labels up to date in the background when it starts
    /// (training a model on the index first if none fits). Off where a job labels the index instead.
    /// </summary>
    public bool LabelOnStart { get; set; } = true;

    /// <summary>
    /// How far (absolute, 0–1) a newly trained model's held-out figure may fall below the active model's on the same
    /// records and still be activated; a larger drop keeps the new version saved but inactive.
    /// </summary>
    public double ValidationTolerance { get; set; } = 0.01;

    /// <summary>
    /// The share of records added or removed since the value cohorts were learnt (0.05: 5 %) at which a background pass
    /// relearns them and relabels the records whose value index moved.
    /// </summary>
    public double CohortRefreshShare { get; set; } = 0.05;

    public ChainModelOptions Chains { get; set; } = new();
    public HighValueOptions HighValue { get; set; } = new();
    public ValueIndexOptions Value { get; set; } = new();
    public SleepingPatentOptions Sleeping { get; set; } = new();
}
