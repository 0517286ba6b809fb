using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Pledges;

/// <summary>The city's pledge-financing targets for the dashboard (section "Pledges"); unset targets show as not configured.</summary>
public sealed class PledgeOptions
{
    public const string Section = "Pledges";

    /// <summary>Pledge financing the city aims at per year, in yuan (RMB).</summary>
    [Range(typeof(decimal), "1", "1000000000000", ErrorMessage = "Pledges:AnnualAmountTargetYuan must be between 1 and 1,000,000,000,000 yuan.")]
    public decimal? AnnualAmountTargetYuan { get; set; }

    /// <summary>Number of pledges the city aims at per year.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Pledges:AnnualCountTarget must be between 1 and 1,000,000.")]
    public int? AnnualCountTarget { get; set; }
}
