using System.Net;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Contests;

/// <summary>Contest settings editable until entries close; the entry page offers only the documents the entry's patents call for.</summary>
public sealed partial class ContestPageTests
{
    private static readonly string OperatorEmail = DemoData.Accounts.Single(a => a.Email.StartsWith("operator@", StringComparison.Ordinal)).Email;

    private static Dictionary<string, string> Settings(string region) => new()
    {
        ["name"] = $"改区域大赛 {ContestArrangement.Next()}", ["description"] = "说明", ["groups"] = "发明创业组\n发明成长组",
        ["requireInForce"] = "true", ["region"] = region,
    };

    private async Task<(Guid Contest, Guid Entry)> ContestWithEligibleEntryAsync()
    {
        var university = await _arrange.UniversityAsync("泉州改规则大学");
        var contestId = await _arrange.ContestAsync([await _arrange.PersonAsync("settings-judge")]);
        var entryId = await _arrange.EntryAsync(contestId, university, await _arrange.PersonAsync("settings-entrant", university), "区域项目", await _arrange.PatentAsync(university));
        return (contestId, entryId);
    }

    private async Task<(Contest Contest, ContestEntry Entry)> StoredAsync(Guid contestId, Guid entryId)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return (await db.Contests.AsNoTracking().SingleAsync(c => c.Id == contestId), await db.ContestEntries.AsNoTracking().SingleAsync(e => e.Id == entryId));
    }

    [Fact]
    public async Task The_operator_changes_the_region_before_entries_close_and_the_entries_are_checked_again_audited_and_reported()
    {
        var (contestId, entryId) = await ContestWithEligibleEntryAsync();
        Assert.True((await StoredAsync(contestId, entryId)).Entry.Eligible);
        using var client = await site.CreateClient().SignInAsDemoAsync(OperatorEmail);
        var url = $"/contests/{contestId}/manage";

        using var saved = await client.SubmitAsync(url, "#settings-form", Settings("厦门"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.PageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("设置已保存。已按新规则重新审核 1 个参赛项目：0 个符合资格（此前 1 个）。", page.QuerySelector("#message")?.TextContent.Trim());
        Assert.Equal("厦门", page.QuerySelector("#settings-region")?.GetAttribute("value"));
        var (contest, entry) = await StoredAsync(contestId, entryId);
        Assert.Equal("厦门", contest.Rules.RegionKeyword);
        Assert.Equal(["发明创业组", "发明成长组"], contest.Groups);
        Assert.False(entry.Eligible);
        Assert.Contains(entry.EligibilityReasons, r => !r.Passed && r.Key == "{0}: no applicant's address is in the region.");
        await using var scope = site.Scope();
        var audit = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == ContestAuditActions.SettingsChanged && e.Subject == contest.Name).ToListAsync();
        Assert.Contains("region=厦门", Assert.Single(audit).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_entries_are_closed_the_settings_are_refused_with_a_clear_message_and_stay_as_they_were()
    {
        var (contestId, entryId) = await ContestWithEligibleEntryAsync();
        await _arrange.WithServicesAsync(async svc => await svc.Judging.StartJudgingAsync((await svc.Contests.FindAsync(contestId))!));
        using var client = await site.CreateClient().SignInAsDemoAsync(OperatorEmail);
        var url = $"/contests/{contestId}/manage";
        var page = await client.PageAsync(url);
        Assert.Null(page.QuerySelector("#settings-form"));
        var fields = Settings("厦门");
        fields["__RequestVerificationToken"] = page.QuerySelector("#invite-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var refused = await client.Http.PostAsync($"{url}?handler=Settings", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("报名已截止，大赛设置不能再修改。", (await Html.ReadAsync(refused)).QuerySelector(".alert")?.TextContent, StringComparison.Ordinal);
        var (contest, entry) = await StoredAsync(contestId, entryId);
        Assert.Equal("泉州", contest.Rules.RegionKeyword);
        Assert.True(entry.Eligible);
    }

    [Fact]
    public async Task The_entry_page_offers_the_evaluation_report_upload_only_for_an_entry_with_a_utility_model_or_design()
    {
        var inventionsOnly = await _arrange.UniversityAsync("泉州发明大学");
        var withUtilityModel = await _arrange.UniversityAsync("泉州实用新型大学");
        var inventor = await _arrange.PersonAsync("invention-entrant", inventionsOnly);
        var modeller = await _arrange.PersonAsync("utility-entrant", withUtilityModel);
        var contestId = await _arrange.ContestAsync([]);
        await _arrange.EntryAsync(contestId, inventionsOnly, inventor, "发明项目", await _arrange.PatentAsync(inventionsOnly));
        await _arrange.EntryAsync(contestId, withUtilityModel, modeller, "实用新型项目",
            await _arrange.PatentAsync(withUtilityModel), await _arrange.PatentAsync(withUtilityModel, type: DocumentType.UtilityModel));
        using var inventorClient = await SignedInAsync(inventor);
        using var modellerClient = await SignedInAsync(modeller);

        var inventionPage = await inventorClient.PageAsync($"/contests/{contestId}/entry");
        var utilityPage = await modellerClient.PageAsync($"/contests/{contestId}/entry");

        Assert.NotNull(inventionPage.QuerySelector("#upload-BusinessPlan"));
        Assert.Null(inventionPage.QuerySelector("#upload-Evaluation"));
        Assert.NotNull(utilityPage.QuerySelector("#upload-BusinessPlan"));
        Assert.NotNull(utilityPage.QuerySelector("#upload-Evaluation"));
    }
}
