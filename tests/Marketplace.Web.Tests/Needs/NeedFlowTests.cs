using System.Net;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Needs;
using Marketplace.Web.Notifications;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Indexer.Engine;
using static Marketplace.Web.Tests.Needs.NeedsScenario;

namespace Marketplace.Web.Tests.Needs;

/// <summary>The whole round over HTTP: post with proposed elements, explained candidates, invitation, proposal, pipeline, export, notifications.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class NeedFlowTests(SqliteSite site)
{
    [Fact]
    public async Task Propose_elements_fills_the_elements_from_the_text_without_saving()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var form = NeedForm("提出要素测试");
        form["Input.Products"] = "";
        form["Input.Effects"] = "";

        // The propose button posts the form to its own formaction.
        var page = await enterprise.PageAsync("/needs/new");
        Assert.Equal("/needs/new?handler=Propose", page.QuerySelector("#propose-elements")!.GetAttribute("formaction"));
        form["__RequestVerificationToken"] = page.QuerySelector("#need-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await enterprise.Http.PostAsync("/needs/new?handler=Propose", new FormUrlEncodedContent(form));
        var proposed = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(proposed.QuerySelector("#proposed"));
        var elements = string.Join("|", new[] { "Materials", "Methods", "Effects", "Products", "Applications" }
            .Select(f => proposed.QuerySelector($"#Input_{f}")!.TextContent));
        Assert.Contains("清洁机器人", elements, StringComparison.Ordinal);
        await using var scope = site.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Needs.AnyAsync(n => n.Title == "提出要素测试"));
    }

    [Fact]
    public async Task Posting_refuses_invalid_input_with_specific_messages()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var form = NeedForm("");
        form["Input.BudgetMin"] = "90";
        form["Input.Deadline"] = "2001-01-01";

        using var response = await enterprise.SubmitAsync("/needs/new", "#need-form", form);
        var page = await Html.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector(".alert")!.TextContent;
        Assert.Contains("请填写需求标题", summary, StringComparison.Ordinal);
        Assert.Contains("预算上限不能低于下限", summary, StringComparison.Ordinal);
        Assert.Contains("截止日期不能早于今天", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_university_cannot_post_and_an_unrelated_university_cannot_see_an_operators_only_need()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        using var university = await site.CreateClient().SignInAsDemoAsync(UniversityMember);
        var id = await PostNeedAsync(enterprise, "仅运营可见的需求", NeedVisibility.OperatorsOnly);

        var newPage = await university.PageAsync("/needs/new");
        using var hidden = await university.GetAsync($"/needs/{id}");
        var feed = await university.PageAsync("/needs");

        Assert.Equal("只有企业可以发布技术需求。", newPage.QuerySelector("#cannot-post")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        Assert.DoesNotContain("仅运营可见的需求", feed.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DemoData.DemoNeedTitle, feed.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enterprise_invites_the_owning_university_which_is_notified_and_proposes_then_an_operator_agrees_the_deal()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        using var university = await site.CreateClient().SignInAsDemoAsync(UniversityOwner);
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        var id = await PostNeedAsync(enterprise, "受邀高校的光伏清洁需求", NeedVisibility.InvitedUniversities);

        // Explained candidates: the university's patents on top, terms marked, the owner offered for invitation.
        var candidates = await enterprise.PageAsync($"/needs/{id}/candidates");
        var first = candidates.QuerySelectorAll("#candidates li.candidate").Select(li => li.TextContent).ToList();
        Assert.Contains(first.Take(3), t => t.Contains("一种光伏板清洁机器人", StringComparison.Ordinal));
        Assert.NotEmpty(candidates.QuerySelectorAll("#candidates .hit-title mark"));
        Assert.NotNull(candidates.QuerySelector("#candidates .why"));
        var inviteForm = candidates.QuerySelectorAll("form.invite-owner")[0];
        Assert.Contains(UniversityName, inviteForm.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await university.GetAsync($"/needs/{id}")).StatusCode);
        using (var invited = await enterprise.PostFormAsync(inviteForm, $"/needs/{id}/candidates?handler=Invite", new Dictionary<string, string>()))
            Assert.Equal($"/needs/{id}/candidates?message=invited", invited.Headers.Location!.OriginalString);

        // The university is told in-app and by e-mail, and now sees the need in its feed.
        Assert.Contains(site.Mail.To(UniversityOwner), m => m.TextBody.Contains("受邀高校的光伏清洁需求", StringComparison.Ordinal));
        var notifications = await university.PageAsync("/notifications");
        Assert.Contains("受邀高校的光伏清洁需求", notifications.QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await university.PageAsync("/needs")).QuerySelector(".invited"));

        // A patent the university does not own is refused; its own is accepted.
        using (var refused = await university.SubmitAsync($"/needs/{id}/propose", "#proposal-form", new Dictionary<string, string>
               { ["Input.Patents"] = CompanyCleaner.Id, ["Input.Approach"] = "干式清洁方案" }))
            Assert.Contains($"专利 {CompanyCleaner.Id} 不属于贵单位", (await Html.ReadAsync(refused)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        var declaration = await NeedsScenario.PublishedDeclarationAsync(site, UniversityCleaner.Id);
        using (var unknownDeclaration = await university.SubmitAsync($"/needs/{id}/propose", "#proposal-form", new Dictionary<string, string>
               { ["Input.Patents"] = UniversityCleaner.Id, ["Input.Approach"] = "干式清洁方案", ["Input.OpenLicenseDeclarationId"] = Guid.NewGuid().ToString() }))
            Assert.Contains("未找到该开放许可声明", (await Html.ReadAsync(unknownDeclaration)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        using (var proposed = await university.SubmitAsync($"/needs/{id}/propose", "#proposal-form", new Dictionary<string, string>
               { ["Input.Patents"] = UniversityCleaner.Id, ["Input.Approach"] = "干式毛刷清洁机器人，样机可现场测试。", ["Input.Terms"] = "普通许可，三年", ["Input.Team"] = "光伏运维课题组", ["Input.OpenLicenseDeclarationId"] = declaration.ToString() }))
            Assert.Equal($"/needs/{id}?message=proposed", proposed.Headers.Location!.OriginalString);
        var needPage = await enterprise.PageAsync($"/needs/{id}");
        Assert.Contains("干式毛刷清洁机器人", needPage.QuerySelector(".proposal")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("光伏运维课题组", needPage.QuerySelector(".proposal")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/licences/{declaration}", needPage.QuerySelector(".proposal a.open-licence")!.GetAttribute("href"));
        await using (var scope = site.Scope())
            Assert.Equal(declaration, (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().NeedProposals.SingleAsync(p => p.NeedId == id)).OpenLicenseDeclarationId);

        // The operator moves the deal: a refused step back shows the reason, then forward to agreed as a licence.
        Guid dealId;
        await using (var scope = site.Scope())
            dealId = (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Deals.SingleAsync(d => d.NeedId == id)).Id;
        using (var moved = await operatorClient.SubmitAsync($"/deals/{dealId}", "#move-form", new Dictionary<string, string> { ["stage"] = "Negotiating" }))
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        using (var back = await operatorClient.SubmitAsync($"/deals/{dealId}", "#move-form", new Dictionary<string, string> { ["stage"] = "Screened" }))
            Assert.Contains("只能向前推进", (await Html.ReadAsync(back)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        var dealPage = await operatorClient.PageAsync($"/deals/{dealId}");
        var proposalOption = dealPage.QuerySelector("#Agreement_ProposalId option[value]:not([value=''])")!.GetAttribute("value")!;
        using (var agreed = await operatorClient.SubmitAsync($"/deals/{dealId}", "#agree-form", new Dictionary<string, string>
               { ["Agreement.Kind"] = "Transfer", ["Agreement.ProposalId"] = proposalOption, ["Agreement.ContractNumber"] = "QZ-LIC-2026-07",
                 ["Agreement.ContractSignedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd") }))
            Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        var after = await operatorClient.PageAsync($"/deals/{dealId}");
        Assert.Equal("已达成", after.QuerySelector("#stage")!.TextContent.Trim());
        Assert.Contains("QZ-LIC-2026-07", after.QuerySelector("#agreement")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, after.QuerySelectorAll("#history tbody tr").Length); // opened, negotiating, agreed … and nothing for the refused step
        Assert.Contains((await enterprise.PageAsync("/notifications")).QuerySelectorAll("#notifications li"), li => li.TextContent.Contains("已达成", StringComparison.Ordinal));
        Assert.Contains((await university.PageAsync("/notifications")).QuerySelectorAll("#notifications li"), li => li.TextContent.Contains("达成一致", StringComparison.Ordinal));

        // The pipeline exports with the agreement.
        using var csv = await operatorClient.GetAsync("/deals/export?format=csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("受邀高校的光伏清洁需求", text, StringComparison.Ordinal);
        Assert.Contains("QZ-LIC-2026-07", text, StringComparison.Ordinal);
        using var xlsx = await operatorClient.GetAsync("/deals/export?format=xlsx");
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        Assert.Equal(HttpStatusCode.BadRequest, (await operatorClient.GetAsync("/deals/export?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task Saved_need_alerts_report_only_new_matching_patents_once()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var id = await PostNeedAsync(enterprise, "储热材料告警测试：相变储热砖用于光伏清洁机器人");
        await using var scope = site.Scope();
        var needs = scope.ServiceProvider.GetRequiredService<NeedService>();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        int Count() => db.Notifications.AsNoTracking().Count(n => n.Link == $"/needs/{id}/candidates");

        await needs.RunAlertsAsync();
        var before = Count();
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([Record("CN990000009B", "相变储热砖及光伏清洁机器人", "一种相变储热砖，用于光伏板清洁机器人的储热供能，无需用水。", UniversityName, global::Search.Indexer.Records.PartyType.University, "H02S40/10")]);
        await index.CommitAsync();
        await needs.RunAlertsAsync();
        var afterNew = Count();
        await needs.RunAlertsAsync();

        Assert.Equal(0, before);
        Assert.True(afterNew > 0, "the new matching patent was not reported");
        Assert.Equal(afterNew, Count());
        Assert.True(await db.NeedAlertSeen.AnyAsync(s => s.NeedId == id && s.PatentId == "CN990000009B"));
    }
    [Fact]
    public async Task The_needs_pages_speak_English_when_asked()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var id = await PostNeedAsync(enterprise, "English rendering: PV panel cleaning robot");

        var candidates = await enterprise.PageAsync($"/needs/{id}/candidates?culture=en");
        var need = await enterprise.PageAsync($"/needs/{id}?culture=en");
        var notifications = await enterprise.PageAsync("/notifications?culture=en");

        Assert.Equal("Explained candidates", candidates.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Why ranked here", candidates.QuerySelector("#candidates")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Full-text match: rank 1", candidates.QuerySelector("#candidates .why")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Licence", need.QuerySelector("#need-fields")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Notifications", notifications.QuerySelector("h1")!.TextContent.Trim());
    }
}
