using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quartz;

namespace Marketplace.Web.Pages.Jobs.Admin;

/// <summary>Operators: every background job of the cluster with its state, next and last run, progress and error; run now or cancel.</summary>
public sealed class IndexModel(JobControl jobs) : PageModel
{
    public IReadOnlyList<JobOverview> Jobs { get; private set; } = [];

    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    /// <summary>What the last button did: started, cancelling, not-running, unknown.</summary>
    public string? Done { get; private set; }

    public string? DoneJob { get; private set; }

    public async Task OnGetAsync(string? done, string? job)
    {
        Done = done is "started" or "cancelling" or "not-running" or "unknown" ? done : null;
        DoneJob = Done is null ? null : job;
        Jobs = await jobs.JobsAsync(HttpContext.RequestAborted);
        Runs = await jobs.RecentRunsAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRunAsync(string group, string name)
    {
        var started = await jobs.RunNowAsync(new JobKey(name, group), HttpContext.RequestAborted);
        return RedirectToPage(new { done = started ? "started" : "unknown", job = name });
    }

    public async Task<IActionResult> OnPostCancelAsync(string group, string name)
    {
        var cancelling = await jobs.CancelAsync(new JobKey(name, group), HttpContext.RequestAborted);
        return RedirectToPage(new { done = cancelling ? "cancelling" : "not-running", job = name });
    }

    public static string StateKey(JobRunState state) => state switch
    {
        JobRunState.Running => "Running",
        JobRunState.Succeeded => "Succeeded",
        JobRunState.Failed => "Failed",
        JobRunState.Cancelled => "Cancelled",
        _ => "Interrupted",
    };
}
