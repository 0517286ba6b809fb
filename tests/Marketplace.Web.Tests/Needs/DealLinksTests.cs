using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Needs;
using Marketplace.Web.Tests.Contests;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Needs.NeedsScenario;

namespace Marketplace.Web.Tests.Needs;

/// <summary>Deals point at real records: an agreed licence at a licence taken between the parties; a contest observer's interest opens one lead.</summary>
public abstract class DealLinksTests(AccountsSite site)
{
    private readonly ContestArrangement _arrange = new(site);

    [Fact]
    public async Task Agreeing_as_a_licence_needs_a_real_licence_between_the_parties_and_the_deal_links_to_it()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        var needId = await PostNeedAsync(enterprise, "许可关联测试需求 " + Guid.NewGuid().ToString("N")[..6]);
        var enterpriseId = await OrganizationIdAsync(site, DemoData.EnterpriseCode.Value);
        var declaration = await PublishedDeclarationAsync(site, UniversityCleaner.Id);
        var stranger = await _arrange.UniversityAsync("无关机构");
        var strangersLicense = await LicenseAsync(site, declaration, stranger.Id);
        var licence = await LicenseAsync(site, declaration, enterpriseId);
        Guid dealId;
        await using (var scope = site.Scope())
        {
            var deals = scope.ServiceProvider.GetRequiredService<DealService>();
            var deal = (await deals.FindAsync((await deals.ForNeedAsync(needId))!.Id))!;
            dealId = deal.Id;
            var actor = Guid.NewGuid();
            Assert.Equal("The licence record was not found.",
                (await Assert.ThrowsAsync<NeedRuleException>(() => deals.AgreeAsync(deal, AgreementKind.License, null, Guid.NewGuid(), null, actor))).Message);
            Assert.Equal("The licence record's licensee is not this deal's interested organisation.",
                (await Assert.ThrowsAsync<NeedRuleException>(() => deals.AgreeAsync(deal, AgreementKind.License, null, strangersLicense, null, actor))).Message);
            Assert.Equal(DealStage.New, deal.Stage);
            Assert.Equal([licence], (await deals.LicenseChoicesAsync(deal)).Where(c => c.Id == licence || c.Id == strangersLicense).Select(c => c.Id));
        }

