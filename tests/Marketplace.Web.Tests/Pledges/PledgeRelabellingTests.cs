using Analytics.Chains;
using Marketplace.Web.Pledges;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Pledges;

/// <summary>A change of the pledge register relabels its patents on the site that labelled its samples at start, without waiting for the next start.</summary>
[Collection(SharedLabelledSite.Name)]
public sealed class PledgeRelabellingTests(LabelledSite fixture)
{
    private MarketplaceSite Site => fixture.Site;

    private const string PledgeMet = "high pledge financing: met";

    private static bool PledgeCriterionMet(PatentRecord r) =>
        LabelFacets.ValuesOf(r, LabelNames.HighValueReason).Any(v => v.StartsWith(PledgeMet, StringComparison.Ordinal));

    [Fact]
    public async Task A_registered_pledge_above_the_threshold_meets_criterion_4_and_ends_the_patents_sleep_in_the_index()
    {
        // A granted invention in force that the start-up labelling found pledged for nothing.
        PatentRecord? subject = null;
        await foreach (var r in Site.Index.ExportAsync())
            if (r.DocumentType == DocumentType.Invention && r.LegalStatus == LegalStatus.InForce && LabelFacets.ValuesOf(r, LabelNames.HighValueReason).Any() && !PledgeCriterionMet(r))
            {
                subject = r;
                break;
            }
        Assert.NotNull(subject);
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PledgeService>().RegisterAsync(new PledgeActor(Guid.NewGuid(), IsOperator: true, Bank: null), new PledgeInput
            {
                RegistrationNumber = "Y-RELABEL-" + Guid.NewGuid().ToString("N")[..12], PledgorName = "出质人（测试）", PledgeeName = "某银行（测试）",
                AmountYuan = 9_000_000m, RegisteredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Patents = subject.Id,
            });
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        PatentRecord stored;
        do
        {
            await Task.Delay(250);
            stored = (await Site.Index.GetAsync(subject.Id))!;
        }
        while (!PledgeCriterionMet(stored) && DateTime.UtcNow < deadline);

        Assert.True(PledgeCriterionMet(stored), string.Join(" | ", LabelFacets.ValuesOf(stored, LabelNames.HighValueReason)));
        Assert.Equal(["false"], LabelFacets.ValuesOf(stored, LabelFacets.Sleeping));
        if (LabelFacets.ValuesOf(stored, LabelNames.HighValueReason).First().StartsWith("valid invention patent: met", StringComparison.Ordinal))
            Assert.Equal(["true"], LabelFacets.ValuesOf(stored, LabelFacets.HighValue));
    }
}
