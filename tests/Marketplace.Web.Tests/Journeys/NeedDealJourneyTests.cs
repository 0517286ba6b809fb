using System.Globalization;
using Marketplace.Web.Tests.Needs;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 5 in Chromium: the enterprise posts a need and invites a university from the explained matches; the
/// university finds it in its feed, is refused when it offers a patent it does not own, then proposes; the operator
/// moves the deal to negotiation and records the agreement; the enterprise sees the deal done.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class NeedDealJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task A_need_gets_matches_a_proposal_and_becomes_an_agreed_deal(int width)
    {
        await NeedsFeedTests.ClaimPortfolioAsync(site);
        var title = $"旅程测试：光伏板无水清洁机器人（{width}）";
        await using var walk = new Walk(site, browser, "5-need", width);

        var enterprise = await walk.AsAsync(JourneySite.EnterpriseOwner);
        await enterprise.GotoAsync("/needs/new");
        await enterprise.Locator("#Input_Title").FillAsync(title);
        await enterprise.Locator("#Input_Description").FillAsync("屋顶光伏电站组件积灰，需要无需用水的光伏板清洁机器人，在组件阵列间自动移动，提高发电效率。");
        await enterprise.Locator("#Input_Region").FillAsync("泉州");
        await enterprise.Locator("#propose-elements").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#proposed")).ToBeVisibleAsync();
        await walk.CheckAsync(enterprise, "new-need");
        await enterprise.Locator("#post-need").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#candidates")).ToContainTextAsync(NeedsScenario.UniversityCleaner.Title("zh")!);
        await walk.CheckAsync(enterprise, "matches");
        await enterprise.Locator("#candidates li.candidate", new() { HasText = NeedsScenario.UniversityCleaner.Id }).Locator("form.invite-owner button").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#message")).ToBeVisibleAsync();
        var needUrl = await enterprise.Locator("#back-to-need").GetAttributeAsync("href");

        var university = await walk.AsAsync(JourneySite.UniversityOwner);
        await university.GotoAsync("/notifications");
        await Assertions.Expect(university.Locator("#notifications li", new() { HasText = title }).First).ToBeVisibleAsync();
        await walk.CheckAsync(university, "notifications");
        await university.GotoAsync("/needs/feed");
        var item = university.Locator("#feed li.feed-item", new() { HasText = title });
        await Assertions.Expect(item.Locator(".invited")).ToBeVisibleAsync();
        await walk.CheckAsync(university, "feed");
        await item.Locator("a.open-need").ClickAsync();
        await Assertions.Expect(university.Locator("#need-title")).ToHaveTextAsync(title);
        await walk.CheckAsync(university, "need");
        await university.Locator("#propose-link").ClickAsync();
        await university.Locator("#Input_Patents").FillAsync(NeedsScenario.CompanyCleaner.Id);
        await university.Locator("#Input_Approach").FillAsync("干式毛刷清洁机器人，可在现场做样机测试。");
        await university.Locator("#Input_Terms").FillAsync("普通许可，三年，按销售额提成");
        await university.Locator("#submit-proposal").ClickAsync();
        await Assertions.Expect(university.Locator("#proposal-form .alert")).Not.ToBeEmptyAsync();
        await walk.CheckAsync(university, "proposal-refused");
        await university.Locator("#Input_Patents").FillAsync(NeedsScenario.UniversityCleaner.Id);
        await university.Locator("#submit-proposal").ClickAsync();
        await Assertions.Expect(university.Locator(".proposal")).ToContainTextAsync("干式毛刷清洁机器人");
        await walk.CheckAsync(university, "proposed");

        var staff = await walk.AsAsync(JourneySite.Operator);
        await staff.GotoAsync("/deals");
        await Assertions.Expect(staff.Locator("#board")).ToContainTextAsync(title);
        await walk.CheckAsync(staff, "pipeline");
        await staff.GotoAsync(needUrl!);
        await staff.Locator("#deal-link").ClickAsync();
        await staff.Locator("#move-stage").SelectOptionAsync("Negotiating");
        await staff.Locator("#move-submit").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync("洽谈中");
        await walk.CheckAsync(staff, "negotiating");
        await staff.Locator("#Agreement_Kind").SelectOptionAsync("Transfer");
        await staff.Locator("#Agreement_ProposalId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await staff.Locator("#Agreement_ContractNumber").FillAsync($"QZ-JOURNEY-{width}");
        await staff.Locator("#Agreement_ContractSignedOn").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await staff.Locator("#agree-submit").ClickAsync();
        await Assertions.Expect(staff.Locator("#stage")).ToHaveTextAsync("已达成");
        await walk.CheckAsync(staff, "agreed");

        await enterprise.GotoAsync(needUrl!);
        await Assertions.Expect(enterprise.Locator("#deal-stage")).ToHaveTextAsync("已达成");
        await walk.CheckAsync(enterprise, "need-agreed");

        walk.AssertClean();
    }
}
