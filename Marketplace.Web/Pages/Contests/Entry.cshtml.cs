using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Contests;

/// <summary>The entry of the organisation the person acts for: patents, summary, team, documents, and the eligibility check with reasons.</summary>
[Authorize]
public sealed class EntryModel(ContestService contests, EntryService entryService, OrganizationService organizations, UserManager<MarketplaceUser> users, IStringLocalizer<SharedResource> localizer)
    : ContestPageModel(contests, localizer)
{
    public Organization? Organization { get; private set; }

    public ContestEntry? Entry { get; private set; }

    public bool Editable { get; private set; }

    /// <summary>The uploads offered: the evaluation report only when a utility model or design is entered.</summary>
    public IReadOnlyList<EntryDocumentKind> DocumentKinds { get; private set; } = [];

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        await LoadEntryAsync();
        Message = message switch
        {
            "saved" => L["The entry is saved and checked."].Value,
            "uploaded" => L["Document attached."].Value,
            _ => null,
        };
        if (Entry is not null)
            Input = new EntryInput { Group = Entry.Group, Title = Entry.Title, Summary = Entry.Summary, Team = Entry.Team, Patents = string.Join("\n", Entry.PatentIds) };
        else Input.Group = Contest.Groups[0];
        return Page();
    }

    private async Task LoadEntryAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        Organization = user.CurrentOrganizationId is { } orgId ? await organizations.FindAsync(orgId) : null;
        Entry = Organization is null ? null : await entryService.EntryOfAsync(Contest.Id, Organization.Id);
        Editable = Organization is not null && Contest.AcceptsEntries(Contests.Now);
        if (Entry is not null && Editable) DocumentKinds = await entryService.RequiredDocumentsAsync(Entry);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        await LoadEntryAsync();
        if (Organization is null) return Forbid();
        if (!ModelState.IsValid) return Page();
        try
        {
            await entryService.SaveEntryAsync(Contest, Organization, UserId!.Value, Input.Group ?? "", Input.Title ?? "", Input.Summary ?? "", Input.Team ?? "", Input.Patents ?? "");
            return Redirect($"/contests/{id}/entry?message=saved");
        }
        catch (ContestRuleException ex)
        {
            Refused(ex);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, EntryDocumentKind kind, IFormFile? document)
    {
        if (await LoadAsync(id) is { } missing) return missing;
        await LoadEntryAsync();
        if (Organization is null) return Forbid();
        ModelState.Clear();
        if (Entry is null)
        {
            ModelState.AddModelError("", L["Save the entry before attaching documents."]);
            return Page();
        }
        if (document is null || document.Length == 0)
        {
            ModelState.AddModelError("", L["Choose a file to attach."]);
            return Page();
        }
        // Refusals name the file the person chose, then what was expected of it.
        var fileName = Path.GetFileName(document.FileName);
        if (document.Length > ContestEntry.MaxDocumentBytes)
        {
            ModelState.AddModelError("", L["{0}: {1}", fileName, L["A document may have at most 10 MB."]]);
            return Page();
        }
        using var buffer = new MemoryStream();
        await document.CopyToAsync(buffer);
        try
        {
            await entryService.AttachDocumentAsync(Contest, Organization, Entry, UserId!.Value, kind, document.FileName, buffer.ToArray());
            return Redirect($"/contests/{id}/entry?message=uploaded");
        }
        catch (ContestRuleException ex)
        {
            ModelState.AddModelError("", L["{0}: {1}", fileName, L[ex.Message, [.. ex.Arguments]]]);
            return Page();
        }
    }

    public sealed class EntryInput
    {
        [Required(ErrorMessage = "Choose a group.")]
        [Display(Name = "Group")]
        public string? Group { get; set; }

        [Required(ErrorMessage = "The project needs a title.")]
        [StringLength(200, ErrorMessage = "The title may have at most 200 characters.")]
        [Display(Name = "Project title")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Describe the project in a summary.")]
        [StringLength(5000, ErrorMessage = "The summary may have at most 5000 characters.")]
        [Display(Name = "Project summary")]
        public string? Summary { get; set; }

        [StringLength(2000, ErrorMessage = "The team may have at most 2000 characters.")]
        [Display(Name = "Team")]
        public string? Team { get; set; }

        [Required(ErrorMessage = "Enter at least one patent.")]
        [Display(Name = "Patent numbers (one per line)")]
        public string? Patents { get; set; }
    }
}
