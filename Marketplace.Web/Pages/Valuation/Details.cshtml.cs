using System.Globalization;
using Analytics.Taxonomy;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Licensing;
using Marketplace.Web.Valuation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Valuation;

/// <summary>One valuation: its patents, every input (editable for operators and the owner's administrators), the results, and the PDF report.</summary>
public sealed class DetailsModel(ValuationService valuations, MarketplaceDbContext db, IndustryTaxonomy taxonomy, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    private const string ChangesKey = "valuation.changes";

    public PatentValuation Valuation { get; private set; } = null!;

    public LicensingActor Actor { get; private set; } = null!;

    [BindProperty]
    public ValuationInput Input { get; set; } = new();

    public bool CanEdit => ValuationService.CanEdit(Actor, Valuation);

    public string? Message { get; private set; }

    /// <summary>What the last save changed, each line in the reader's language.</summary>
    public IReadOnlyList<string> Changes { get; private set; } = [];

    public string? OwnerName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied) return denied;
        Input = ValuationInput.From(Valuation.Terms);
        if (message == "saved" && TempData[ChangesKey] is string changes) Changes = changes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Message = message switch
        {
            "created" => L["Valuation saved."].Value,
            "saved" => L["Valuation saved."].Value,
            "unchanged" => L["Nothing changed."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied) return denied;
        if (!CanEdit) return Forbid();
        var terms = Input.ToTerms(ModelState, L, PatentValuation.StatutoryYearsLeftOf(Valuation.Patents, Input.ValuationDate ?? Valuation.Terms.ValuationDate), Valuation.Comparables.Count > 0);
        if (terms is null) return Page();
        try
        {
            var changes = await valuations.ReviseAsync(Actor, Valuation, terms, cancellationToken);
            if (changes.Count == 0) return Redirect(ValuationLinks.Details(id) + "?message=unchanged");
            TempData[ChangesKey] = string.Join('\n', changes.Select(c => L["{0}: {1} → {2}", L[c.Label].Value, L[c.Before].Value, L[c.After].Value].Value));
            return Redirect(ValuationLinks.Details(id) + "?message=saved");
        }
        catch (ValuationRuleException e)
        {
            ModelState.AddModelError("", L[e.Message, [.. e.Arguments]]);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", L["Someone else saved this valuation meanwhile: reload the page and make your change again."]);
            return Page();
        }
    }

    public async Task<IActionResult> OnGetReportAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied) return denied;
        var chain = Valuation.ChainId is { } c ? taxonomy.Chain(c)?.Name(CultureInfo.GetCultureInfo("zh-CN")) : null;
        var pdf = ValuationReport.Pdf(Valuation, OwnerName, chain, clock.GetUtcNow().UtcDateTime);
        await valuations.RecordDownloadAsync(Valuation, cancellationToken);
        return File(pdf, "application/pdf", $"{Valuation.Reference}.pdf");
    }

    public string RoyaltyHint => ValuationText.RoyaltyHint(L, Valuation.RoyaltyDefault);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var valuation = await valuations.FindAsync(id, cancellationToken);
        if (valuation is null) return NotFound();
        var actor = await valuations.ActorAsync(User, cancellationToken);
        if (actor is null || !ValuationService.CanView(actor, valuation)) return Forbid();
        (Valuation, Actor) = (valuation, actor);
        OwnerName = valuation.OwnerOrganizationId is { } owner
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == owner).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return null;
    }
}
