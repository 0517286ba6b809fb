using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Localization;
using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Contests.Manage;

/// <summary>An operator sets up a contest: name, description, groups, eligibility rules, first deadline (three stages follow).</summary>
[Authorize(Policy = StaffAccess.OperatorPolicy)]
public sealed class CreateModel(ContestService contests, DisplayTime time, IStringLocalizer<SharedResource> L) : PageModel
{
    // The suggested groups are in the operator's language: they are shown on the contest as typed.
    [BindProperty]
    public ContestInput Input { get; set; } = new() { Groups = L["Invention start-up group"] + "\n" + L["Invention growth group"] };

    public void OnGet()
    {
        // 09:00 in the display zone, thirty days from today there.
        Input.Deadline = time.ToLocal(contests.Now).Date.AddDays(30).AddHours(9);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var rules = new EligibilityRules
            {
                RequireInForce = Input.RequireInForce,
                RegionKeyword = string.IsNullOrWhiteSpace(Input.Region) ? null : Input.Region.Trim(),
                DocumentTypes = Input.DocumentTypes ?? [],
                OwnerTypes = Input.OwnerTypes ?? [],
            };
            var contest = await contests.CreateAsync(StaffAccess.UserId(User)!.Value, Input.Name, Input.Description ?? "",
                (Input.Groups ?? "").Split('\n'), rules, time.ToUtc(Input.Deadline!.Value), Input.AdvanceFromPreliminary, Input.AdvanceFromSemiFinal, Input.Stages);
            return Redirect($"/contests/{contest.Id}/manage?message=created");
        }
        catch (ContestRuleException ex)
        {
            ModelState.AddModelError("", L[ex.Message, [.. ex.Arguments]]);
            return Page();
        }
    }

    public sealed class ContestInput
    {
        [Required(ErrorMessage = "Enter the contest's name.")]
        [StringLength(200, ErrorMessage = "The name may have at most 200 characters.")]
        [Display(Name = "Contest name")]
        public string Name { get; set; } = "";

        [StringLength(10000, ErrorMessage = "The description may have at most 10000 characters.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "Enter at least one group.")]
        [Display(Name = "Groups (one per line)")]
        public string? Groups { get; set; }

        [Display(Name = "Only patents in force")]
        public bool RequireInForce { get; set; } = true;

        [StringLength(50, ErrorMessage = "The region may have at most 50 characters.")]
        [Display(Name = "Region (text in an applicant's address)")]
        public string? Region { get; set; } = "泉州";

        public List<DocumentType>? DocumentTypes { get; set; }

        public List<OrganizationType>? OwnerTypes { get; set; }

        [Required(ErrorMessage = "Enter the submission deadline.")]
        [Display(Name = "Submission deadline")]
        public DateTime? Deadline { get; set; }

        [Range(1, 3, ErrorMessage = "A contest has one to three stages.")]
        [Display(Name = "Stages")]
        public int Stages { get; set; } = 3;

        [Range(1, 1000, ErrorMessage = "Advance between 1 and 1000 entries.")]
        [Display(Name = "Entries advancing from the preliminary")]
        public int AdvanceFromPreliminary { get; set; } = 10;

        [Range(1, 1000, ErrorMessage = "Advance between 1 and 1000 entries.")]
        [Display(Name = "Entries advancing from the semi-final")]
        public int AdvanceFromSemiFinal { get; set; } = 5;
    }
}
