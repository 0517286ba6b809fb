using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Marketplace.Web.Pledges;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Valuation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Acquisition;

/// <summary>
/// Acquisition through the services on the real site (SQLite, the index, the demo's pledge): screens, stages, offers to a
/// registered owner and their answers, renewal, offline approaches, the refusals and the portfolio.
/// </summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class AcquisitionServiceTests(LicensingSite site)
{
    private const string Offered = "{0} offers to acquire your patent {1} ({2}).";
    private static int _records;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<LicensingActor> OperatorAsync()
    {
        await using var scope = site.Scope();
        var id = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Users.Where(u => u.Email == "operator@demo.patent-marketplace.local").Select(u => u.Id).SingleAsync();
        return new LicensingActor(id, null, null, IsOperator: true);
    }

    private async Task<LicensingActor> UniversityOwnerAsync(MarketplaceDbContext db)
    {
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        return new LicensingActor(site.UniversityOwner, university, OrganizationRole.Owner, IsOperator: false);
    }

    private async Task<T> WithAsync<T>(Func<AcquisitionService, MarketplaceDbContext, Task<T>> act)
    {
        await using var scope = site.Scope();
        return await act(scope.ServiceProvider.GetRequiredService<AcquisitionService>(), scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    /// <summary>A patent with labels, filed by <paramref name="applicant"/>; the title carries <paramref name="word"/> so a screen can find exactly these.</summary>
    private async Task<string> RecordAsync(string word, bool sleeping, string? chain, string applicant = "泉州示范大学（演示）", PartyType type = PartyType.University)
    {
        var id = $"CN1{Interlocked.Increment(ref _records) + 96_000_000:D8}A";
        var labels = new SortedDictionary<string, List<string>>(StringComparer.Ordinal) { [LabelFacets.Sleeping] = [sleeping ? "true" : "false"] };
        if (chain is not null) labels[LabelFacets.Chain] = [chain];
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(id),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Titles = [new LocalizedText("zh", $"一种储能电池热管理方法 {word}")],
            Applicants = [new Party { Name = applicant, Type = type }],
            ApplicationDate = new DateOnly(2019, 3, 1),
            IpcCodes = ["H01M10/60"],
            Labels = labels,
            Scores = new SortedDictionary<string, double>(StringComparer.Ordinal) { [LabelFacets.ValueIndexScore] = 0.5 },
        }]);
        await index.CommitAsync();
        return id;
    }

    private async Task<(Guid Pool, Guid Candidate)> CandidateAsync(string patentId)
    {
        var actor = await OperatorAsync();
        return await WithAsync(async (acquisition, _) =>
        {
            var pool = await acquisition.CreatePoolAsync(actor, "新能源收储池（测试）", "盘活高校沉睡专利", "new-energy");
            await acquisition.AddAsync(pool, [patentId], actor.UserId);
            return (pool.Id, pool.Candidates.Single().Id);
        });
    }

    [Fact]
    public async Task A_screen_counts_its_hits_fills_the_pool_once_and_skips_a_patent_acquired_through_another_pool()
    {
        var word = $"qzscreen{Guid.NewGuid():N}"[..16];
        var first = await RecordAsync(word, sleeping: true, "new-energy");
        var second = await RecordAsync(word, sleeping: true, "new-energy");
        await RecordAsync(word, sleeping: false, "new-energy");
        var actor = await OperatorAsync();
        var screen = new AcquisitionScreen(Sleeping: true, ChainId: "new-energy", OwnerType: ScreenOwnerType.University, LegalStatus: LegalStatus.InForce, FromYear: 2018, ToYear: 2020, Text: word);

        var poolId = await WithAsync(async (acquisition, _) =>
        {
            Assert.Equal(2, (await acquisition.ScreenAsync(screen)).Total);
            Assert.Equal(0, (await acquisition.ScreenAsync(screen with { OwnerType = ScreenOwnerType.Enterprise })).Total);
            var pool = await acquisition.CreatePoolAsync(actor, "筛选池（测试）", "沉睡专利收储", null);
            var added = await acquisition.AddScreenAsync(pool, screen, actor.UserId);
            Assert.Equal((2, 0), (added.Added, added.AlreadyInPool));
            Assert.Empty(added.AcquiredElsewhere);
            var again = await acquisition.AddScreenAsync(pool, screen, actor.UserId);
            Assert.Equal((0, 2), (again.Added, again.AlreadyInPool));
            var candidate = pool.Candidates.Single(c => c.PatentId == first);
            Assert.True(candidate.Sleeping);
            Assert.Equal(0.5, candidate.ValueIndex);
            Assert.Equal(CandidateStage.Candidate, candidate.Stage);
            await acquisition.RecordAcquisitionAsync(candidate, 3_000_000, Today);
            return pool.Id;
        });

        await WithAsync(async (acquisition, _) =>
        {
            var other = await acquisition.CreatePoolAsync(actor, "另一个池（测试）", "对比", null);
            var result = await acquisition.AddAsync(other, [first, second], actor.UserId);
            Assert.Equal(1, result.Added);
            Assert.Equal([first], result.AcquiredElsewhere);
            Assert.DoesNotContain(other.Candidates, c => c.PatentId == first);
            return result;
        });
        var portfolio = await WithAsync((acquisition, _) => acquisition.PortfolioAsync(poolId));
        Assert.Equal(new PortfolioFigures(1, 3_000_000, 0m), portfolio.Total);
        Assert.Equal([("new-energy", new PortfolioFigures(1, 3_000_000, 0m))], portfolio.ByChain);
    }

    [Fact]
    public async Task A_candidate_is_valued_through_the_valuation_service_then_offered_to_the_university_which_accepts_and_it_joins_the_portfolio()
    {
        var patent = await site.AddPatentAsync();
        var (poolId, candidateId) = await CandidateAsync(patent);
        var actor = await OperatorAsync();

        await WithAsync(async (acquisition, _) =>
        {
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            var refusal = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.MarkValuedAsync(candidate));
            Assert.Equal("Value patent {0} first: open the valuation form, save it, then come back.", refusal.Template);
            return 0;
        });
        await using (var scope = site.Scope())
        {
            var valuations = scope.ServiceProvider.GetRequiredService<ValuationService>();
            var (proposal, problem, _) = await valuations.ProposeAsync(actor, [patent]);
            Assert.Null(problem);
            await valuations.CreateAsync(actor, proposal!, proposal!.Terms with { RevenueYuan = 2_000_000m });
        }

        var offerId = await WithAsync(async (acquisition, db) =>
        {
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            await acquisition.MarkValuedAsync(candidate);
            var view = (await acquisition.ViewsAsync([candidate])).Single();
            Assert.NotNull(view.LatestValuationId);
            Assert.True(view.LatestValueYuan > 0m);
            Assert.Equal(new RegisteredOwner(site.University, "泉州示范大学（演示）"), await acquisition.RegisteredOwnerAsync(patent));
            var offer = await acquisition.OfferAsync(actor, candidate, 5_000_000, "一次性付款，三十日内办理转让登记", Today.AddMonths(2), "盼复");
            Assert.Equal(CandidateStage.Approached, candidate.Stage);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AcquisitionAuditActions.Offered && e.Subject == offer.Reference));
            return offer.Id;
        });
        Assert.Equal(1, await site.NoticesAsync(site.University, Offered, AcquisitionLinks.OwnerOffers));

        await WithAsync(async (acquisition, db) =>
        {
            var owner = await UniversityOwnerAsync(db);
            var offer = (await acquisition.OffersToAsync(site.University)).Single(o => o.Id == offerId);
            Assert.Equal(5_000_000, offer.PriceFen);
            await acquisition.AcceptAsync(owner, offer, "同意收储");
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            Assert.Equal(CandidateStage.Acquired, candidate.Stage);
            Assert.Equal((5_000_000L, Today), (candidate.PricePaidFen!.Value, candidate.AcquiredOn!.Value));
            Assert.True(await db.Notifications.AnyAsync(n => n.UserId == actor.UserId && n.MessageKey == "{0} accepted your offer for patent {1}." && n.Link == AcquisitionLinks.Candidate(candidateId)));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AcquisitionAuditActions.Acquired && e.Subject == patent));
            return 0;
        });
        var portfolio = await WithAsync((acquisition, _) => acquisition.PortfolioAsync(poolId));
        Assert.Equal(1, portfolio.Total.Count);
        Assert.Equal(5_000_000, portfolio.Total.PaidFen);
        Assert.True(portfolio.Total.LatestValueYuan > 0m);
    }

    [Fact]
    public async Task A_declined_offer_is_renewed_once_with_a_new_price_and_the_renewal_cannot_be_renewed_again()
    {
        var patent = await site.AddPatentAsync();
        var (_, candidateId) = await CandidateAsync(patent);
        var actor = await OperatorAsync();
        var firstId = await WithAsync(async (acquisition, db) =>
        {
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            var offer = await acquisition.OfferAsync(actor, candidate, null, "价格面议", Today.AddMonths(1), null);
            await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.OfferAsync(actor, candidate, 1_000_000, "再发一份", Today.AddMonths(1), null));
            await acquisition.DeclineAsync(await UniversityOwnerAsync(db), offer, "暂不考虑");
            Assert.Equal(CandidateStage.Declined, candidate.Stage);
            return offer.Id;
        });
        var renewalId = await WithAsync(async (acquisition, db) =>
        {
            var first = (await acquisition.FindOfferAsync(firstId))!;
            var samePrice = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.RenewAsync(actor, first, null, "价格面议", Today.AddMonths(1), null));
            Assert.Equal(AcquisitionFields.Price, samePrice.Field);
            var renewal = await acquisition.RenewAsync(actor, first, 8_000_000, "八万元一次性支付", Today.AddMonths(1), "提高了报价");
            Assert.Equal(first.Id, renewal.RenewalOfId);
            Assert.Equal(CandidateStage.Approached, (await acquisition.FindCandidateAsync(candidateId))!.Stage);
            await acquisition.DeclineAsync(await UniversityOwnerAsync(db), renewal, "仍不考虑");
            var twice = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.RenewAsync(actor, first, 9_000_000, "九万元", Today.AddMonths(1), null));
            Assert.Equal("Only a declined or expired offer can be renewed, and only once.", twice.Template);
            return renewal.Id;
        });
        await WithAsync(async (acquisition, _) =>
        {
            var renewal = (await acquisition.FindOfferAsync(renewalId))!;
            var again = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.RenewAsync(actor, renewal, 9_000_000, "九万元", Today.AddMonths(1), null));
            Assert.Equal("Only a declined or expired offer can be renewed, and only once.", again.Template);
            return 0;
        });
    }

    [Fact]
    public async Task An_offer_on_a_patent_under_a_registered_pledge_is_refused_with_the_pledge_message()
    {
        var patent = await site.AddPatentAsync();
        var actor = await OperatorAsync();
        await WithAsync(async (_, db) =>
        {
            var bank = await db.Organizations.SingleAsync(o => o.Name == DemoData.BankName);
            db.PledgeRecords.Add(PledgeRecord.Register(new PledgeInput
            {
                RegistrationNumber = "Y-ACQ-" + patent,
                PledgorName = "泉州示范大学（演示）",
                PledgeeName = DemoData.BankName,
                AmountYuan = 1_000_000m,
                RegisteredOn = Today.AddMonths(-1),
                EndsOn = Today.AddYears(2),
                County = "丰泽区",
            }, [(patent, "质押中的专利")], bank.Id, PledgeSource.Entered, null, actor.UserId, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var (_, candidateId) = await CandidateAsync(patent);
        await WithAsync(async (acquisition, db) =>
        {
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            var refusal = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.OfferAsync(actor, candidate, 1_000_000, "一次性付款", Today.AddMonths(1), null));
            Assert.Equal("Patent {0} is bound by a pledge recorded on the platform: it cannot be acquired until the pledge is released.", refusal.Template);
            await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.ApproachOfflineAsync(candidate, "电话联系"));
            Assert.False(await db.AcquisitionOffers.AnyAsync(o => o.CandidateId == candidateId));
            Assert.Equal(CandidateStage.Candidate, (await db.AcquisitionCandidates.AsNoTracking().SingleAsync(c => c.Id == candidateId)).Stage);
            return 0;
        });
    }

    [Fact]
    public async Task An_owner_not_on_the_platform_is_approached_offline_with_a_contact_note_and_no_offer()
    {
        var patent = await RecordAsync("offline", sleeping: false, null, "陈某某（测试个人）", PartyType.Individual);
        var (_, candidateId) = await CandidateAsync(patent);
        var actor = await OperatorAsync();
        await WithAsync(async (acquisition, _) =>
        {
            Assert.Null(await acquisition.RegisteredOwnerAsync(patent));
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            var online = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.OfferAsync(actor, candidate, 1_000_000, "一次性付款", Today.AddMonths(1), null));
            Assert.Equal("The owner of patent {0} is not registered on the platform: record the approach as offline with a contact note.", online.Template);
            var empty = await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.ApproachOfflineAsync(candidate, " "));
            Assert.Equal(AcquisitionFields.Note, empty.Field);
            await acquisition.ApproachOfflineAsync(candidate, "12月7日电话联系发明人，愿意面谈");
            Assert.Equal(CandidateStage.Approached, candidate.Stage);
            return 0;
        });
        Assert.Equal("12月7日电话联系发明人，愿意面谈", await WithAsync((_, db) => db.AcquisitionCandidates.Where(c => c.Id == candidateId).Select(c => c.OfflineNote).SingleAsync()));
    }

    [Fact]
    public async Task Each_pool_and_offer_field_is_refused_with_a_message_that_names_it()
    {
        var patent = await site.AddPatentAsync();
        var (_, candidateId) = await CandidateAsync(patent);
        var actor = await OperatorAsync();
        await WithAsync(async (acquisition, _) =>
        {
            Assert.Equal(AcquisitionFields.Name, (await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.CreatePoolAsync(actor, " ", "用途", null))).Field);
            Assert.Equal(AcquisitionFields.Purpose, (await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.CreatePoolAsync(actor, "池", "", null))).Field);
            Assert.Equal(AcquisitionFields.Years, Assert.Throws<AcquisitionRuleException>(() => new AcquisitionScreen(FromYear: 2020, ToYear: 2010).Query(1, 20, 2026)).Field);
            var candidate = (await acquisition.FindCandidateAsync(candidateId))!;
            async Task<string> FieldAsync(long? price, string terms, DateOnly validUntil, string? message) =>
                (await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.OfferAsync(actor, candidate, price, terms, validUntil, message))).Field;
            Assert.Equal(AcquisitionFields.Price, await FieldAsync(0, "条件", Today.AddMonths(1), null));
            Assert.Equal(AcquisitionFields.Terms, await FieldAsync(1_000_000, "", Today.AddMonths(1), null));
            Assert.Equal(AcquisitionFields.ValidUntil, await FieldAsync(1_000_000, "条件", Today, null));
            Assert.Equal(AcquisitionFields.ValidUntil, await FieldAsync(1_000_000, "条件", Today.AddYears(2), null));
            Assert.Equal(AcquisitionFields.Message, await FieldAsync(1_000_000, "条件", Today.AddMonths(1), new string('言', AcquisitionOffer.MaxTextLength + 1)));
            Assert.Equal(AcquisitionFields.Date, (await Assert.ThrowsAsync<AcquisitionRuleException>(() => acquisition.RecordAcquisitionAsync(candidate, 1_000_000, Today.AddDays(1)))).Field);
            Assert.Equal(CandidateStage.Candidate, candidate.Stage);
            return 0;
        });
    }
}
