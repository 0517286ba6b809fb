using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 4 in Chromium: the university gives its bank details; the enterprise finds a published open licence,
/// is refused until it accepts the terms, takes it and sees where to transfer the fee; the university confirms the
/// transfer from its ledger; both ledgers show the licence in force.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class LicencePaymentJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    private const string Account = "6222020200112233445";

    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    [InlineData(Walk.Laptop, Walk.English)]
    public async Task An_enterprise_takes_a_licence_pays_by_bank_transfer_and_the_licensor_confirms_receipt(int width, string culture)
    {
        await site.VerifiedEnterpriseAsync();
        var university = await site.UniversityIdAsync();
        var (declaration, patent) = await site.DeclarationAsync($"一种旅程许可用的陶瓷釉料配方（{width} {culture}）", 80_000m, publish: true);
        await using var walk = new Walk(site, browser, "4-licence", width, culture);

        var licensor = await walk.AsAsync(JourneySite.UniversityOwner);
        await licensor.GotoAsync($"/organizations/{university}");
        await licensor.Locator("#Bank_PayeeName").FillAsync(JourneySite.UniversityName);
        await licensor.Locator("#Bank_BankName").FillAsync("中国工商银行泉州分行");
        await licensor.Locator("#Bank_AccountNumber").FillAsync(Account);
        await licensor.Locator("#save-bank-details").ClickAsync();
        await Assertions.Expect(licensor.Locator("#Bank_AccountNumber")).ToHaveValueAsync(Account);
        await walk.CheckAsync(licensor, "bank-details");

        var licensee = await walk.AsAsync(JourneySite.EnterpriseOwner);
        await licensee.GotoAsync("/licences?q=" + patent);
        await walk.CheckAsync(licensee, "catalogue");
        await licensee.Locator("#offers .hit a").First.ClickAsync();
        await Assertions.Expect(licensee).ToHaveURLAsync(new Regex($"/licences/{declaration.Id}$"));
        await Assertions.Expect(licensee.Locator("#offer-fee")).ToContainTextAsync("80,000.00");
        await walk.CheckAsync(licensee, "offer");
        await licensee.Locator("#take-licence").ClickAsync();
        await Assertions.Expect(licensee.Locator("#errors")).Not.ToBeEmptyAsync();
        await walk.CheckAsync(licensee, "take-refused");
        await licensee.Locator("#accept-terms").CheckAsync();
        await licensee.Locator("#take-licence").ClickAsync();
        await Assertions.Expect(licensee.Locator("#licence-status")).ToHaveTextAsync(walk.Text("Notified, awaiting payment"));
        await Assertions.Expect(licensee.Locator("#payee-account")).ToHaveTextAsync(Account);
        var reference = (await licensee.Locator("#remittance-reference").TextContentAsync())!.Trim();
        var orderUrl = new Uri(licensee.Url).PathAndQuery;
        await walk.CheckAsync(licensee, "bank-transfer");

        await licensor.GotoAsync("/licensing/ledger");
        await walk.CheckAsync(licensor, "licensor-ledger");
        await licensor.Locator("#ledger a", new() { HasText = reference }).ClickAsync();
        await Assertions.Expect(licensor).ToHaveURLAsync(new Regex(Regex.Escape(orderUrl) + "$"));
        await licensor.Locator("#payment input[name=reference]").FillAsync("ICBC-" + reference);
        await licensor.Locator("#confirm-transfer").ClickAsync();
        await Assertions.Expect(licensor.Locator("#licence-status")).ToHaveTextAsync(walk.Text("In force"));
        await walk.CheckAsync(licensor, "transfer-confirmed");

        await licensee.GotoAsync("/licensing/ledger");
        // The totals add up every walk's licence; this licence's row shows what was paid.
        await Assertions.Expect(licensee.Locator("#ledger tr", new() { HasText = reference })).ToContainTextAsync("80,000.00");
        await walk.CheckAsync(licensee, "licensee-ledger");
        await licensee.GotoAsync(orderUrl);
        await Assertions.Expect(licensee.Locator("#contract-pdf")).ToBeVisibleAsync();
        await walk.CheckAsync(licensee, "licence");

        walk.AssertClean();
    }
}
