using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Pledges;
using Marketplace.Web.Tests.Support;
using Marketplace.Web.Tests.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Acquisition in Chromium: the operator builds a pool from a screen, values one candidate, is refused an offer on a
/// pledged one and sends an offer for the valued one; the university accepts it; the portfolio shows it; a package of one
/// patent is refused, one of two is made, its contract PDF lists both, and the package shows on a member's page and in the catalogue.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class AcquisitionJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    [InlineData(Walk.Laptop, Walk.English)]
    public async Task An_operator_acquires_a_university_patent_from_a_screen_and_offers_it_in_a_package_with_one_contract(int width, string culture)
    {
        // Letters only, so the analyser keeps the word whole and the screen finds exactly this walk's patents.
        var word = "acq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        var valued = await site.AddUniversityPatentAsync($"一种收储旅程用的电池管理方法 {word}");
        var second = await site.AddUniversityPatentAsync($"一种收储旅程用的电池均衡电路 {word}");
        var pledged = await site.AddUniversityPatentAsync($"一种收储旅程用的电池检测装置 {word}");
        await PledgeAsync(pledged);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var walk = new Walk(site, browser, "acquisition", width, culture);

        var staff = await walk.AsAsync(JourneySite.Operator);
        await staff.GotoAsync("/acquisition/pools");
        await staff.Locator("#pool-name").FillAsync($"储能收储池 {word}");
        await staff.Locator("#pool-purpose").FillAsync("盘活高校储能专利");
        await walk.CheckAsync(staff, "pools");
        await staff.Locator("#create-pool").ClickAsync();
        await staff.Locator("#screen-words").FillAsync(word);
        await staff.Locator("#run-screen").ClickAsync();
        await Assertions.Expect(staff.Locator("#hit-count")).ToContainTextAsync("3");
        await Assertions.Expect(staff.Locator("#hits tr[data-patent]")).ToHaveCountAsync(3);
        await walk.CheckAsync(staff, "screen");
        await staff.Locator("#add-all-button").ClickAsync();
        await Assertions.Expect(staff.Locator("#candidates tr[data-patent]")).ToHaveCountAsync(3);
        var poolUrl = staff.Url.Split('?')[0];
        await walk.CheckAsync(staff, "candidates");

        await staff.Locator($"#candidates tr[data-patent='{valued}'] .value-link").ClickAsync();
        await staff.Locator("#Input_RevenueYuan").FillAsync("2000000");
        await staff.Locator("#save-valuation").ClickAsync();
        await Assertions.Expect(staff.Locator("#conclusion")).ToContainTextAsync("¥");
        await staff.GotoAsync(poolUrl);
        await staff.Locator($"#candidates tr[data-patent='{valued}'] .mark-valued").ClickAsync();
        await Assertions.Expect(staff.Locator($"#candidates tr[data-patent='{valued}'] .stage")).ToHaveTextAsync(walk.Text("Valued"));
        await Assertions.Expect(staff.Locator($"#candidates tr[data-patent='{valued}'] .valuation")).ToContainTextAsync("¥");
        await walk.CheckAsync(staff, "valued");

        await staff.Locator($"#candidates tr[data-patent='{pledged}'] .approach-link").ClickAsync();
        await staff.Locator("#offer-price").FillAsync("100000");
        // The refused form shows the terms again: typed in the walk's language, since nothing saved them as data.
        await staff.Locator("#offer-terms").FillAsync(culture == Walk.English ? "Lump sum on signing" : "一次性付款");
        await staff.Locator("#send-offer").ClickAsync();
        await Assertions.Expect(staff.Locator("#errors")).ToContainTextAsync(pledged);
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync(walk.Text("Screened candidate"));
        await walk.CheckAsync(staff, "pledged-refused");

        await staff.GotoAsync(poolUrl);
        await staff.Locator($"#candidates tr[data-patent='{valued}'] .approach-link").ClickAsync();
        await Assertions.Expect(staff.Locator("#online-approach")).ToBeVisibleAsync();
        await staff.Locator("#offer-price").FillAsync("80000");
        await staff.Locator("#offer-terms").FillAsync("一次性付款，三十日内办理转让登记");
        await staff.Locator("#send-offer").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync(walk.Text("Approached"));
        await walk.CheckAsync(staff, "offered");

        var university = await walk.AsAsync(JourneySite.UniversityOwner);
        await university.GotoAsync("/acquisition/offers");
        var offer = university.Locator("article[data-offer]", new() { HasText = valued });
        await offer.Locator("textarea").FillAsync("同意收储");
        await walk.CheckAsync(university, "offer-received");
        await offer.Locator(".accept-offer").ClickAsync();
        await Assertions.Expect(university.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(university.Locator("article[data-offer]", new() { HasText = valued }).Locator(".offer-status")).ToContainTextAsync(walk.Text("Accepted"));
        await walk.CheckAsync(university, "offer-accepted");

        await staff.GotoAsync("/acquisition/portfolio");
        await Assertions.Expect(staff.Locator($"#acquired tr[data-patent='{valued}']")).ToContainTextAsync("80,000.00");
        await walk.CheckAsync(staff, "portfolio");

        await staff.GotoAsync(poolUrl);
        await staff.Locator($"#candidates tr[data-patent='{second}'] .approach-link").ClickAsync();
        await staff.Locator("#paid-price").FillAsync("50000");
        await staff.Locator("#acquired-on").FillAsync(today);
        await staff.Locator("#record-acquired").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync(walk.Text("Acquired"));

        await staff.GotoAsync("/acquisition/packages");
        await staff.Locator("#package-name").FillAsync($"储能专利组合 {word}");
        await staff.Locator("#package-description").FillAsync(culture == Walk.English ? "Two battery patents licensed as one" : "两件储能电池专利，整体许可");
        await staff.Locator("#package-patents").FillAsync(valued);
        await staff.Locator("#package-price").FillAsync("200000");
        await staff.Locator("#create-package").ClickAsync();
        await Assertions.Expect(staff.Locator("#errors")).ToContainTextAsync("2");
        await walk.CheckAsync(staff, "package-refused");
        await staff.Locator("#package-patents").FillAsync($"{valued}\n{second}");
        await staff.Locator("#create-package").ClickAsync();
        await Assertions.Expect(staff.Locator("#package-patents tbody tr")).ToHaveCountAsync(2);
        await walk.CheckAsync(staff, "package");

        var contract = await staff.Context.APIRequest.GetAsync((await staff.Locator("#contract-link").GetAttributeAsync("href"))!);
        Assert.Equal(200, contract.Status);
        var text = PdfText.Of(await contract.BodyAsync());
        Assert.Contains(valued, text, StringComparison.Ordinal);
        Assert.Contains(second, text, StringComparison.Ordinal);
        Assert.Contains("附件：专利清单", text, StringComparison.Ordinal);

        await staff.GotoAsync("/patents/" + second);
        await Assertions.Expect(staff.Locator("#patent-packages")).ToContainTextAsync(word);
        await staff.GotoAsync("/licences?q=" + word);
        await Assertions.Expect(staff.Locator("#packages-offered article")).ToHaveCountAsync(1);
        await walk.CheckAsync(staff, "catalogue");

        walk.AssertClean();
    }

    private async Task PledgeAsync(string patent)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var bank = await db.Organizations.SingleAsync(o => o.Name == DemoData.BankName);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        db.PledgeRecords.Add(PledgeRecord.Register(new PledgeInput
        {
            RegistrationNumber = "Y-AJ-" + patent,
            PledgorName = JourneySite.UniversityName,
            PledgeeName = DemoData.BankName,
            AmountYuan = 1_000_000m,
            RegisteredOn = today.AddMonths(-1),
            EndsOn = today.AddYears(2),
            County = "丰泽区",
        }, [(patent, "收储旅程质押专利")], bank.Id, PledgeSource.Entered, null, Guid.NewGuid(), DateTime.UtcNow));
        await db.SaveChangesAsync();
    }
}
