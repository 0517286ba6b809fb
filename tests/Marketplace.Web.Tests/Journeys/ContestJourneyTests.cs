using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Web.Contests;
using Marketplace.Web.Tests.Contests;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Journey 7 in Chromium: the operator creates and announces a contest and invites two judges; the university enters
/// its patent; the enterprise's entry with a patent it does not own is ineligible; judging starts, both judges score,
/// the operator closes the stage and publishes; anyone sees the winner and downloads its certificate.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class ContestJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop, Walk.Chinese)]
    [InlineData(Walk.Phone, Walk.Chinese)]
    [InlineData(Walk.Laptop, Walk.English)]
    public async Task A_contest_runs_from_creation_to_a_winners_certificate(int width, string culture)
    {
        await site.VerifiedEnterpriseAsync();
        var patent = await site.AddUniversityPatentAsync($"一种旅程大赛用的高强度锂电池隔膜（{width} {culture}）");
        var arrange = new ContestArrangement(site);
        var judges = new[] { (await arrange.PersonAsync($"journey-judge-a-{width}-{culture}")).Email!, (await arrange.PersonAsync($"journey-judge-b-{width}-{culture}")).Email! };
        var contestName = $"泉州旅程高价值专利大赛（{width} {culture}）";
        var project = $"高性能锂电池隔膜（{width} {culture}）";
        await using var walk = new Walk(site, browser, "7-contest", width, culture);

        var staff = await walk.AsAsync(JourneySite.Operator);
        await staff.GotoAsync("/contests/new");
        await staff.Locator("#Input_Name").FillAsync(contestName);
        await staff.Locator("#Input_Description").FillAsync("面向高校和企业，发掘和培育高价值发明专利。");
        await staff.Locator("#Input_Region").FillAsync("");
        await staff.Locator("#type-Invention").CheckAsync();
        await staff.Locator("#Input_Stages").SelectOptionAsync("1");
        await walk.CheckAsync(staff, "create");
        await staff.Locator("#contest-form button[type=submit]").ClickAsync();
        await Assertions.Expect(staff.Locator("#message")).ToHaveTextAsync(walk.Text("Contest created as a draft."));
        await walk.CheckAsync(staff, "draft");
        await staff.Locator("#announce-form button").ClickAsync();
        await Assertions.Expect(staff.Locator("#contest-status")).ToHaveTextAsync(walk.Text("Open for entries and judging"));
        var manageUrl = new Uri(staff.Url).AbsolutePath;
        var contestPath = manageUrl.Replace("/manage", "", StringComparison.Ordinal);
        foreach (var judge in judges)
        {
            await staff.Locator("#invite-email").FillAsync(judge);
            await staff.Locator("#invite-role").SelectOptionAsync("Judge");
            await staff.Locator("#invite-form button").ClickAsync();
            await Assertions.Expect(staff.Locator("#message")).ToHaveTextAsync(walk.Text("Invitation sent."));
        }
        await walk.CheckAsync(staff, "announced");

        var judgePages = new List<IPage>();
        foreach (var judge in judges)
        {
            var page = await walk.AsAsync(judge);
            await page.GotoAsync(site.Mail.LinkTo(judge));
            await Assertions.Expect(page.Locator("#invitation-text")).ToContainTextAsync(contestName);
            await walk.CheckAsync(page, "invitation");
            await page.Locator("#accept-form button").ClickAsync();
            await Assertions.Expect(page.Locator("#no-tasks")).ToBeVisibleAsync();
            judgePages.Add(page);
        }

        var university = await walk.AsAsync(JourneySite.UniversityOwner);
        await university.GotoAsync(contestPath);
        await walk.CheckAsync(university, "contest");
        await university.Locator("#enter-link").ClickAsync();
        await university.Locator("#Input_Title").FillAsync(project);
        await university.Locator("#Input_Summary").FillAsync("一种用于动力电池的高强度复合隔膜及其产业化方案。");
        await university.Locator("#Input_Team").FillAsync("王教授（负责人）、陈博士");
        await university.Locator("#Input_Patents").FillAsync(patent);
        await university.Locator("#entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(university.Locator("#eligibility")).ToBeVisibleAsync();
        // Whatever documents the entry asks for, as PDFs.
        var uploads = university.Locator("#documents form[id^=upload-]");
        for (var i = 0; i < await uploads.CountAsync(); i++)
        {
            var form = university.Locator("#documents form[id^=upload-]").Nth(i);
            await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = $"document-{i}.pdf", MimeType = "application/pdf", Buffer = ContestArrangement.Pdf("journey") });
            await form.Locator("button").ClickAsync();
            await Assertions.Expect(university.Locator("#message")).ToHaveTextAsync(walk.Text("Document attached."));
        }
        await Assertions.Expect(university.Locator("#eligible")).ToHaveTextAsync(walk.Text("Eligible"));
        await walk.CheckAsync(university, "entry");

        // The enterprise offers the university's patent: the entry is kept but not eligible, with the reason.
        var enterprise = await walk.AsAsync(JourneySite.EnterpriseOwner);
        await enterprise.GotoAsync(contestPath + "/entry");
        await enterprise.Locator("#Input_Title").FillAsync("借用的专利");
        await enterprise.Locator("#Input_Summary").FillAsync("以他人专利参赛。");
        await enterprise.Locator("#Input_Team").FillAsync("企业团队");
        await enterprise.Locator("#Input_Patents").FillAsync(patent);
        await enterprise.Locator("#entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(enterprise.Locator("#eligible")).ToHaveTextAsync(walk.Text("Not eligible"));
        await walk.CheckAsync(enterprise, "ineligible-entry");

        await staff.GotoAsync(manageUrl);
        await staff.Locator("#start-judging-form button").ClickAsync();
        await Assertions.Expect(staff.Locator("#message")).ToHaveTextAsync(walk.Text("Judging started; entries were assigned to judges."));
        await walk.CheckAsync(staff, "judging");

        foreach (var page in judgePages)
        {
            await page.ReloadAsync();
            await page.Locator("#tasks a.task-link").ClickAsync();
            await Assertions.Expect(page.Locator("#entry-title")).ToHaveTextAsync(project);
            for (var i = 0; i < Rubric.Default.Criteria.Count; i++)
            {
                await page.Locator($"#value{i}").FillAsync(8.ToString(CultureInfo.InvariantCulture));
                await page.Locator($"#comment{i}").FillAsync($"指标{i + 1}表现良好");
            }
            await page.Locator("#comment").FillAsync("技术领先，产业化路径清晰。");
            await walk.CheckAsync(page, "score");
            await page.Locator("#score-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync(walk.Text("Your scores are saved."));
        }

        await staff.GotoAsync(manageUrl);
        await Assertions.Expect(staff.Locator("#ranking tbody tr")).ToContainTextAsync(project);
        await walk.CheckAsync(staff, "ranking");
        await staff.Locator("#close-stage-form button").ClickAsync();
        await staff.Locator("#publish-form button").ClickAsync();
        await Assertions.Expect(staff.Locator("#contest-status")).ToHaveTextAsync(walk.Text("Results published"));
        await walk.CheckAsync(staff, "published");

        var visitor = await walk.VisitorAsync();
        await visitor.GotoAsync(contestPath);
        var winner = visitor.Locator("#winners tr.winner", new() { HasText = project });
        await Assertions.Expect(winner).ToBeVisibleAsync();
        await walk.CheckAsync(visitor, "winners");
        var certificate = await visitor.Context.APIRequest.GetAsync((await winner.Locator("a.certificate").GetAttributeAsync("href"))!);
        Assert.Equal(200, certificate.Status);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await certificate.BodyAsync(), 0, 5));

        walk.AssertClean();
    }
}
