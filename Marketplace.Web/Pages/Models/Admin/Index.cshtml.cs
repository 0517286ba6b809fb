using Analytics;
using Analytics.Lifecycle;
using Marketplace.Web.Jobs;
using Marketplace.Web.Localization;
using Marketplace.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Models.Admin;

/// <summary>
/// Operators: every model version with its held-out figures side by side, which one is active, Train now, and
/// Activate / Roll back behind a confirmation that shows what changes.
/// </summary>
public sealed class IndexModel(PatentAnalytics analytics, ModelWork work, JobRequests jobs, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<ModelVersion> Versions { get; private set; } = [];

    public ModelVersion? Active { get; private set; }

    /// <summary>The version an operator asked to activate, shown with what would change before they confirm.</summary>
    public ModelVersion? Confirming { get; private set; }

    public TrainingRequest? Pending { get; private set; }

    public ModelWorkState State => work.State;

    /// <summary>How far a figure may fall before a new version is kept back (<see cref="AnalyticsOptions.ValidationTolerance"/>).</summary>
    public string Tolerance => Format(analytics.Options.ValidationTolerance);

    public DateTimeOffset? Since => work.Since;

    public string? Message { get; private set; }

    public string? Refusal { get; private set; }

    public void OnGet(int? confirm, int? activated, int? was, int? refused, string? reason, bool requested)
    {
        Versions = analytics.Store.List();
        Active = Versions.FirstOrDefault(v => v.IsActive);
        Pending = analytics.Store.PendingRequest();
        Confirming = confirm is { } c ? Versions.FirstOrDefault(v => v.Number == c && !v.IsActive) : null;
        if (confirm is { } missing && Confirming is null && Versions.All(v => v.Number != missing))
            Refusal = L["Version {0} does not exist: nothing was changed.", missing].Value;
        if (refused is { } r)
            Refusal = reason == "taxonomy"
                ? L["Version {0} was trained on another taxonomy and cannot label the index: nothing was changed.", r].Value
                : L["Version {0} does not exist: nothing was changed.", r].Value;
        if (requested) Message = L["Training requested. The current model keeps serving until the new version is validated."].Value;
        if (activated is { } a)
        {
            var now = Versions.FirstOrDefault(v => v.Number == a);
            var before = was is { } w ? Versions.FirstOrDefault(v => v.Number == w) : null;
            var changes = now is null || before is null ? "" : " " + string.Join("; ", Changes(before, now).Select(x => L["{0} {1} → {2}", x.Name, x.From, x.To].Value)) + ".";
            Message = (before is null
                ? L["Version {0} is active.", a].Value
                : L["Version {0} is active in place of version {1}.", a, before.Number].Value)
                + changes + " " + L["Records are being relabelled with it in the background; searches show the new labels as they are written."].Value;
        }
    }

    public async Task<IActionResult> OnPostTrainAsync(CancellationToken ct)
    {
        // The request file is what survives a crash; the job only makes the next pass start now rather than at its schedule.
        analytics.Store.RequestTraining(User.Identity?.Name ?? "operator", "asked on the operator page", clock.GetUtcNow());
        await ModelsJob.RunSoonAsync(jobs, ct);
        return RedirectToPage(new { requested = true });
    }

    public async Task<IActionResult> OnPostActivateAsync(int version, CancellationToken ct)
    {
        var before = analytics.Store.ActiveVersion();
        switch (analytics.Activate(version))
        {
            case ActivationRefusal.NoSuchVersion:
                return RedirectToPage(new { refused = version });
            case ActivationRefusal.OtherTaxonomy:
                return RedirectToPage(new { refused = version, reason = "taxonomy" });
        }
        if (before != version)
        {
            work.RequestRelabel();
            await ModelsJob.RunSoonAsync(jobs, ct);
        }
        return RedirectToPage(new { activated = version, was = before });
    }

    /// <summary>Each held-out figure of the active version beside the other's, by localized name.</summary>
    public IEnumerable<(string Name, string From, string To)> Changes(ModelVersion from, ModelVersion to)
    {
        var a = Figures(from.Manifest.Evaluation);
        var b = Figures(to.Manifest.Evaluation);
        for (var i = 0; i < a.Count; i++) yield return (a[i].Name, a[i].Value, b[i].Value);
    }

    public IReadOnlyList<(string Name, string Value)> Figures(ModelFigures? f) =>
    [
        (L["Chain precision"].Value, Format(f?.ChainPrecision)),
        (L["Chain coverage"].Value, Format(f?.ChainCoverage)),
        (L["Coverage where no rule applies"].Value, Format(f?.WithoutChainCoverage)),
        (L["Technology-field accuracy"].Value, Format(f?.FieldAccuracy)),
        (L["Technology-field macro-F1"].Value, Format(f?.FieldMacroF1)),
        (L["IPC-section accuracy"].Value, Format(f?.SectionAccuracy)),
    ];

    public static string Format(double? figure) => figure is { } x ? x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>A version's standing in words: active, kept back by validation, or saved and available.</summary>
    public string Standing(ModelVersion v) =>
        v.IsActive ? L["Active"].Value
        : !v.Manifest.PassedValidation && v.Manifest.ComparedWithVersion is { } c ? L["Kept: figures below version {0}", c].Value
        : L["Saved, not active"].Value;
}
