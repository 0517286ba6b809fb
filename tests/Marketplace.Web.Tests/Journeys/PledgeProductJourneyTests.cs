using System.Globalization;
using System.Text;
using Marketplace.Web.Demo;
using Marketplace.Web.Reports;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 9 in Chromium: the operator registers a pledge that then shows on the patent page and the dashboard, and
/// imports a register with one bad row (its message shown, the good row kept); an enterprise is refused the register,
/// is refused a product naming a patent not in the index, records one that the operator approves, and the patent page
/// lists it.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class PledgeProductJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task A_pledge_shows_on_the_patent_page_and_the_dashboard_and_an_approved_product_on_its_patent_page(int width)
    {
        var (pledged, imported, embodied) = (await site.AddUniversityPatentAsync($"质押旅程专利（{width}）"), await site.AddUniversityPatentAsync($"导入旅程专利（{width}）"),
            await site.AddUniversityPatentAsync($"产品旅程专利（{width}）"));
        await site.Services.GetRequiredService<CityDashboard>().WaitAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var suffix = $"{width}-{Guid.NewGuid():N}"[..16];
        await using var walk = new Walk(site, browser, "9-pledge-product", width);

        var staff = await walk.AsAsync(JourneySite.Operator);
        await staff.GotoAsync("/pledges");
        await staff.Locator("#Input_RegistrationNumber").FillAsync($"Y-J-{suffix}");
        await staff.Locator("#Input_PledgorName").FillAsync(JourneySite.UniversityName);
        await staff.Locator("#Input_PledgeeName").FillAsync(DemoData.BankName);
        await staff.Locator("#Input_Patents").FillAsync(pledged);
        await staff.Locator("#Input_AmountYuan").FillAsync("3000000");
        await staff.Locator("#Input_RegisteredOn").FillAsync(today);
        await staff.Locator("#Input_County").SelectOptionAsync("丰泽区");
        await walk.CheckAsync(staff, "pledge-form");
        await staff.Locator("#register-pledge").ClickAsync();
        await Assertions.Expect(staff.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator($"#pledges tr[data-registration='Y-J-{suffix}']")).ToBeVisibleAsync();
        await walk.CheckAsync(staff, "pledge-registered");
        if (walk.IsPhone)
        {
            // On a phone each pledge is a card, every cell under its column's name: nothing to scroll sideways.
            Assert.True(await staff.Locator("#pledges").EvaluateAsync<bool>("t => t.scrollWidth <= t.clientWidth"), "the pledge register scrolls sideways at 390 px");
            var pledgee = staff.Locator($"#pledges tr[data-registration='Y-J-{suffix}'] td").Nth(2);
            Assert.Equal(walk.Text("Pledgee bank"), await pledgee.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content.replace(/^\"|\"$/g, '')"));
        }

        await staff.GotoAsync("/patents/" + pledged);
        await Assertions.Expect(staff.Locator("#pledge-notice")).ToContainTextAsync(DemoData.BankName);
        await walk.CheckAsync(staff, "patent-pledged");
        await staff.GotoAsync("/dashboard");
        await Assertions.Expect(staff.Locator($"#pledge-financing tr[data-year='{DateTime.UtcNow.Year}']")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("#pledge-financing-counties")).ToContainTextAsync("丰泽区");
        await walk.CheckAsync(staff, "dashboard");

        var csv = "质押登记号,出质人,质权人,质押金额（万元）,登记日,专利号\n"
                  + $"Y-JI-{suffix},{JourneySite.UniversityName},{DemoData.BankName},150,{today},{imported}\n"
                  + $"Y-JX-{suffix},{JourneySite.UniversityName},{DemoData.BankName},一百,{today},{imported}\n";
        await staff.GotoAsync("/pledges");
        await staff.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "质押登记表.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await staff.Locator("#import-submit").ClickAsync();
        await Assertions.Expect(staff.Locator("#import-problems li")).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator("#import-problems li")).ToContainTextAsync("第 3 行");
        await Assertions.Expect(staff.Locator($"#pledges tr[data-registration='Y-JI-{suffix}']")).ToBeVisibleAsync();
        await walk.CheckAsync(staff, "import-with-a-bad-row");

        var enterprise = await walk.AsAsync(JourneySite.EnterpriseOwner);
        var refused = await enterprise.Context.APIRequest.GetAsync("/pledges");
        Assert.Equal(403, refused.Status);
        await enterprise.GotoAsync("/products");
        var product = $"旅程产品 {suffix}";
        await enterprise.Locator("#Input_Name").FillAsync(product);
        await enterprise.Locator("#Input_Category").FillAsync("工业物联网设备");
        await enterprise.Locator("#Input_SalesRevenueYuan").FillAsync("2500000");
        await enterprise.Locator("#Input_LicensedPatents").FillAsync("CN000000009A");
        await enterprise.Locator("#record-product").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#licensed-patents-error")).ToContainTextAsync("CN000000009A");
        await walk.CheckAsync(enterprise, "product-refused");
        await enterprise.Locator("#Input_LicensedPatents").FillAsync(embodied);
        await enterprise.Locator("#record-product").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(enterprise.Locator($"article.product[data-product='{product}'] .product-status")).ToHaveTextAsync(walk.Text("Awaiting review"));
        await walk.CheckAsync(enterprise, "product-recorded");

        await staff.GotoAsync("/admin/products");
        await staff.Locator($"article.product[data-product='{product}'] .approve-product").ClickAsync();
        await Assertions.Expect(staff.Locator("#message")).ToBeVisibleAsync();
        await walk.CheckAsync(staff, "product-approved");

        await enterprise.GotoAsync("/patents/" + embodied);
        await Assertions.Expect(enterprise.Locator("#patent-products")).ToContainTextAsync(product);
        await walk.CheckAsync(enterprise, "patent-products");

        walk.AssertClean();
    }
}
