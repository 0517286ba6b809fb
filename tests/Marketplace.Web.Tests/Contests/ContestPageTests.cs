using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marketplace.Web.Contests;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Contests;

/// <summary>The contest pages over HTTP: hidden scores, judges' context, refused uploads, public results and certificates.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed partial class ContestPageTests(SqliteSite site)
{
    private readonly ContestArrangement _arrange = new(site);

    private async Task<SiteClient> SignedInAsync(Marketplace.Web.Accounts.MarketplaceUser user)
    {
        var client = site.CreateClient();
        using var response = await client.SignInAsync(user.Email!, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Dictionary<string, string> Form(int value, string comment) =>
        Enumerable.Range(0, Rubric.Default.Criteria.Count).SelectMany(i => new[] { ($"value{i}", value.ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"comment{i}", $"{comment}{i}") })
            .Append(("comment", comment)).ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public async Task A_judges_page_never_shows_another_judges_scores_before_the_stage_closes()
    {
        var judgeA = await _arrange.PersonAsync("page-judge-a");
        var judgeB = await _arrange.PersonAsync("page-judge-b");
        var contestId = await _arrange.ContestAsync([judgeA, judgeB]);
        var university = await _arrange.UniversityAsync("泉州页面大学");
        var patent = await _arrange.PatentAsync(university, valueIndex: 0.87, chain: "半导体");
        var entryId = await _arrange.EntryAsync(contestId, university, await _arrange.PersonAsync("page-entrant", university), "芯片封装项目", patent);
        await _arrange.WithServicesAsync(async svc => await svc.Judging.StartJudgingAsync((await svc.Contests.FindAsync(contestId))!));
        var url = $"/contests/{contestId}/judge/{entryId}";

        using var a = await SignedInAsync(judgeA);
        using var b = await SignedInAsync(judgeB);
        using (var saved = await a.SubmitAsync(url, "#score-form", Form(9, "评委甲的秘密评语")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var pageOfA = await a.PageAsync(url);
        Assert.Equal("9", pageOfA.QuerySelector("#value0")!.GetAttribute("value"));
        Assert.Equal("0.87", pageOfA.QuerySelector("#patents .value-index")!.TextContent.Trim());
        Assert.Contains("是", pageOfA.QuerySelector("#patents .high-value")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("半导体", pageOfA.QuerySelector("#patents .chain")!.TextContent.Trim());

        var before = await b.GetAsync(url);
        var html = await before.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain("评委甲的秘密评语", html, StringComparison.Ordinal);
        Assert.Null((await b.PageAsync(url)).QuerySelector("#other-scores"));
        Assert.NotNull((await b.PageAsync(url)).QuerySelector("#scores-hidden"));
        Assert.Null((await b.PageAsync(url)).QuerySelector("#value0")!.GetAttribute("value"));

        using (var savedB = await b.SubmitAsync(url, "#score-form", Form(5, "评委乙")))
            Assert.Equal(HttpStatusCode.Redirect, savedB.StatusCode);
        await _arrange.WithServicesAsync(async svc => await svc.Judging.CloseStageAsync((await svc.Contests.FindAsync(contestId))!));

        // Closed: the first stage's page would now show both (the judge is in the next stage, where nobody has scored yet).
        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var seen = await svc.Judging.VisibleScoresAsync(contest, contest.FirstStage, entryId, judgeB.Id, viewerIsOperator: false);
            Assert.Equal(2, seen.Count);
        });
    }

    [Fact]
    public async Task An_entrant_saves_an_entry_sees_the_reasons_and_only_PDFs_are_accepted()
    {
        var university = await _arrange.UniversityAsync("泉州报名大学");
        var member = await _arrange.PersonAsync("form-entrant", university);
        var patent = await _arrange.PatentAsync(university);
        var contestId = await _arrange.ContestAsync([]);
        using var client = await SignedInAsync(member);
        var url = $"/contests/{contestId}/entry";

        using (var saved = await client.SubmitAsync(url, "#entry-form", new Dictionary<string, string>
               {
                   ["Input.Group"] = "发明创业组", ["Input.Title"] = "智能纺织项目", ["Input.Summary"] = "简介", ["Input.Team"] = "李四", ["Input.Patents"] = patent.ToLowerInvariant(),
               }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.PageAsync(url);
        Assert.Equal("不符合资格", page.QuerySelector("#eligible")!.TextContent.Trim());
        Assert.Contains("缺少：商业计划书。", page.QuerySelector("#eligibility")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{patent} 属于本机构。", page.QuerySelector("#eligibility")!.TextContent, StringComparison.Ordinal);

        var token = page.QuerySelector("#upload-BusinessPlan input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> UploadAsync(string kind, byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(kind), "kind" },
                { new ByteArrayContent(bytes), "document", name },
            };
            return await client.Http.PostAsync($"{url}?handler=Upload", content);
        }

        using (var html = await UploadAsync("BusinessPlan", "<html>%PDF-</html>"u8.ToArray(), "plan.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Contains("只接受 PDF 文件。", (await Html.ReadAsync(html)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        }
        using (var plan = await UploadAsync("BusinessPlan", ContestArrangement.Pdf("plan"), "商业计划书.pdf")) Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        using (var evaluation = await UploadAsync("Evaluation", ContestArrangement.Pdf("evaluation"), "评价报告.pdf")) Assert.Equal(HttpStatusCode.Redirect, evaluation.StatusCode);

        page = await client.PageAsync(url);
        Assert.Equal("符合资格", page.QuerySelector("#eligible")!.TextContent.Trim());
        var link = page.QuerySelector("#upload-BusinessPlan a")!.GetAttribute("href")!;
        using var download = await client.GetAsync(link);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ContestArrangement.Pdf("plan"), await download.Content.ReadAsByteArrayAsync());

        // Another organisation's member may not read it.
        using var stranger = await SignedInAsync(await _arrange.PersonAsync("stranger", await _arrange.UniversityAsync("别校")));
        using var refused = await stranger.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_draft_contests_stages_have_not_started_and_only_the_first_stage_shows_an_entry_deadline()
    {
        var contestId = await _arrange.WithServicesAsync(async (svc, _) =>
            (await svc.Contests.CreateAsync(Guid.NewGuid(), $"草稿大赛 {ContestArrangement.Next()}", "说明", ["发明创业组"], new EligibilityRules(), DateTime.UtcNow.AddDays(10))).Id);
        using var client = await site.CreateClient().SignInAsDemoAsync(DemoData.Accounts.Single(a => a.Email.StartsWith("operator@", StringComparison.Ordinal)).Email);

        var draft = (await client.PageAsync($"/contests/{contestId}")).QuerySelectorAll("#stages tbody tr");
        Assert.Equal(3, draft.Length);
        Assert.All(draft, row => Assert.Equal("未开始", row.Children[3].TextContent.Trim()));
        Assert.NotEqual("", draft[0].Children[1].TextContent.Trim());
        Assert.All(draft.Skip(1), row => Assert.Equal("", row.Children[1].TextContent.Trim()));

        await _arrange.WithServicesAsync(async svc => await svc.Contests.AnnounceAsync((await svc.Contests.FindAsync(contestId))!));
        var announced = (await client.PageAsync($"/contests/{contestId}")).QuerySelectorAll("#stages tbody tr");
        Assert.Equal(["进行中", "未开始", "未开始"], announced.Select(row => row.Children[3].TextContent.Trim()).ToArray());
    }

    [Fact]
    public async Task Once_submissions_close_the_entry_page_no_longer_says_the_entry_can_be_changed()
    {
        var university = await _arrange.UniversityAsync("泉州截止大学");
        var member = await _arrange.PersonAsync("closed-entrant", university);
        var contestId = await _arrange.ContestAsync([await _arrange.PersonAsync("closed-judge")]);
        await _arrange.EntryAsync(contestId, university, member, "截止项目", await _arrange.PatentAsync(university));
        using var client = await SignedInAsync(member);
        Assert.Contains("可修改至", (await client.PageAsync($"/contests/{contestId}/entry")).Body!.TextContent, StringComparison.Ordinal);

        await _arrange.WithServicesAsync(async svc => await svc.Judging.StartJudgingAsync((await svc.Contests.FindAsync(contestId))!));

        var text = (await client.PageAsync($"/contests/{contestId}/entry")).Body!.TextContent;
        Assert.Contains("报名已截止", text, StringComparison.Ordinal);
        Assert.DoesNotContain("可修改至", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_results_show_the_winners_export_them_and_issue_a_certificate_PDF()
    {
        var judge = await _arrange.PersonAsync("results-judge");
        var contestId = await _arrange.ContestAsync([judge], judgesPerEntry: 1);
        var first = await _arrange.UniversityAsync("泉州金奖大学");
        var second = await _arrange.UniversityAsync("泉州银奖大学");
        var gold = await _arrange.EntryAsync(contestId, first, await _arrange.PersonAsync("e1", first), "高性能陶瓷项目", await _arrange.PatentAsync(first));
        var silver = await _arrange.EntryAsync(contestId, second, await _arrange.PersonAsync("e2", second), "智能鞋服项目", await _arrange.PatentAsync(second));
        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            await svc.Judging.StartJudgingAsync(contest);
            for (var stage = 0; stage < 3; stage++)
            {
                contest = (await svc.Contests.FindAsync(contestId))!;
                await svc.Judging.ScoreAsync(contest, judge.Id, gold, ContestArrangement.Marks(9), null);
                await svc.Judging.ScoreAsync(contest, judge.Id, silver, ContestArrangement.Marks(7), null);
                await svc.Judging.CloseStageAsync(contest);
            }
            await svc.Judging.PublishResultsAsync((await svc.Contests.FindAsync(contestId))!);
        });

        using var anonymous = site.CreateClient();
        var page = await anonymous.PageAsync($"/contests/{contestId}");
        var winners = page.QuerySelectorAll("#winners tr.winner").Select(r => r.TextContent).ToList();
        Assert.Equal(2, winners.Count);
        Assert.Contains("金奖", winners[0], StringComparison.Ordinal);
        Assert.Contains("高性能陶瓷项目", winners[0], StringComparison.Ordinal);
        Assert.Contains("银奖", winners[1], StringComparison.Ordinal);
        Assert.Contains("智能鞋服项目", page.QuerySelector("#finalists")!.TextContent, StringComparison.Ordinal);

        using var csv = await anonymous.GetAsync(page.QuerySelector("#results-csv")!.GetAttribute("href"));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // so that Excel reads the Chinese as UTF-8
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("名次,奖项,项目", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("1,金奖,高性能陶瓷项目", lines[1], StringComparison.Ordinal);

        using var certificate = await anonymous.GetAsync(page.QuerySelector("#winners a.certificate")!.GetAttribute("href"));
        Assert.Equal("application/pdf", certificate.Content.Headers.ContentType!.MediaType);
        var pdf = await certificate.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var folder = Path.Combine(Browser.ScreenshotFolder);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "contests-certificate.pdf"), pdf);
    }

    [Fact]
    public async Task The_demo_contest_is_announced_to_everyone_with_its_rules_and_the_demo_judge_sees_it_under_their_contests()
    {
        using var anonymous = site.CreateClient();
        var list = await anonymous.PageAsync("/contests");
        var link = list.QuerySelectorAll("#contests a").Single(a => a.TextContent == DemoData.DemoContestName);
        var details = await anonymous.PageAsync(link.GetAttribute("href")!);
        Assert.Contains("申请人地址位于泉州", details.QuerySelector("#region")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["初赛", "复赛", "决赛"], details.QuerySelectorAll("#stages tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Null(details.QuerySelector("#enter-link"));

        using var judge = site.CreateClient();
        await judge.SignInAsDemoAsync("enterprise.owner@demo.patent-marketplace.local");
        var mine = await judge.PageAsync("/contests");
        Assert.Contains(DemoData.DemoContestName, mine.QuerySelector("#my-contests")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await judge.PageAsync(link.GetAttribute("href")!)).QuerySelector("#judge-link"));
    }

    [Fact]
    public void Every_contest_rule_message_eligibility_reason_and_label_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WebProject, "Contests"), "*.cs").Select(File.ReadAllText).ToList();
        var keys = sources.SelectMany(s => RuleMessage().Matches(s).Concat(ReasonKey().Matches(s)).Select(m => m.Groups["key"].Value))
            .Concat(ContestLabels.All).ToHashSet(StringComparer.Ordinal);

        Assert.True(keys.Count > 80, $"expected the contest rules' messages, found {keys.Count}");
        var missing = keys.Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"new ContestRuleException\(""(?<key>[^""]*)""")]
    private static partial Regex RuleMessage();

    [GeneratedRegex(@"new\((?:true|false), ""(?<key>[^""]*)""")]
    private static partial Regex ReasonKey();
}
