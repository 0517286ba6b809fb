using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Organizations;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    public const string DemoContestName = "泉州市高价值专利培育大赛（演示）";

    /// <summary>
    /// An announced contest (three stages, entries open for 30 days) for universities and enterprises with
    /// inventions in force from Quanzhou; the enterprise owner judges, the enterprise member observes.
    /// </summary>
    private async Task SeedContestAsync(Dictionary<string, MarketplaceUser> people, DateTime now, CancellationToken cancellationToken)
    {
        var operatorId = people["operator@demo.patent-marketplace.local"].Id;
        var contest = Contest.Create(DemoContestName,
            "发掘和培育泉州市重点产业链上的高价值发明专利，促进专利转化运用。面向已认证的高校、科研院所和企业，参赛专利须为有效发明专利，申请人地址位于泉州。",
            ["发明创业组", "发明成长组"],
            new EligibilityRules { RegionKeyword = "泉州", DocumentTypes = [DocumentType.Invention], OwnerTypes = [OrganizationType.University, OrganizationType.ResearchInstitute, OrganizationType.Enterprise] },
            operatorId, now);
        var deadline = now.Date.AddDays(30).AddHours(9);
        contest.AddStage("Preliminary", deadline, deadline.AddDays(14), Rubric.Default, Advancement.Top(10));
        contest.AddStage("Semi-final", deadline.AddDays(14), deadline.AddDays(28), Rubric.Default, Advancement.Top(5));
        contest.AddStage("Final", deadline.AddDays(28), deadline.AddDays(35), Rubric.Default, Advancement.Top(5));
        contest.Announce(now);
        foreach (var (email, role) in new[] { ("enterprise.owner@demo.patent-marketplace.local", ParticipantRole.Judge), ("enterprise.member@demo.patent-marketplace.local", ParticipantRole.Observer) })
        {
            var (participant, _) = contest.Invite(email, role, operatorId, now);
            contest.Accept(participant, people[email].Id, email, people[email].CurrentOrganizationId, now);
        }
        db.Contests.Add(contest);
        await db.SaveChangesAsync(cancellationToken);
    }
}
