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

    public ChainModelOptions Chains { get; set; } = new();
    public HighValueOptions HighValue { get; set; } = new();
    public ValueIndexOptions Value { get; set; } = new();
    public SleepingPatentOptions Sleeping { get; set; } = new();
}
