using System.Net;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Localization;

/// <summary>A site configured for Tokyo (UTC+9, never China's UTC+8), so a time converted with a fixed China offset shows.</summary>
public sealed class TokyoSite() : AccountsSite(DatabaseProviders.Sqlite, new Dictionary<string, string?> { ["Display:TimeZone"] = "Asia/Tokyo" });

/// <summary>The contest deadline typed by an operator and the expiry in invitation e-mails follow the one configured display zone.</summary>
public sealed class DisplayZoneSiteTests(TokyoSite site) : IClassFixture<TokyoSite>
{
    private const string Operator = "operator@demo.patent-marketplace.local";
    private const string UniversityOwner = "university.owner@demo.patent-marketplace.local";

    [Fact]
    public async Task A_contest_deadline_typed_on_the_create_page_is_read_in_the_display_zone()
    {
        using var client = await site.CreateClient().SignInAsDemoAsync(Operator);
        var name = $"时区大赛 {Guid.NewGuid():N}";

        var page = await client.PageAsync("/contests/new");
        // Posted by hand: the form's several __Invariant markers would collide in the form helper.
        using var created = await client.Http.PostAsync("/contests/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("#contest-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Name"] = name, ["Input.Groups"] = "发明创业组", ["Input.Region"] = "", ["Input.Deadline"] = "2099-01-10T09:00",
            ["Input.Stages"] = "1", ["Input.AdvanceFromPreliminary"] = "10", ["Input.AdvanceFromSemiFinal"] = "5",
        }));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Asia/Tokyo，UTC+9", page.QuerySelector("#deadline-zone")?.TextContent, StringComparison.Ordinal);
        await using var scope = site.Scope();
        var contest = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Contests.Include(c => c.Stages).AsNoTracking().SingleAsync(c => c.Name == name);
        Assert.Equal(new DateTime(2099, 1, 10, 0, 0, 0, DateTimeKind.Utc), contest.FirstStage.SubmissionDeadline);
    }

    [Fact]
    public async Task Contest_and_organisation_invitations_give_their_expiry_in_the_display_zone_with_its_label()
    {
        var contestId = await ContestAsync();
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        using var owner = await site.CreateClient().SignInAsDemoAsync(UniversityOwner);
        var judge = $"zone-judge-{Guid.NewGuid():N}@example.org";
        var colleague = $"zone-colleague-{Guid.NewGuid():N}@example.org";
        Guid university;
        await using (var scope = site.Scope())
            university = (await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value)).Id;

        using (var invited = await operatorClient.SubmitAsync($"/contests/{contestId}/manage", "#invite-form", new Dictionary<string, string> { ["email"] = judge, ["role"] = "Judge" }))
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        using (var invited = await owner.SubmitAsync($"/organizations/{university}", "#invite-form", new Dictionary<string, string> { ["Invite.Email"] = colleague, ["Invite.Role"] = "Member" }))
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        foreach (var body in new[] { site.Mail.LastTo(judge).TextBody, site.Mail.LastTo(colleague).TextBody })
        {
            Assert.Matches(@"邀请有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（Asia/Tokyo，UTC\+9）。", body);
            Assert.DoesNotContain("（UTC）", body, StringComparison.Ordinal);
        }
    }

    private async Task<Guid> ContestAsync()
    {
        await using var scope = site.Scope();
        var contest = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(Guid.NewGuid(), $"邀请时区大赛 {Guid.NewGuid():N}", "说明",
            ["发明创业组"], new EligibilityRules(), DateTime.UtcNow.AddDays(10));
        return contest.Id;
    }
}
