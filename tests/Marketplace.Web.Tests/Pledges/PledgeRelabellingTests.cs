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

    [Fact]
    public async Task A_registered_pledge_above_the_threshold_makes_its_patent_high_value_and_ends_its_sleep_in_the_index()
    {
        // A valid invention patent the start-up labelling found not high-value on every criterion.
        PatentRecord? subject = null;
        await foreach (var r in Site.Index.ExportAsync())
            if (r.DocumentType == DocumentType.Invention && LabelFacets.ValuesOf(r, LabelFacets.HighValue).SequenceEqual(["false"]))
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
        while (!LabelFacets.ValuesOf(stored, LabelFacets.HighValue).SequenceEqual(["true"]) && DateTime.UtcNow < deadline);

        Assert.Equal(["true"], LabelFacets.ValuesOf(stored, LabelFacets.HighValue));
        Assert.NotEqual(["true"], LabelFacets.ValuesOf(stored, LabelFacets.Sleeping));
    }
}
