using Marketplace.Web.Contests;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Contests;

/// <summary>
/// In Chromium: an operator creates and announces a contest and invites two judges; a university enters
/// with its patent and two PDFs; the judges accept by mail and score; the operator closes the stage and
/// publishes the results; the public page shows the winners. Screenshots under screenshots/contests-*.
/// </summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class ContestBrowserTests(SqliteSite site, Browser browser) : IClassFixture<Browser>
{
    private async Task<IPage> SignedInAsync(string email, bool staff = false)
    {
        var page = await browser.NewPageAsync(site.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        if (staff)
        {
            await page.Locator("#Input_Code").FillAsync(Totp.Code(DemoData.StaffAuthenticatorKey));
            await page.Locator("#code-form button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task An_operator_runs_a_contest_a_university_enters_two_judges_score_and_the_results_are_published()
    {
        var arrange = new ContestArrangement(site);
        var university = await arrange.UniversityAsync("泉州浏览器大学");
        var entrant = await arrange.PersonAsync("browser-entrant", university);
        var patent = await arrange.PatentAsync(university, valueIndex: 0.91, chain: "新能源");
        var judges = new[] { await arrange.PersonAsync("browser-judge-a"), await arrange.PersonAsync("browser-judge-b") };
        var contestName = $"泉州市高价值专利培育大赛 {ContestArrangement.Next()}";

        // The operator creates a one-stage contest and announces it.
        var operatorPage = await SignedInAsync("operator@demo.patent-marketplace.local", staff: true);
        await operatorPage.Locator("#nav-contests").ClickAsync();
        await operatorPage.Locator("#new-contest").ClickAsync();
        await operatorPage.Locator("#Input_Name").FillAsync(contestName);
        await operatorPage.Locator("#Input_Description").FillAsync("面向泉州市高校和企业，发掘和培育高价值发明专利。");
        await operatorPage.Locator("#type-Invention").CheckAsync();
        await operatorPage.Locator("#Input_Stages").SelectOptionAsync("1");
        await Browser.ScreenshotAsync(operatorPage, "contests-1-create", fullPage: true);
        await operatorPage.Locator("#contest-form button[type=submit]").ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#message")).ToHaveTextAsync("大赛已创建为草稿。");
        await operatorPage.Locator("#announce-form button").ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#contest-status")).ToHaveTextAsync("报名及评审中");
        var manageUrl = operatorPage.Url;
        var contestPath = new Uri(manageUrl).AbsolutePath.Replace("/manage", "", StringComparison.Ordinal);

        foreach (var judge in judges)
        {
            await operatorPage.Locator("#invite-email").FillAsync(judge.Email!);
            await operatorPage.Locator("#invite-role").SelectOptionAsync("Judge");
            await operatorPage.Locator("#invite-form button").ClickAsync();
            await Assertions.Expect(operatorPage.Locator("#message")).ToHaveTextAsync("邀请已发送。");
        }

        // The judges accept from the link in their e-mail.
        var judgePages = new List<IPage>();
        foreach (var judge in judges)
        {
            var page = await SignedInAsync(judge.Email!);
            await page.GotoAsync(site.Mail.LinkTo(judge.Email!));
            await Assertions.Expect(page.Locator("#invitation-text")).ToContainTextAsync(contestName);
            await page.Locator("#accept-form button").ClickAsync();
            await Assertions.Expect(page.Locator("#no-tasks")).ToBeVisibleAsync();
            judgePages.Add(page);
        }

        // The university enters with its invention and the business plan (an invention has no evaluation report to attach).
        var entrantPage = await SignedInAsync(entrant.Email!);
        await entrantPage.GotoAsync(contestPath);
        await entrantPage.Locator("#enter-link").ClickAsync();
        await entrantPage.Locator("#Input_Title").FillAsync("高性能锂电池隔膜");
        await entrantPage.Locator("#Input_Summary").FillAsync("一种用于动力电池的高强度复合隔膜及其产业化方案。");
        await entrantPage.Locator("#Input_Team").FillAsync("王教授（负责人）、陈博士");
        await entrantPage.Locator("#Input_Patents").FillAsync(patent);
        await entrantPage.Locator("#entry-form button[type=submit]").ClickAsync();
        await Assertions.Expect(entrantPage.Locator("#eligible")).ToHaveTextAsync("不符合资格");
        await Assertions.Expect(entrantPage.Locator("#upload-Evaluation")).ToHaveCountAsync(0);
        await entrantPage.Locator("#upload-BusinessPlan input[type=file]").SetInputFilesAsync(new FilePayload { Name = "BusinessPlan.pdf", MimeType = "application/pdf", Buffer = ContestArrangement.Pdf("BusinessPlan") });
        await entrantPage.Locator("#upload-BusinessPlan button").ClickAsync();
        await Assertions.Expect(entrantPage.Locator("#message")).ToHaveTextAsync("文件已上传。");
        await Assertions.Expect(entrantPage.Locator("#eligible")).ToHaveTextAsync("符合资格");
        await Browser.ScreenshotAsync(entrantPage, "contests-2-entry", fullPage: true);

        // The operator closes submissions; both judges get the entry.
        await operatorPage.GotoAsync(manageUrl);
        await operatorPage.Locator("#start-judging-form button").ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#message")).ToHaveTextAsync("评审已开始，项目已分配给评委。");

        var marks = new[] { 9, 7 };
        for (var j = 0; j < judgePages.Count; j++)
        {
            var page = judgePages[j];
            await page.ReloadAsync();
            await page.Locator("#tasks a.task-link").ClickAsync();
            await Assertions.Expect(page.Locator("#patents .value-index")).ToHaveTextAsync("0.91");
            await Assertions.Expect(page.Locator("#patents .chain")).ToHaveTextAsync("新能源");
            await Assertions.Expect(page.Locator("#scores-hidden")).ToBeVisibleAsync();
            for (var i = 0; i < Rubric.Default.Criteria.Count; i++)
            {
                await page.Locator($"#value{i}").FillAsync(marks[j].ToString(System.Globalization.CultureInfo.InvariantCulture));
                await page.Locator($"#comment{i}").FillAsync($"评委{j + 1}：指标{i + 1}");
            }
            await page.Locator("#comment").FillAsync(j == 0 ? "技术领先，产业化路径清晰。" : "市场前景好，布局可加强。");
            await page.Locator("#score-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("您的评分已保存。");
            await Assertions.Expect(page.Locator("#other-scores")).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, $"contests-3-judge-{j + 1}", fullPage: true);
        }

        // The operator sees both scores, closes the stage and publishes.
        await operatorPage.GotoAsync(manageUrl);
        await Assertions.Expect(operatorPage.Locator("#ranking tbody tr")).ToContainTextAsync("80");
        await Browser.ScreenshotAsync(operatorPage, "contests-4-ranking", fullPage: true);
        await operatorPage.Locator("#close-stage-form button").ClickAsync();
        await operatorPage.Locator("#publish-form button").ClickAsync();
        await Assertions.Expect(operatorPage.Locator("#contest-status")).ToHaveTextAsync("结果已公布");

        // After the close, a judge sees the other judge's scores.
        await judgePages[1].ReloadAsync();
        await Assertions.Expect(judgePages[1].Locator("#other-scores")).ToContainTextAsync("90");

        // Anyone sees the winners.
        var visitor = await browser.NewPageAsync(site.BaseAddress);
        await visitor.GotoAsync(contestPath);
        await Assertions.Expect(visitor.Locator("#winners tr.winner")).ToContainTextAsync("高性能锂电池隔膜");
        await Assertions.Expect(visitor.Locator("#winners tr.winner")).ToContainTextAsync("金奖");
        await Browser.ScreenshotAsync(visitor, "contests-5-winners", fullPage: true);

        foreach (var page in judgePages.Append(operatorPage).Append(entrantPage).Append(visitor)) await page.Context.CloseAsync();
    }
}
