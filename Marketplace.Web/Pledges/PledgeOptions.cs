namespace Marketplace.Web.Pledges;

/// <summary>The city's pledge-financing targets for the dashboard (section "Pledges"); unset targets show as not configured.</summary>
public sealed class PledgeOptions
{
    public const string Section = "Pledges";

    /// <summary>Pledge financing the city aims at per year, in yuan (RMB).</summary>
    public decimal? AnnualAmountTargetYuan { get; set; }

    /// <summary>Number of pledges the city aims at per year.</summary>
    public int? AnnualCountTarget { get; set; }
}
