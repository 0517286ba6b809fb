using Analytics.Reports;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Pledges;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Pledges;

/// <summary>
/// The pledge register: operators see and keep every pledge, a bank's members the pledges it holds. One page for both,
/// since a bank is no platform staff: it registers, imports a spreadsheet and releases; everyone else is refused.
/// </summary>
[Authorize]
public sealed class IndexModel(MarketplaceDbContext db, PledgeService pledges, ReportOptions reports, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Uploaded registers larger than this are refused before reading.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    private static readonly Dictionary<string, string> FormKeys = new(StringComparer.Ordinal)
    {
        [PledgeFields.RegistrationNumber] = "Input.RegistrationNumber",
        [PledgeFields.Pledgor] = "Input.PledgorName",
        [PledgeFields.Pledgee] = "Input.PledgeeName",
        [PledgeFields.Amount] = "Input.AmountYuan",
        [PledgeFields.RegisteredOn] = "Input.RegisteredOn",
        [PledgeFields.EndsOn] = "Input.EndsOn",
        [PledgeFields.ReleasedOn] = "Input.ReleasedOn",
        [PledgeFields.County] = "Input.County",
        [PledgeFields.Patents] = "Input.Patents",
    };

    public PledgeActor Actor { get; private set; } = null!;

    public IReadOnlyList<PledgeRecord> Records { get; private set; } = [];

    public IReadOnlyList<string> Counties => [.. reports.City.EffectiveCounties.Select(c => c.Name)];

    [BindProperty]
    public PledgeInput Input { get; set; } = new();

    public PledgeImportResult? Import { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? message)
    {
        if (await LoadAsync() is { } denied) return denied;
        Message = message switch
        {
            "registered" => L["Pledge registered; its patents are marked as pledged."].Value,
            "released" => L["Pledge released; its patents may be transferred again."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } denied) return denied;
        try
        {
            await pledges.RegisterAsync(Actor, Input);
            return RedirectToPage(new { message = "registered" });
        }
        catch (PledgeRuleException ex)
        {
            ModelState.AddModelError(FormKeys.GetValueOrDefault(ex.Field, ""), L[ex.Template, [.. ex.Arguments]]);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (await LoadAsync() is { } denied) return denied;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", L["Choose a CSV or Excel file."]);
            return Page();
        }
        if (file.Length > MaxImportBytes)
        {
            ModelState.AddModelError("file", L["The file is larger than {0} MB.", MaxImportBytes / 1024 / 1024]);
            return Page();
        }
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory);
        Import = await pledges.ImportAsync(Actor, file.FileName, memory.ToArray());
        Records = await pledges.ListAsync(Actor);
        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid id, DateOnly? releasedOn)
    {
        if (await LoadAsync() is { } denied) return denied;
        var record = await pledges.FindAsync(id);
        if (record is null || !Actor.MayChange(record)) return NotFound();
        try
        {
            await pledges.ReleaseAsync(Actor, record, releasedOn);
            return RedirectToPage(new { message = "released" });
        }
        catch (PledgeRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Template, [.. ex.Arguments]]);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Actor = (await PledgeActor.ResolveAsync(User, db))!;
        if (!Actor.CanRegister) return Forbid();
        Records = await pledges.ListAsync(Actor);
        return null;
    }
}
