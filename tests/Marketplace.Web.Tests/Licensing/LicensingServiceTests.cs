using System.Text;
using ClosedXML.Excel;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Declarations, portfolio, labels, evaluation reports, bank transfers, recordal, royalties and the ledger through the real services and database.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class LicensingServiceTests(LicensingSite site)
{
    private static readonly PatenteeAttestations Attested = new() { FeesPaid = true, NoDisputeOrPreservation = true };

    private async Task<Organization> UniversityAsync(MarketplaceDbContext db) =>
        await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);

    [Fact]
    public async Task Publication_labels_the_patent_in_the_index_and_withdrawal_removes_the_label_but_keeps_granted_licences()
    {
        var declaration = await site.PublishAsync(LicenseFee.Free());
        var patent = declaration.Patents[0].PatentId;
        var index = site.Services.GetRequiredService<IPatentIndex>();
        var filter = new PatentQuery { Filters = new Dictionary<string, IReadOnlyList<string>> { [LabelFacets.OpenLicense] = [LabelFacets.OpenLicenseAvailable] }, PageSize = 200 };
        Assert.Contains((await index.SearchAsync(filter)).Hits, h => h.Record.Id == patent);
        var (licence, _) = await site.TakeAsync(declaration.Id, site.Enterprise);

        await using (var scope = site.Scope())
        {
            var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
            await declarations.WithdrawAsync((await declarations.FindAsync(declaration.Id))!, "技术已转让给他人");
        }
        Assert.Empty(LabelFacets.ValuesOf((await index.GetAsync(patent))!, LabelFacets.OpenLicense));
        Assert.DoesNotContain((await index.SearchAsync(filter)).Hits, h => h.Record.Id == patent);
        Assert.True((await site.OrderAsync(licence.Id)).IsInForce(DateOnly.FromDateTime(DateTime.UtcNow)));
        await Assert.ThrowsAsync<LicensingRuleException>(() => site.TakeAsync(declaration.Id, site.SecondEnterprise));
    }

    [Fact]
    public async Task An_exclusive_licence_cannot_be_recorded_while_a_declaration_stands_and_blocks_a_new_declaration()
    {
        var declaration = await site.PublishAsync(LicenseFee.Free());
        var patent = declaration.Patents[0].PatentId;
        await using var scope = site.Scope();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Assert.ThrowsAsync<LicensingRuleException>(() => declarations.RecordExclusiveAsync(site.University, patent, ExclusiveKind.Exclusive, "某公司", today, today.AddYears(1)));

        var other = await site.AddPatentAsync();
        await declarations.RecordExclusiveAsync(site.University, other, ExclusiveKind.Sole, "某公司", today, today.AddYears(1));
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var draft = await declarations.CreateDraftAsync(await UniversityAsync(db), site.UniversityOwner, [other]);
        await declarations.SaveTermsAsync(draft, LicenseFee.Free(), 1, null, PaymentChannel.BankTransfer, null, Attested);
        var refused = await Assert.ThrowsAsync<DeclarationRefusedException>(() => declarations.SubmitAsync(draft));
        Assert.Equal("patent.exclusive", Assert.Single(refused.Check.Errors).Code);
    }

    [Fact]
    public async Task A_utility_model_needs_a_real_PDF_report_stored_outside_the_web_root()
    {
        var patent = await site.AddPatentAsync("B64U20/80", DocumentType.UtilityModel);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var reports = scope.ServiceProvider.GetRequiredService<EvaluationReports>();
        var draft = await declarations.CreateDraftAsync(await UniversityAsync(db), site.UniversityOwner, [patent]);
        await declarations.SaveTermsAsync(draft, LicenseFee.LumpSum(1000m), 1, null, PaymentChannel.BankTransfer, null, Attested);
        Assert.Equal("patent.evaluation-report", Assert.Single((await declarations.CheckAsync(draft)).Errors).Code);

        var notPdf = Encoding.UTF8.GetBytes("<html>not a report</html>");
        var wrong = await Assert.ThrowsAsync<LicensingRuleException>(() => reports.StoreAsync(new MemoryStream(notPdf), notPdf.Length));
        Assert.Equal("The evaluation report must be a PDF file.", wrong.Template);
        var max = scope.ServiceProvider.GetRequiredService<IOptions<LicensingOptions>>().Value.MaxEvaluationReportBytes;
        await Assert.ThrowsAsync<LicensingRuleException>(() => reports.StoreAsync(new MemoryStream([]), max + 1));
        await Assert.ThrowsAsync<LicensingRuleException>(() => reports.StoreAsync(new MemoryStream([]), 0));

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% evaluation report\n%%EOF\n");
        var (name, length) = await reports.StoreAsync(new MemoryStream(pdf), pdf.Length);
        var folder = scope.ServiceProvider.GetRequiredService<IOptions<LicensingOptions>>().Value.EvaluationReportFolder;
        Assert.True(File.Exists(Path.Combine(folder, name)));
        Assert.DoesNotContain("wwwroot", folder, StringComparison.Ordinal);
        Assert.Null(reports.Open("../marketplace.db"));
        await declarations.AttachReportAsync(draft, patent, name, length);
        Assert.True((await declarations.CheckAsync(draft)).CanSubmit);
        await declarations.SubmitAsync(draft);
    }

    [Fact]
    public async Task A_claim_through_a_name_variant_waits_for_an_operator_before_the_organisation_owns_the_patent()
    {
        var variant = "泉州示范大学材料学院（测试）" + Guid.NewGuid().ToString("N")[..6];
        var index = site.Services.GetRequiredService<IPatentIndex>();
        var id = await site.AddPatentAsync();
        var record = (await index.GetAsync(id))!;
        record.Applicants = [new Party { Name = variant }];
        await index.UpsertAsync([record]);
        await index.CommitAsync();

        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var portfolio = scope.ServiceProvider.GetRequiredService<PortfolioService>();
        var ownership = scope.ServiceProvider.GetRequiredService<IPatentOwnership>();
        // Acquisition wraps the portfolio's check (acquired patents answer for their acquirer); every other patent is the portfolio's to answer.
        Assert.IsType<PortfolioPatentOwnership>(Assert.IsType<Marketplace.Web.Acquisition.AcquiredPatentOwnership>(ownership).Inner);
        var university = await UniversityAsync(db);
        Assert.False((await ownership.CheckAsync(university, record)).Owns);
        await Assert.ThrowsAsync<LicensingRuleException>(() => portfolio.ClaimAsync(university, id, site.UniversityOwner));

        await portfolio.AddVariantAsync(university, variant);
        var claim = await portfolio.ClaimAsync(university, id, site.UniversityOwner);
        Assert.Equal(ClaimStatus.Pending, claim.Status);
        Assert.False((await ownership.CheckAsync(university, record)).Owns);
        await Assert.ThrowsAsync<LicensingRuleException>(() => scope.ServiceProvider.GetRequiredService<DeclarationService>().CreateDraftAsync(university, site.UniversityOwner, [id]));

        await portfolio.ReviewClaimAsync(claim.Id, approve: true, Guid.NewGuid(), null);
        var answer = await ownership.CheckAsync(university, record);
        Assert.True(answer.Owns);
        Assert.Equal(variant, answer.MatchedName);
        Assert.Contains(await portfolio.EntriesAsync(university.Id), e => e.Claim.PatentId == id);
    }

    [Fact]
    public async Task Claiming_from_the_index_takes_every_patent_filed_under_the_registered_name_once()
    {
        var id = await site.AddPatentAsync();
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var portfolio = scope.ServiceProvider.GetRequiredService<PortfolioService>();
        var university = await UniversityAsync(db);
        Assert.True((await portfolio.ClaimFromIndexAsync(university, site.UniversityOwner)).Claimed >= 1);
        Assert.Equal(ClaimStatus.Approved, (await db.PortfolioClaims.SingleAsync(c => c.OrganizationId == university.Id && c.PatentId == id)).Status);
        Assert.Equal(new PortfolioClaimRun(0, 0), await portfolio.ClaimFromIndexAsync(university, site.UniversityOwner));
    }

    [Fact]
    public async Task A_bank_transfer_confirmed_by_the_licensor_makes_the_licence_which_is_then_recorded_and_in_the_ledger()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(2_500m), PaymentChannel.BankTransfer);
        var (order, _) = await site.TakeAsync(declaration.Id, site.SecondEnterprise);
        await using (var scope = site.Scope())
        {
            var licenses = scope.ServiceProvider.GetRequiredService<LicenseService>();
            var loaded = (await licenses.FindAsync(order.Id))!;
            await Assert.ThrowsAsync<LicensingRuleException>(() => licenses.ConfirmTransferAsync(loaded, " "));
            await licenses.ConfirmTransferAsync(loaded, "ICBC-20261127-001");
            await licenses.RecordAsync(loaded, "2026990000777");
        }
        var done = await site.OrderAsync(order.Id);
        Assert.Equal(LicenseStatus.Recorded, done.Status);
        Assert.Equal("bank:ICBC-20261127-001", done.PaymentReference);

        await using var ledgerScope = site.Scope();
        var rows = await ledgerScope.ServiceProvider.GetRequiredService<LedgerService>().RowsAsync(site.University);
        var row = Assert.Single(rows, r => r.Reference == done.Reference);
        Assert.Equal(2_500m, row.UpfrontYuan);
        Assert.Equal("licensor", row.Role);
        Assert.Equal("2026990000777", row.RecordalNumber);
        var csv = Encoding.UTF8.GetString(LedgerService.Csv(rows));
        Assert.Contains(done.Reference + ",licensor,泉州第二制造有限公司（测试）", csv, StringComparison.Ordinal);
        Assert.Contains("2500.00", csv, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(new MemoryStream(LedgerService.Excel(rows)));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Reference", sheet.Cell(1, 1).GetString());
        Assert.Contains(Enumerable.Range(2, rows.Count), r => sheet.Cell(r, 1).GetString() == done.Reference && sheet.Cell(r, 10).GetDouble() == 2500d);
    }

    [Fact]
    public async Task Royalty_reports_compute_statements_and_overdue_ones_bring_a_reminder()
    {
        var declaration = await site.PublishAsync(LicenseFee.Royalty(4m, RoyaltyBase.Sales));
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var licenses = scope.ServiceProvider.GetRequiredService<LicenseService>();
        // A licence that took effect eight months ago (free upfront, royalty only), so quarters have ended since.
        var loadedDeclaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.Id == declaration.Id);
        var started = DateTime.UtcNow.AddMonths(-8);
        var order = LicenseOrder.Notify(loadedDeclaration, site.SecondEnterprise, Guid.NewGuid(), "royalty-" + Guid.NewGuid().ToString("N"), started);
        db.LicenseOrders.Add(order);
        await db.SaveChangesAsync();

        var overdue = RoyaltyReport.Overdue(order, [], DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.NotEmpty(overdue);
        var (year, quarter) = overdue[0];
        var report = await licenses.ReportRoyaltyAsync(order, year, quarter, 123_456.78m, Guid.NewGuid());
        Assert.Equal(4_938.27m, report.RoyaltyYuan);
        await Assert.ThrowsAsync<LicensingRuleException>(() => licenses.ReportRoyaltyAsync(order, year, quarter, 1m, Guid.NewGuid()));
        Assert.DoesNotContain((year, quarter), RoyaltyReport.Overdue(order, [report], DateOnly.FromDateTime(DateTime.UtcNow)));

        var link = $"/licensing/orders/{order.Id}";
        const string reminder = "A royalty report is overdue: report your sales on the licence page.";
        var before = await site.NoticesAsync(site.SecondEnterprise, reminder, link);
        Assert.True(await licenses.RemindOverdueRoyaltiesAsync() >= 1);
        Assert.Equal(before + 1, await site.NoticesAsync(site.SecondEnterprise, reminder, link));
    }

    [Fact]
    public async Task Price_guidance_reads_the_fees_of_published_declarations_in_the_same_IPC_subclass()
    {
        var subclass = "A01B1/00";
        await site.PublishAsync(LicenseFee.LumpSum(10_000m), ipc: subclass);
        await site.PublishAsync(LicenseFee.LumpSum(30_000m), ipc: subclass);
        await site.PublishAsync(LicenseFee.LumpSum(90_000m), ipc: "H01M10/00");
        var mine = await site.PublishAsync(LicenseFee.LumpSum(20_000m), ipc: subclass);
        await using var scope = site.Scope();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var guidance = await declarations.GuidanceAsync((await declarations.FindAsync(mine.Id))!);
        Assert.Equal(2, guidance.Comparables);
        Assert.Equal(20_000m, guidance.MedianLumpSumYuan);
        Assert.Equal(10_000m, guidance.MinLumpSumYuan);
        Assert.Equal(30_000m, guidance.MaxLumpSumYuan);
    }

    [Fact]
    public async Task The_written_notice_names_both_parties_and_the_terms()
    {
        var declaration = await site.PublishAsync(LicenseFee.LumpSum(600m));
        var (order, _) = await site.TakeAsync(declaration.Id, site.Enterprise);
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var d = await db.OpenLicenseDeclarations.Include(x => x.Patents).SingleAsync(x => x.Id == declaration.Id);
        var licensor = await db.Organizations.SingleAsync(o => o.Id == site.University);
        var licensee = await db.Organizations.SingleAsync(o => o.Id == site.Enterprise);
        var pdf = LicensingDocuments.Notice(order, d, licensor, licensee);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.True(pdf.Length > 10_000, $"a notice with its embedded CJK font, got {pdf.Length} bytes");
        // The contract exists only once the licence takes effect (this one awaits payment).
        Assert.Throws<LicensingRuleException>(() => LicensingDocuments.Contract(order, d, licensor, licensee));
    }

    [Fact]
    public async Task The_demo_university_offers_a_sample_invention_under_a_published_open_licence()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var demo = await db.OpenLicenseDeclarations.Include(d => d.Patents).SingleAsync(d => d.PublicationReference == Marketplace.Web.Demo.DemoData.OpenLicenseReference);
        Assert.Equal(DeclarationStatus.Published, demo.Status);
        Assert.Equal(site.University, demo.OrganizationId);
        Assert.Equal(Marketplace.Web.Demo.DemoData.OpenLicensePatentId, Assert.Single(demo.Patents).PatentId);
        Assert.Equal(10, await db.PortfolioClaims.CountAsync(c => c.OrganizationId == site.University && c.Status == ClaimStatus.Approved && c.MatchedName == Marketplace.Web.Demo.DemoData.UniversityNameVariant));
    }
}
