using Marketplace.Web.Contests;
using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests;

/// <summary>
/// Contests: an announced contest being judged, with the demo university's entry (and its documents); the
/// enterprise member is its judge (assigned) and observer; the university admin is a judge too, but never
/// assigned the university's own entry (conflict of interest).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static IReadOnlyList<Row> ContestsRows =>
    [
        // Public: the list and the announcement; results and certificates only once published (this one is not).
        new("GET", "/contests", _ => "/contests", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/contests/{id:guid}", i => $"/contests/{i["contest"]}", Via.Cookie, "200 200 200 200 200 200"),
        new("GET", "/contests/{id:guid}", i => $"/contests/{i["contest"]}?handler=Results&format=csv", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/contests/{id:guid}", i => $"/contests/{i["contest"]}?handler=Certificate&entryId={i["contestEntry"]}", Via.Cookie, "404 404 404 404 404 404"),
        new("GET", "/contests/{id:guid}", i => $"/contests/{Guid.NewGuid()}", Via.Cookie, "404 404 404 404 404 404"),

        // Operators set up and run contests.
        new("GET", "/contests/new", _ => "/contests/new", Via.Cookie, "302 403 403 403 200 200"),
        new("POST", "/contests/new", _ => "/contests/new", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/contests/{id:guid}/manage", i => $"/contests/{i["contest"]}/manage", Via.Cookie, "302 403 403 403 200 200"),
        // Announcing an announced contest: allowed callers see the refusal, nothing changes.
        new("POST", "/contests/{id:guid}/manage", i => $"/contests/{i["contest"]}/manage?handler=Announce", Via.Cookie, "302 403 403 403 200 200", () => []),
        // Settings without a name: allowed callers see the refusal, nothing changes.
        new("POST", "/contests/{id:guid}/manage", i => $"/contests/{i["contest"]}/manage?handler=Settings", Via.Cookie, "302 403 403 403 200 200", () => []),
        new("GET", "/contests/{id:guid}/manage", i => $"/contests/{i["contest"]}/manage?handler=Results&format=xlsx", Via.Cookie, "302 403 403 403 200 200"),
        new("GET", "/contests/{id:guid}/manage", i => $"/contests/{i["contest"]}/manage?handler=Leads&format=csv", Via.Cookie, "302 403 403 403 200 200"),

        // Invitations: signed-in people only; an unknown token is not found.
        new("GET", "/contests/invitations/{token}", _ => "/contests/invitations/not-a-token", Via.Cookie, "302 404 404 404 404 404"),

        // Entries: anyone signed in acting for an organisation opens the form; an empty form is refused on the page.
        new("GET", "/contests/{id:guid}/entry", i => $"/contests/{i["contest"]}/entry", Via.Cookie, "302 200 200 200 200 200"),
        new("POST", "/contests/{id:guid}/entry", i => $"/contests/{i["contest"]}/entry", Via.Cookie, "302 200 200 200 200 200", () => []),
        // Documents: the entrant's members, the assigned judge, operators.
        new("GET", "/contests/{id:guid}/entries/{entryId:guid}/documents/{documentId:guid}",
            i => $"/contests/{i["contest"]}/entries/{i["contestEntry"]}/documents/{i["contestDocument"]}", Via.Cookie, "302 200 200 200 200 200"),
        new("GET", "/contests/{id:guid}/entries/{entryId:guid}/documents/{documentId:guid}",
            i => $"/contests/{i["contest"]}/entries/{i["contestEntry"]}/documents/{Guid.NewGuid()}", Via.Cookie, "302 404 404 404 404 404"),

        // Judging: judges only; scoring an entry only by its assigned judge (the university admin judges but has a conflict).
        new("GET", "/contests/{id:guid}/judge", i => $"/contests/{i["contest"]}/judge", Via.Cookie, "302 403 200 200 403 403"),
        new("GET", "/contests/{id:guid}/judge/{entryId:guid}", i => $"/contests/{i["contest"]}/judge/{i["contestEntry"]}", Via.Cookie, "302 403 403 200 403 403"),
        // An empty score form: the assigned judge sees the refusal, nothing is saved.
        new("POST", "/contests/{id:guid}/judge/{entryId:guid}", i => $"/contests/{i["contest"]}/judge/{i["contestEntry"]}", Via.Cookie, "302 403 403 200 403 403", () => []),

        // Observers only.
        new("GET", "/contests/{id:guid}/observe", i => $"/contests/{i["contest"]}/observe", Via.Cookie, "302 403 403 200 403 403"),
        new("POST", "/contests/{id:guid}/observe", i => $"/contests/{i["contest"]}/observe?handler=Tag&entryId={i["contestEntry"]}", Via.Cookie, "302 403 403 200 403 403", () => []),
    ];

    private static async Task<IReadOnlyDictionary<string, string>> ContestsIdsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<MarketplaceDbContext>();
        var contests = services.GetRequiredService<ContestService>();
        var entries = services.GetRequiredService<EntryService>();
        var organizations = services.GetRequiredService<OrganizationService>();
        var university = (await organizations.FindAsync((await db.Organizations.SingleAsync(o => o.CreditCode == DemoData.UniversityCode.Value)).Id))!;
        var universityAdmin = await db.Users.SingleAsync(u => u.Email == Accounts[Caller.OwningAdmin]);
        var enterpriseMember = await db.Users.SingleAsync(u => u.Email == Accounts[Caller.OtherOrganizationMember]);

        var record = new PatentRecord
        {
            PublicationNumber = PatentNumber.Parse("CN119876543B"),
            DocumentType = DocumentType.Invention,
            Stage = PublicationStage.Grant,
            LegalStatus = LegalStatus.InForce,
            Applicants = [new Party { Name = university.Name, Address = "福建省泉州市" }],
        };
        var index = services.GetRequiredService<IPatentIndex>();
        await index.UpsertAsync([record]);
        await index.CommitAsync();

        var contest = await contests.CreateAsync(Guid.NewGuid(), "授权矩阵大赛", "", ["发明创业组"], new EligibilityRules(), DateTime.UtcNow.AddDays(10));
        await contests.ConfigureAsync(contest, false, 1, 1, 1, 1);
        await contests.AnnounceAsync(contest);
        foreach (var (user, role) in new[] { (universityAdmin, ParticipantRole.Judge), (enterpriseMember, ParticipantRole.Judge), (enterpriseMember, ParticipantRole.Observer) })
        {
            var (participant, _) = contest.Invite(user.Email!, role, Guid.NewGuid(), DateTime.UtcNow);
            contest.Accept(participant, user.Id, user.Email!, user.CurrentOrganizationId, DateTime.UtcNow);
        }
        await db.SaveChangesAsync();
        var entry = await entries.SaveEntryAsync(contest, university, universityAdmin.Id, "发明创业组", "矩阵项目", "简介", "", record.Id);
        var document = await entries.AttachDocumentAsync(contest, university, entry, universityAdmin.Id, EntryDocumentKind.BusinessPlan, "plan.pdf", "%PDF-1.4\n"u8.ToArray());
        await entries.AttachDocumentAsync(contest, university, entry, universityAdmin.Id, EntryDocumentKind.Evaluation, "evaluation.pdf", "%PDF-1.4\n"u8.ToArray());
        if (!entry.Eligible) throw new InvalidOperationException("The matrix contest entry should be eligible: " + string.Join("; ", entry.EligibilityReasons.Where(r => !r.Passed).Select(r => r.Key)));
        await services.GetRequiredService<JudgingService>().StartJudgingAsync(contest);
        return new Dictionary<string, string> { ["contest"] = contest.Id.ToString(), ["contestEntry"] = entry.Id.ToString(), ["contestDocument"] = document.Id.ToString() };
    }
}
