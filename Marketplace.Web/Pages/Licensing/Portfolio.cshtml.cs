using Microsoft.AspNetCore.Authorization;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>The organisation's patents: claim them from the index, filter, sort, select some (or the one a link names) and declare an open licence.</summary>
[Authorize]
public sealed class PortfolioModel(MarketplaceDbContext db, PortfolioService portfolio, DeclarationService declarations, IStringLocalizer<SharedResource> L) : PageModel
{
    public LicensingActor Actor { get; private set; } = null!;

    public IReadOnlyList<PortfolioEntry> Entries { get; private set; } = [];

    public IReadOnlyList<OrganizationNameVariant> Variants { get; private set; } = [];

    public PayoutAccount? Payout { get; private set; }

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>A patent to declare at once, preselected by a link (such as the acquired portfolio's re-offer link), even if no claim lists it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Patent { get; set; }

    public async Task<IActionResult> OnGetAsync(string? message, int? claimed, int? pending)
    {
        if (await LoadAsync() is { } denied) return denied;
        Message = message switch
        {
            "claimed-from-index" when claimed is null or <= 0 => L["No new patents were found under the organisation's name or its name variants."].Value,
            "claimed-from-index" => L["{0} patent(s) claimed from the index; {1} of them, claimed through a name variant, await an operator.", claimed, Math.Max(pending ?? 0, 0)].Value,
            "claimed" => L["Claims added from the index; claims through a name variant await an operator."].Value,
            "variant" => L["Name variant added."].Value,
            "payout" => L["Payment account connected."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync()
    {
        if (await LoadAsync(act: true) is { } denied) return denied;
        var run = await portfolio.ClaimFromIndexAsync(Actor.Organization!, Actor.UserId);
        return RedirectToPage(new { message = "claimed-from-index", claimed = run.Claimed, pending = run.AwaitingApproval });
    }

    public async Task<IActionResult> OnPostClaimOneAsync(string patentId)
    {
        if (await LoadAsync(act: true) is { } denied) return denied;
        return await TryAsync(() => portfolio.ClaimAsync(Actor.Organization!, (patentId ?? "").Trim(), Actor.UserId), "claimed");
    }

    public async Task<IActionResult> OnPostVariantAsync(string name)
    {
        if (await LoadAsync(act: true) is { } denied) return denied;
        return await TryAsync(() => portfolio.AddVariantAsync(Actor.Organization!, name ?? ""), "variant");
    }

    public async Task<IActionResult> OnPostPayoutAsync(string accountId)
    {
        if (await LoadAsync(act: true) is { } denied) return denied;
        if (!PayoutAccount.IsValidAccountId(accountId?.Trim()))
        {
            ModelState.AddModelError("", L["A Stripe account id looks like acct_ followed by letters and digits."]);
            return Page();
        }
        var existing = await db.PayoutAccounts.FirstOrDefaultAsync(a => a.OrganizationId == Actor.Organization!.Id);
        if (existing is not null) db.PayoutAccounts.Remove(existing);
        db.PayoutAccounts.Add(new PayoutAccount(Actor.Organization!.Id, accountId!.Trim(), DateTime.UtcNow));
        await db.SaveChangesAsync();
        return RedirectToPage(new { message = "payout" });
    }

    /// <summary>Bulk selection → one declaration (a package under the same terms).</summary>
    public async Task<IActionResult> OnPostDeclareAsync(string[] selected)
    {
        if (await LoadAsync(act: true) is { } denied) return denied;
        try
        {
            var declaration = await declarations.CreateDraftAsync(Actor.Organization!, Actor.UserId, selected ?? []);
            return RedirectToPage("/Licensing/Declaration", new { id = declaration.Id });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            return RedirectToPage(new { message });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(bool act = false)
    {
        Actor = (await LicensingActor.ResolveAsync(User, db))!;
        if (Actor.Organization is null) return RedirectToPage("/Organizations/Index");
        if (act && !Actor.CanActForOrganization) return Forbid();
        var entries = await portfolio.EntriesAsync(Actor.Organization.Id);
        IEnumerable<PortfolioEntry> shown = Filter switch
        {
            "in-force" => entries.Where(e => e.Record?.LegalStatus == LegalStatusInForce),
            "high-value" => entries.Where(e => e.HighValue),
            "sleeping" => entries.Where(e => e.Sleeping),
            "declared" => entries.Where(e => e.Declaration is not null),
            "pending" => entries.Where(e => e.Claim.Status == ClaimStatus.Pending),
            _ => entries,
        };
        Entries = Sort switch
        {
            "expiry" => [.. shown.OrderBy(e => e.Expiry ?? DateOnly.MaxValue)],
            "value" => [.. shown.OrderByDescending(e => e.ValueIndex ?? -1)],
            "filed" => [.. shown.OrderByDescending(e => e.Record?.ApplicationDate)],
            _ => [.. shown.OrderBy(e => e.Claim.PatentId, StringComparer.Ordinal)],
        };
        Variants = await portfolio.VariantsAsync(Actor.Organization.Id);
        Payout = await db.PayoutAccounts.FirstOrDefaultAsync(a => a.OrganizationId == Actor.Organization.Id);
        return null;
    }

    private const Search.Indexer.Records.LegalStatus LegalStatusInForce = Search.Indexer.Records.LegalStatus.InForce;
}
