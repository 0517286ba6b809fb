using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Models;

/// <summary>Background training and cohort refresh (configuration section "Models").</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>Whether the models job trains, relabels and refreshes value cohorts (tests switch it off; a request then waits in its file).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days between scheduled trainings (the daily jobs ask for one when the newest version is this old); 0 for none.</summary>
    [Range(0, 365)]
    public int TrainEveryDays { get; set; } = 7;

    /// <summary>How often the recurring models job looks for a training request, a relabel and enough change to refresh the value cohorts.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
