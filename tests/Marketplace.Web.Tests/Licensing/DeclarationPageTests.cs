using System.Net;
using AngleSharp.Dom;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The declaration page as the university's admin uses it: forms always start from the saved terms, and changes of price or term are said.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class DeclarationPageTests(LicensingSite site)
{
    private const string Admin = "university.admin@demo.patent-marketplace.local";

    /// <summary>A draft for ¥80,000 over 3 years by bank transfer in 福建省, which submission refuses (no statement on disputes).</summary>
    private async Task<Guid> RefusableDraftAsync()
    {
        var patent = await site.AddPatentAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        var draft = await declarations.CreateDraftAsync(university, site.UniversityOwner, [patent]);
        await declarations.SaveTermsAsync(draft, LicenseFee.LumpSum(80_000m), 3, null, PaymentChannel.BankTransfer, "福建省",
            new PatenteeAttestations { FeesPaid = true });
        return draft.Id;
    }

    private async Task<OpenLicenseDeclaration> StoredAsync(Guid id)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().OpenLicenseDeclarations.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private static async Task<HttpResponseMessage> PostAsync(SiteClient client, IElement form, string pageUrl, IEnumerable<KeyValuePair<string, string>> values)
    {
        var target = form.GetAttribute("action") is { Length: > 0 } action ? action : pageUrl;
        return await client.Http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task After_a_refused_submission_the_terms_form_shows_the_saved_terms_and_saving_it_keeps_the_price()
    {
        var id = await RefusableDraftAsync();
        var url = $"/licensing/declarations/{id}";
        using var client = await site.CreateClient().SignInAsDemoAsync(Admin);

        var page = await client.PageAsync(url);
        using var refused = await PostAsync(client, page.QuerySelector("form[action$='handler=Submit']")!, url, Html.FormValues(page.QuerySelector("form[action$='handler=Submit']")!));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var after = await Html.ReadAsync(refused);
        Assert.Contains("不存在权属纠纷", after.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);

        var form = after.QuerySelector("#terms-form")!;
        Assert.Equal("LumpSum", form.QuerySelector("#Terms_FeeKind option[selected]")?.GetAttribute("value"));
        // As the owner typed it: no trailing ".0" from the stored decimal's scale.
        Assert.Equal("80000", form.QuerySelector("#Terms_Amount")!.GetAttribute("value"));
        Assert.Equal("3", form.QuerySelector("#Terms_TermYears")!.GetAttribute("value"));
        Assert.Equal("BankTransfer", form.QuerySelector("#Terms_Channel option[selected]")?.GetAttribute("value"));
        Assert.Equal("福建省", form.QuerySelector("#Terms_Territory")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("#Terms_FeesPaid")!.HasAttribute("checked"));

        // The admin ticks the missing statement and saves the form as the refused page shows it.
        form.QuerySelector("#Terms_NoDispute")!.SetAttribute("checked", "checked");
        using var saved = await PostAsync(client, form, url, Html.FormValues(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredAsync(id);
        Assert.Equal(LicenseFee.LumpSum(80_000m), stored.Fee);
        Assert.Equal(3, stored.TermYears);
        Assert.Equal("福建省", stored.Territory);
        Assert.Equal(PaymentChannel.BankTransfer, stored.PaymentChannel);
        Assert.True(stored.Attestations.NoDisputeOrPreservation);
        var confirmation = await client.PageAsync(saved.Headers.Location!.OriginalString);
        Assert.Null(confirmation.QuerySelector("#terms-changes"));
    }

    [Fact]
    public async Task A_save_that_changes_the_fee_or_the_term_says_so_explicitly()
    {
        var id = await RefusableDraftAsync();
        var url = $"/licensing/declarations/{id}";
        using var client = await site.CreateClient().SignInAsDemoAsync(Admin);
        var form = (await client.PageAsync(url)).QuerySelector("#terms-form")!;
        var values = Html.FormValues(form).Where(v => v.Key is not ("Terms.FeeKind" or "Terms.Amount" or "Terms.TermYears")).ToList();
        values.AddRange([new("Terms.FeeKind", "Free"), new("Terms.Amount", ""), new("Terms.TermYears", "2")]);

        using var saved = await PostAsync(client, form, url, values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.PageAsync(saved.Headers.Location!.OriginalString);
        var changes = page.QuerySelectorAll("#terms-changes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["许可使用费已由“一次性支付 ¥80,000.00”改为“免费”。", "许可期限已由 3 年改为 2 年。"], changes);
        Assert.Equal(LicenseFee.Free(), (await StoredAsync(id)).Fee);

        // Said once: reloading the page does not repeat it.
        Assert.Empty((await client.PageAsync(saved.Headers.Location!.OriginalString)).QuerySelectorAll("#terms-changes li"));
    }

    [Fact]
    public async Task Withdrawal_is_offered_for_a_published_declaration_but_not_for_a_draft()
    {
        var draft = await RefusableDraftAsync();
        var published = await site.PublishAsync(LicenseFee.Free());
        using var client = await site.CreateClient().SignInAsDemoAsync(Admin);
        Assert.Null((await client.PageAsync($"/licensing/declarations/{draft}")).QuerySelector("#withdraw-form"));
        Assert.NotNull((await client.PageAsync($"/licensing/declarations/{published.Id}")).QuerySelector("#withdraw-form"));
    }

    [Fact]
    public async Task Claiming_from_the_index_by_name_says_how_many_patents_were_claimed()
    {
        await site.AddPatentAsync();
        await site.AddPatentAsync();
        using var client = await site.CreateClient().SignInAsDemoAsync(Admin);
        using var claimed = await client.SubmitAsync("/portfolio", "form[action$='handler=Claim']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        var message = (await client.PageAsync(claimed.Headers.Location!.OriginalString)).QuerySelector("#message")!.TextContent.Trim();
        Assert.Matches(@"^已从专利库认领 ([2-9]|\d{2,}) 件专利；其中 \d+ 件通过名称变体认领，等待运营人员审批。$", message);

        using var again = await client.SubmitAsync("/portfolio", "form[action$='handler=Claim']", new Dictionary<string, string>());
        Assert.Equal("未在机构名称及其名称变体下找到新的专利。", (await client.PageAsync(again.Headers.Location!.OriginalString)).QuerySelector("#message")!.TextContent.Trim());
    }
}
