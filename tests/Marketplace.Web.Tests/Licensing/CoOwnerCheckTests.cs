using Marketplace.Web.Data;
using Marketplace.Web.Demo;
using Marketplace.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>Co-owners: the organisation's own name variants are not co-owners, and the checklist decides exactly as submission does.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class CoOwnerCheckTests(LicensingSite site)
{
    private static readonly PatenteeAttestations Attested = new() { FeesPaid = true, NoDisputeOrPreservation = true };

    private async Task<string> PatentOfAsync(params string[] applicants)
    {
        var id = await site.AddPatentAsync();
        var index = site.Services.GetRequiredService<IPatentIndex>();
        var record = (await index.GetAsync(id))!;
        record.Applicants = [.. applicants.Select(a => new Party { Name = a })];
        await index.UpsertAsync([record]);
        await index.CommitAsync();
        return id;
    }

    [Fact]
    public async Task An_applicant_under_one_of_the_organisations_registered_name_variants_is_not_a_co_owner()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var portfolio = scope.ServiceProvider.GetRequiredService<PortfolioService>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        // One patent filed under the variant alone (claimed through it and approved), one under both names.
        var underVariant = await PatentOfAsync(DemoData.UniversityNameVariant);
        var claim = await portfolio.ClaimAsync(university, underVariant, site.UniversityOwner);
        await portfolio.ReviewClaimAsync(claim.Id, approve: true, Guid.NewGuid(), null);
        var underBoth = await PatentOfAsync(university.Name, DemoData.UniversityNameVariant);

        var draft = await declarations.CreateDraftAsync(university, site.UniversityOwner, [underVariant, underBoth]);
        await declarations.SaveTermsAsync(draft, LicenseFee.LumpSum(80_000m), 1, null, PaymentChannel.BankTransfer, null, Attested);

        var check = await declarations.CheckAsync(draft);
        Assert.Empty(check.Errors);
        Assert.All(draft.Patents, p => Assert.Empty(p.CoOwners));
        Assert.True((await declarations.SubmitAsync(draft)).CanSubmit);
        Assert.Equal(DeclarationStatus.Submitted, draft.Status);
    }

    [Fact]
    public async Task The_checklist_finds_a_co_owner_the_index_gained_after_drafting_just_as_submission_does()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var declarations = scope.ServiceProvider.GetRequiredService<DeclarationService>();
        var university = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == site.University);
        var patent = await PatentOfAsync(university.Name);
        var draft = await declarations.CreateDraftAsync(university, site.UniversityOwner, [patent]);
        await declarations.SaveTermsAsync(draft, LicenseFee.Free(), 1, null, PaymentChannel.BankTransfer, null, Attested);
        Assert.True((await declarations.CheckAsync(draft)).CanSubmit);

        // The index learns of a co-owner after the draft was made.
        var index = site.Services.GetRequiredService<IPatentIndex>();
        var record = (await index.GetAsync(patent))!;
        record.Applicants = [new Party { Name = university.Name }, new Party { Name = "泉州某某科技有限公司" }];
        await index.UpsertAsync([record]);
        await index.CommitAsync();

        var listed = await declarations.CheckAsync(draft);
        Assert.Equal("patent.co-owners", Assert.Single(listed.Errors).Code);
        var refused = await Assert.ThrowsAsync<DeclarationRefusedException>(() => declarations.SubmitAsync(draft));
        Assert.Equal(listed.Errors.Select(e => e.Code), refused.Check.Errors.Select(e => e.Code));

        await declarations.SaveTermsAsync(draft, LicenseFee.Free(), 1, null, PaymentChannel.BankTransfer, null, Attested with { CoOwnersConsent = true });
        Assert.True((await declarations.CheckAsync(draft)).CanSubmit);
        await declarations.SubmitAsync(draft);
    }
}