        var page = await operatorClient.PageAsync($"/deals/{dealId}");
        Assert.NotNull(page.QuerySelector($"#Agreement_LicenseOrderId option[value='{licence}']"));
        using (var bad = await operatorClient.SubmitAsync($"/deals/{dealId}", "#agree-form", new Dictionary<string, string>
               { ["Agreement.Kind"] = "License", ["Agreement.LicenseOrderId"] = "not-a-guid" }))
            Assert.Contains("许可记录编号无效", (await Html.ReadAsync(bad)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        using (var agreed = await operatorClient.SubmitAsync($"/deals/{dealId}", "#agree-form", new Dictionary<string, string>
               { ["Agreement.Kind"] = "License", ["Agreement.LicenseOrderId"] = licence.ToString() }))
            Assert.Equal(System.Net.HttpStatusCode.Redirect, agreed.StatusCode);

        var after = await operatorClient.PageAsync($"/deals/{dealId}");
        Assert.Equal($"/licensing/orders/{licence}", after.QuerySelector("#licence-link")!.GetAttribute("href"));
        string reference;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            Assert.Equal(licence, (await db.Deals.SingleAsync(d => d.Id == dealId)).LicenseOrderId);
            reference = (await db.LicenseOrders.SingleAsync(o => o.Id == licence)).Reference;
        }
        // The history names the licence by its reference (OL-…), never by the record's id.
        var history = after.QuerySelector("#history")!.TextContent;
        Assert.Contains(reference, history, StringComparison.Ordinal);
        Assert.DoesNotContain(licence.ToString(), history, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> AgreeWithFileAsync(SiteClient client, Guid dealId, Dictionary<string, string> fields, byte[] file)
    {
        var page = await client.PageAsync($"/deals/{dealId}");
        var form = page.QuerySelector("#agree-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        foreach (var (key, value) in fields) content.Add(new StringContent(value), key);
        var pdf = new ByteArrayContent(file);
        pdf.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        content.Add(pdf, "contractPdf", "contract.pdf");
        return await client.Http.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task Agreeing_a_transfer_keeps_the_contract_reference_and_its_signed_PDF_and_refuses_a_file_that_is_not_one()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        var needId = await PostNeedAsync(enterprise, "转让合同测试需求 " + Guid.NewGuid().ToString("N")[..6]);
        Guid dealId;
        await using (var scope = site.Scope())
            dealId = (await scope.ServiceProvider.GetRequiredService<DealService>().ForNeedAsync(needId))!.Id;
        var signed = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["Agreement.Kind"] = "Transfer", ["Agreement.ContractNumber"] = "QZ-ZR-2026-11", ["Agreement.ContractSignedOn"] = signed };

        using (var notPdf = await AgreeWithFileAsync(operatorClient, dealId, fields, "<html>not a contract</html>"u8.ToArray()))
            Assert.Contains("合同文件必须是 PDF", (await Html.ReadAsync(notPdf)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        using (var noDate = await operatorClient.SubmitAsync($"/deals/{dealId}", "#agree-form", new Dictionary<string, string>
               { ["Agreement.Kind"] = "JointProject", ["Agreement.ContractNumber"] = "QZ-HZ-1" }))
            Assert.Contains("请填写合同签订日期", (await Html.ReadAsync(noDate)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        using (var agreed = await AgreeWithFileAsync(operatorClient, dealId, fields, ContestArrangement.Pdf("signed transfer")))
            Assert.Equal(System.Net.HttpStatusCode.Redirect, agreed.StatusCode);

        var after = await operatorClient.PageAsync($"/deals/{dealId}");
        Assert.Contains($"合同 QZ-ZR-2026-11，签订于 {signed}", after.QuerySelector("#contract")!.TextContent, StringComparison.Ordinal);
        using var download = await operatorClient.GetAsync(after.QuerySelector("#contract-pdf")!.GetAttribute("href")!);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var enterpriseTry = await enterprise.GetAsync($"/deals/{dealId}?handler=Contract");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, enterpriseTry.StatusCode);
    }

    [Fact]
    public async Task A_proposal_offers_only_a_published_open_licence_of_the_proposing_organisation()
    {
        await EnsureAsync(site);
        using var enterprise = await site.CreateClient().SignInAsDemoAsync(EnterpriseOwner);
        var needId = await PostNeedAsync(enterprise, "开放许可校验需求 " + Guid.NewGuid().ToString("N")[..6]);
        var strangerOrg = await _arrange.UniversityAsync("别家大学");
        var own = await PublishedDeclarationAsync(site, UniversityCleaner.Id);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var universityId = await OrganizationIdAsync(site, DemoData.UniversityCode.Value);
        var owner = await db.Users.SingleAsync(u => u.Email == UniversityOwner);
        var viewer = new NeedViewer(owner.Id, universityId, Marketplace.Web.Organizations.OrganizationType.University, false) { Verified = true };
        var others = Marketplace.Web.Licensing.OpenLicenseDeclaration.Create(strangerOrg.Id, strangerOrg.Name, Guid.NewGuid(), DateTime.UtcNow);
        var draft = Marketplace.Web.Licensing.OpenLicenseDeclaration.Create(universityId, "示范大学", Guid.NewGuid(), DateTime.UtcNow);
        db.AddRange(others, draft);
        await db.SaveChangesAsync();
        var needs = scope.ServiceProvider.GetRequiredService<NeedService>();
        var need = (await needs.FindAsync(needId))!;

        Task<string?> ErrorWith(Guid declaration) => needs.ProposeAsync(need, viewer, UniversityCleaner.Id, "方案", "", "", declaration).ContinueWith(t => t.Result.Error);

        Assert.Equal("The open licence declaration was not found.", await ErrorWith(Guid.NewGuid()));
        Assert.Equal("The open licence declaration belongs to another organisation.", await ErrorWith(others.Id));
        Assert.Equal("Only a published open licence declaration can be offered.", await ErrorWith(draft.Id));
        var (proposal, error, _) = await needs.ProposeAsync(need, viewer, UniversityCleaner.Id, "方案", "", "", own);
        Assert.Null(error);
        Assert.Equal(own, proposal!.OpenLicenseDeclarationId);
    }

    [Fact]
    public async Task An_observers_interest_opens_one_lead_at_new_that_outlives_the_tag()
    {
        var park = await _arrange.UniversityAsync("泉州产业园");
        var investor = await _arrange.PersonAsync("park-investor", park);
        var contestId = await _arrange.ContestAsync([], [investor]);
        var entrant = await _arrange.UniversityAsync("线索参赛大学");
        var patent = await _arrange.PatentAsync(entrant);
        var entryId = await _arrange.EntryAsync(contestId, entrant, await _arrange.PersonAsync("lead-entrant", entrant), "线索项目：陶瓷 3D 打印", patent);

        await _arrange.WithServicesAsync(async svc =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            await svc.Observers.TagInterestAsync(contest, investor.Id, entryId, "投资，入园", "");
            await svc.Observers.TagInterestAsync(contest, investor.Id, entryId, "投资, 许可", "");
            await svc.Observers.TagInterestAsync(contest, investor.Id, entryId, "投资, 许可", "只改了备注");
        });

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var interest = await db.ObserverInterests.SingleAsync(i => i.EntryId == entryId);
        var lead = await db.Deals.Include(d => d.History).SingleAsync(d => d.ObserverInterestId == interest.Id);
        Assert.Equal((DealSource.ContestInterest, DealStage.New, (Guid?)park.Id, (Guid?)null), (lead.Source, lead.Stage, lead.InterestedOrganizationId, lead.NeedId));
        Assert.Equal([patent], lead.Patents);
        Assert.Equal(["created", "interest"], lead.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => h.Kind));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ContestLeads>().LeadsFromInterestsAsync());

        using var operatorClient = await site.CreateClient().SignInAsDemoAsync(Operator);
        var board = await operatorClient.PageAsync("/deals");
        Assert.Contains("线索项目：陶瓷 3D 打印", board.QuerySelector("#stage-new")!.TextContent, StringComparison.Ordinal);

        // The tag goes (as when an observer's record is removed): the lead and its history stay.
        db.ObserverInterests.Remove(interest);
        await db.SaveChangesAsync();
        Assert.True(await db.Deals.AsNoTracking().AnyAsync(d => d.Id == lead.Id));
        var leadPage = await operatorClient.PageAsync($"/deals/{lead.Id}");
        Assert.Contains(park.Name, leadPage.QuerySelector("#lead-party")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteSiteGroup.Name)]
public sealed class SqliteDealLinksTests(SqliteSite site) : DealLinksTests(site);

[Collection(PostgreSqlSiteGroup.Name)]
public sealed class PostgreSqlDealLinksTests(PostgreSqlSite site) : DealLinksTests(site);
