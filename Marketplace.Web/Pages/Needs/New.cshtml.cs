using System.ComponentModel.DataAnnotations;
using Analytics.Taxonomy;
using Marketplace.Web.Localization;
using Marketplace.Web.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Needs;

/// <summary>An enterprise posts a need; "Propose elements" fills the structured elements from the text for the author to correct.</summary>
public sealed class NewModel(NeedService needs, IndustryTaxonomy taxonomy, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty]
    public NeedInput Input { get; set; } = new();

    /// <summary>Why this person cannot post now (shown instead of the form's button), or null.</summary>
    public string? CannotPost { get; private set; }

    public bool Proposed { get; private set; }

    public async Task OnGetAsync() => CannotPost = NeedService.CannotPost(await needs.ViewerAsync(User));

    public async Task<IActionResult> OnPostProposeAsync()
    {
        CannotPost = NeedService.CannotPost(await needs.ViewerAsync(User));
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Title) && string.IsNullOrWhiteSpace(Input.Description))
        {
            ModelState.AddModelError("Input.Description", L["Write the title and description first; the elements are proposed from them."]);
            return Page();
        }
        var e = needs.ProposeElements(Input.Title ?? "", Input.Description ?? "");
        Input.Materials = string.Join('\n', e.Materials);
        Input.Methods = string.Join('\n', e.Methods);
        Input.Effects = string.Join('\n', e.Effects);
        Input.Products = string.Join('\n', e.Products);
        Input.Applications = string.Join('\n', e.Applications);
        Proposed = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var viewer = await needs.ViewerAsync(User);
        CannotPost = NeedService.CannotPost(viewer);
        if (CannotPost is not null) return Page();
        var draft = Input.ToDraft();
        foreach (var (field, message) in draft.Validate(clock.GetUtcNow().UtcDateTime, taxonomy))
            ModelState.AddModelError($"Input.{field}", L[message]);
        if (!ModelState.IsValid) return Page();
        try
        {
            var need = await needs.PostAsync(viewer, draft);
            return Redirect($"/needs/{need.Id}/candidates");
        }
        catch (NeedRuleException e)
        {
            ModelState.AddModelError("", L[e.Message]);
            return Page();
        }
    }
}

public sealed class NeedInput
{
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Description of the problem")]
    public string? Description { get; set; }

    [Display(Name = "Industry chain")]
    public string? ChainId { get; set; }

    [Display(Name = "Outcome wanted")]
    public NeedOutcome Outcome { get; set; } = NeedOutcome.License;

    [Display(Name = "Budget from (10,000 CNY)")]
    public decimal? BudgetMin { get; set; }

    [Display(Name = "Budget to (10,000 CNY)")]
    public decimal? BudgetMax { get; set; }

    [Display(Name = "Deadline")]
    [DataType(DataType.Date)]
    public DateTime? Deadline { get; set; }

    [Display(Name = "Region")]
    public string? Region { get; set; }

    [Display(Name = "Who may see it")]
    public NeedVisibility Visibility { get; set; } = NeedVisibility.Public;

    [Display(Name = "Materials")]
    public string? Materials { get; set; }

    [Display(Name = "Methods and processes")]
    public string? Methods { get; set; }

    [Display(Name = "Effects wanted")]
    public string? Effects { get; set; }

    [Display(Name = "Products")]
    public string? Products { get; set; }

    [Display(Name = "Applications")]
    public string? Applications { get; set; }

    public NeedDraft ToDraft() => new()
    {
        Title = Title ?? "",
        Description = Description ?? "",
        ChainId = ChainId,
        Outcome = Outcome,
        BudgetMin = BudgetMin,
        BudgetMax = BudgetMax,
        Deadline = Deadline is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null,
        Region = Region,
        Visibility = Visibility,
        Materials = Materials,
        Methods = Methods,
        Effects = Effects,
        Products = Products,
        Applications = Applications,
    };
}
