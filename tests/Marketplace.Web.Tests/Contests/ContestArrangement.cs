using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Contests;

/// <summary>
/// Arranges contests on a running site straight through its services: people, verified organisations,
/// their patents in the site's index (with analytics labels), a contest with judges and entries.
/// </summary>
internal sealed class ContestArrangement(AccountsSite site)
{
    private static int _counter = Random.Shared.Next(100_000, 900_000);

    public static int Next() => Interlocked.Increment(ref _counter);

    public static byte[] Pdf(string text = "test") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// <summary>A confirmed person with the demo password, optionally member of an organisation (acting for it).</summary>
    public async Task<MarketplaceUser> PersonAsync(string prefix, Organization? organization = null)
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketplaceUser>>();
        var email = $"{prefix}-{Guid.NewGuid():N}@example.org";
        var user = new MarketplaceUser(email, prefix, DateTime.UtcNow) { EmailConfirmed = true };
        var result = await users.CreateAsync(user, DemoData.Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        if (organization is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var org = await scope.ServiceProvider.GetRequiredService<OrganizationService>().FindAsync(organization.Id);
            var (invitation, _) = org!.Invite(email, OrganizationRole.Admin, Guid.NewGuid(), DateTime.UtcNow, byPlatformAdministrator: true);
            org.Accept(invitation, user.Id, email, DateTime.UtcNow);
            var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
            tracked.SwitchTo(org);
            await db.SaveChangesAsync();
        }
        return user;
    }

    /// <summary>A verified university with a unique name and credit code.</summary>
    public async Task<Organization> UniversityAsync(string name)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var body = $"12350500MB{Next():D7}";
        var code = UnifiedSocialCreditCode.Parse(body + UnifiedSocialCreditCode.CheckCharacterFor(body));
        var owner = await PersonAsync("owner");
        var organization = Organization.Create($"{name}{Next()}", OrganizationType.University, code, owner.Id, DateTime.UtcNow);
        organization.AttachDocument("licence.pdf", "application/pdf", [1], Guid.NewGuid(), DateTime.UtcNow);
        organization.SubmitForVerification(DateTime.UtcNow);
        organization.Verify(Guid.NewGuid(), DateTime.UtcNow);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    /// <summary>A granted patent (an invention unless told) in force, owned by the organisation, applicant in Quanzhou, labelled by analytics.</summary>
    public async Task<string> PatentAsync(Organization owner, double valueIndex = 0.82, bool highValue = true, string chain = "新材料", LegalStatus status = LegalStatus.InForce,
        DocumentType type = DocumentType.Invention)
    {
        var number = type switch { DocumentType.UtilityModel => $"CN21{Next():D7}U", DocumentType.Design => $"CN31{Next():D7}S", _ => $"CN11{Next():D7}B" };
        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse(number),
            DocumentType = type,
            Stage = PublicationStage.Grant,
            LegalStatus = status,
            Titles = [new LocalizedText("zh", $"一种高强度陶瓷复合材料 {number}")],
            Applicants = [new Party { Name = owner.Name, Address = "福建省泉州市丰泽区", Type = PartyType.University }],
            Labels = new SortedDictionary<string, List<string>>(StringComparer.Ordinal)
            {
                [LabelFacets.HighValue] = [highValue ? "true" : "false"],
                [LabelFacets.Chain] = [chain],
                [Analytics.Chains.LabelNames.HighValueReason] = ["战略性新兴产业"],
            },
            Scores = new SortedDictionary<string, double>(StringComparer.Ordinal) { [LabelFacets.ValueIndexScore] = valueIndex },
        };
        var index = site.Services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([record]);
        await index.CommitAsync();
        return record.Id;
    }

    /// <summary>Runs the action with the contest feature's services of one scope (so one unit of work), and the scope's provider.</summary>
    public async Task<T> WithServicesAsync<T>(Func<ContestServices, IServiceProvider, Task<T>> action)
    {
        await using var scope = site.Scope();
        var services = scope.ServiceProvider;
        return await action(new ContestServices(services.GetRequiredService<ContestService>(), services.GetRequiredService<EntryService>(),
            services.GetRequiredService<JudgingService>(), services.GetRequiredService<ObserverService>()), services);
    }

    public Task WithServicesAsync(Func<ContestServices, Task> action) => WithServicesAsync<int>(async (s, _) => { await action(s); return 0; });

    /// <summary>An announced contest (deadline in 10 days, top 2 advance from the preliminary) with judges who accepted.</summary>
    public async Task<Guid> ContestAsync(IReadOnlyList<MarketplaceUser> judges, IReadOnlyList<MarketplaceUser>? observers = null, int judgesPerEntry = 2, bool normalize = false)
    {
        return await WithServicesAsync(async (svc, services) =>
        {
            var db = services.GetRequiredService<MarketplaceDbContext>();
            var contest = await svc.Contests.CreateAsync(Guid.NewGuid(), $"测试大赛 {Next()}", "说明", ["发明创业组"], new EligibilityRules { RegionKeyword = "泉州" },
                DateTime.UtcNow.AddDays(10), advanceFromPreliminary: 2, advanceFromSemiFinal: 2);
            await svc.Contests.ConfigureAsync(contest, normalize, judgesPerEntry, 1, 1, 1);
            await svc.Contests.AnnounceAsync(contest);
            foreach (var (person, role) in judges.Select(j => (j, ParticipantRole.Judge)).Concat((observers ?? []).Select(o => (o, ParticipantRole.Observer))))
            {
                var (participant, _) = contest.Invite(person.Email!, role, Guid.NewGuid(), DateTime.UtcNow);
                var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id);
                contest.Accept(participant, person.Id, person.Email!, user.CurrentOrganizationId, DateTime.UtcNow);
            }
            await db.SaveChangesAsync();
            return contest.Id;
        });
    }

    /// <summary>An eligible entry of the organisation with both documents.</summary>
    public async Task<Guid> EntryAsync(Guid contestId, Organization organization, MarketplaceUser member, string title, params string[] patents)
    {
        return await WithServicesAsync(async (svc, services) =>
        {
            var contest = (await svc.Contests.FindAsync(contestId))!;
            var org = (await services.GetRequiredService<OrganizationService>().FindAsync(organization.Id))!;
            var entry = await svc.Entries.SaveEntryAsync(contest, org, member.Id, "发明创业组", title, "项目简介", "张三（负责人）", string.Join("\n", patents));
            await svc.Entries.AttachDocumentAsync(contest, org, entry, member.Id, EntryDocumentKind.BusinessPlan, "商业计划书.pdf", Pdf("plan"));
            await svc.Entries.AttachDocumentAsync(contest, org, entry, member.Id, EntryDocumentKind.Evaluation, "评价报告.pdf", Pdf("evaluation"));
            return entry.Id;
        });
    }

    public static IReadOnlyList<CriterionScore> Marks(params int[] values) =>
        Rubric.Default.Criteria.Select((c, i) => new CriterionScore(c.Name, values[i % values.Length], $"评语 {c.Name}")).ToList();
}

/// <summary>The contest feature's services, as the tests reach them.</summary>
internal sealed record ContestServices(ContestService Contests, EntryService Entries, JudgingService Judging, ObserverService Observers);
