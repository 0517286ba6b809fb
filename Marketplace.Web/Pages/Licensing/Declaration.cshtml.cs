using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>One declaration: its terms (editable while a draft or sent back), the checks, the evaluation reports, submission and withdrawal.</summary>
[Authorize]
public sealed class DeclarationModel(MarketplaceDbContext db, DeclarationService declarations, EvaluationReports reports, IOptions<LicensingOptions> licensing, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>The channels the terms form offers: online payment only where Stripe is configured.</summary>
    public IReadOnlyList<PaymentChannel> Channels { get; } =
        licensing.Value.OnlinePaymentConfigured ? Enum.GetValues<PaymentChannel>() : [PaymentChannel.BankTransfer];

    public OpenLicenseDeclaration Declaration { get; private set; } = null!;

    public LicensingActor Actor { get; private set; } = null!;

    public DeclarationCheck? Check { get; private set; }

    public PriceGuidance Guidance { get; private set; } = PriceGuidance.None;

    public bool CanAct => Actor.ActsFor(Declaration.OrganizationId);

    public string? Message { get; private set; }

    /// <summary>What the last save changed in the fee or the term, said explicitly (carried over the redirect).</summary>
    public IReadOnlyList<string> TermsChanges { get; private set; } = [];

    /// <summary>
    /// The terms form: the saved terms, except after a refused save, where it shows what was posted. It is not a
    /// bound property: the other handlers' forms carry no terms, and binding them would show defaults that a
    /// later save would store.
    /// </summary>
    public TermsInput Terms { get; private set; } = new();

    private const string TermsChangesKey = "declaration.terms-changes";

    public async Task<IActionResult> OnGetAsync(Guid id, string? message)
    {
        if (await LoadAsync(id) is { } denied) return denied;
        if (message == "saved" && TempData[TermsChangesKey] is string changes)
            TermsChanges = changes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Message = message switch
        {
            "saved" => L["Terms saved."].Value,
            "uploaded" => L["Evaluation report attached."].Value,
            "submitted" => L["Submitted: an operator will review and publish the declaration."].Value,
            "withdrawn" => L["The declaration is withdrawn; licences already granted stay valid."].Value,
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostTermsAsync(Guid id, [FromForm(Name = "Terms")] TermsInput terms)
    {
        if (await LoadAsync(id, act: true) is { } denied) return denied;
        Terms = terms;
        if (!ModelState.IsValid) return Page();
        return await TryAsync(async () =>
        {
            var change = await declarations.SaveTermsAsync(Declaration, terms.ToFee(), terms.TermYears, terms.OtherTerms, terms.Channel, terms.Territory, terms.ToAttestations());
            var said = new List<string>();
            if (change.FeeChanged) said.Add(L["Licence fee changed from {0} to {1}.", L.FeeText(change.FeeBefore), L.FeeText(change.FeeAfter)]);
            if (change.TermChanged) said.Add(L["Licence term changed from {0} year(s) to {1} year(s).", change.TermYearsBefore, change.TermYearsAfter]);
            if (said.Count > 0) TempData[TermsChangesKey] = string.Join('\n', said);
        }, "saved");
    }

    public async Task<IActionResult> OnPostReportAsync(Guid id, string patentId, IFormFile? report)
    {
        if (await LoadAsync(id, act: true) is { } denied) return denied;
        ModelState.Clear();
        if (report is null)
        {
            ModelState.AddModelError("", L["Choose the evaluation report (PDF)."]);
            return Page();
        }
        string name;
        long length;
        try
        {
            await using var stream = report.OpenReadStream();
            (name, length) = await reports.StoreAsync(stream, report.Length);
        }
        catch (LicensingRuleException ex)
        {
            // The refusal names the file the person chose, then what was expected of it.
            ModelState.AddModelError("", L["{0}: {1}", Path.GetFileName(report.FileName), L.Localize(ex)]);
            Check = await declarations.CheckAsync(Declaration);
            return Page();
        }
        return await TryAsync(() => declarations.AttachReportAsync(Declaration, patentId, name, length), "uploaded");
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id)
    {
        if (await LoadAsync(id, act: true) is { } denied) return denied;
        ModelState.Clear();
        try
        {
            await declarations.SubmitAsync(Declaration);
            return RedirectToPage(new { id, message = "submitted" });
        }
        catch (DeclarationRefusedException ex)
        {
            foreach (var error in ex.Check.Errors) ModelState.AddModelError("", L.Localize(error));
            return Page();
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string reason)
    {
        if (await LoadAsync(id, act: true) is { } denied) return denied;
        ModelState.Clear();
        return await TryAsync(() => declarations.WithdrawAsync(Declaration, reason ?? ""), "withdrawn");
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, string message)
    {
        try
        {
            await action();
            return RedirectToPage(new { id = Declaration.Id, message });
        }
        catch (LicensingRuleException ex)
        {
            ModelState.AddModelError("", L.Localize(ex));
            Check = await declarations.CheckAsync(Declaration);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, bool act = false)
    {
        Actor = (await LicensingActor.ResolveAsync(User, db))!;
        var declaration = await declarations.FindAsync(id);
        if (declaration is null) return NotFound();
        Declaration = declaration;
        if (!Actor.IsOperator && !Actor.IsMemberOf(declaration.OrganizationId)) return Forbid();
        if (act && !CanAct) return Forbid();
        Terms = TermsInput.From(declaration);
        // A new draft's stored channel is the enum's first (online); where that is not offered, the form starts at bank transfer.
        if (!Channels.Contains(Terms.Channel)) Terms.Channel = Channels[0];
        if (declaration.IsEditable) Check = await declarations.CheckAsync(declaration);
        Guidance = await declarations.GuidanceAsync(declaration);
        return null;
    }

    public sealed class TermsInput
    {
        public FeeKind FeeKind { get; set; }

        [Range(0, 1_000_000_000, ErrorMessage = "Give an amount between 0 and 1,000,000,000 yuan.")]
        public decimal? Amount { get; set; }

        [Range(0, 100, ErrorMessage = "Give a royalty rate between 0 and 100%.")]
        public decimal? RoyaltyPercent { get; set; }

        public RoyaltyBase RoyaltyBase { get; set; }

        [Range(0, 1_000_000_000, ErrorMessage = "Give an amount between 0 and 1,000,000,000 yuan.")]
        public decimal? AnnualMinimum { get; set; }

        [Range(0, 30, ErrorMessage = "The term is between 1 and 30 years.")]
        public int TermYears { get; set; } = 1;

        [StringLength(OpenLicenseDeclaration.MaxOtherTermsLength, ErrorMessage = "Other terms may have at most 4000 characters.")]
        public string? OtherTerms { get; set; }

        [StringLength(200, ErrorMessage = "The territory may have at most 200 characters.")]
        public string? Territory { get; set; }

        public PaymentChannel Channel { get; set; }

        public bool FeesPaid { get; set; }

        public bool NoDispute { get; set; }

        public bool Pledged { get; set; }

        public bool PledgeeConsents { get; set; }

        public bool CoOwnersConsent { get; set; }

        public LicenseFee ToFee() => FeeKind switch
        {
            FeeKind.Free => LicenseFee.Free(),
            FeeKind.LumpSum => new LicenseFee { Kind = FeeKind.LumpSum, AmountYuan = Amount },
            FeeKind.Royalty => new LicenseFee { Kind = FeeKind.Royalty, RoyaltyPercent = RoyaltyPercent, RoyaltyBase = RoyaltyBase, AnnualMinimumYuan = AnnualMinimum is > 0 ? AnnualMinimum : null },
            _ => new LicenseFee { Kind = FeeKind.EntryFeePlusRoyalty, AmountYuan = Amount, RoyaltyPercent = RoyaltyPercent, RoyaltyBase = RoyaltyBase, AnnualMinimumYuan = AnnualMinimum is > 0 ? AnnualMinimum : null },
        };

        public PatenteeAttestations ToAttestations() => new()
        {
            FeesPaid = FeesPaid, NoDisputeOrPreservation = NoDispute, Pledged = Pledged, PledgeeConsents = PledgeeConsents, CoOwnersConsent = CoOwnersConsent,
        };

        public static TermsInput From(OpenLicenseDeclaration d) => new()
        {
            FeeKind = d.Fee.Kind,
            Amount = d.Fee.AmountYuan,
            RoyaltyPercent = d.Fee.RoyaltyPercent,
            RoyaltyBase = d.Fee.RoyaltyBase ?? RoyaltyBase.Sales,
            AnnualMinimum = d.Fee.AnnualMinimumYuan,
            TermYears = d.TermYears,
            OtherTerms = d.OtherTerms,
            Territory = d.Territory,
            Channel = d.PaymentChannel,
            FeesPaid = d.Attestations.FeesPaid,
            NoDispute = d.Attestations.NoDisputeOrPreservation,
            Pledged = d.Attestations.Pledged,
            PledgeeConsents = d.Attestations.PledgeeConsents,
            CoOwnersConsent = d.Attestations.CoOwnersConsent,
        };
    }
}
