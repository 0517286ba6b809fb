using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Marketplace.Web.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Search;

/// <summary>
/// Two real Chinese sample patents given the labels Analytics writes (chain, sub-topic, field,
/// high-value, sleeping, value index and its components), so the label facets, badges and value sort
/// have something to show. Existing records are re-labelled, not added, so other tests' totals stay as they are.
/// </summary>
public static class LabelledSamples
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (PatentRecord High, PatentRecord Low)? _labelled;

    public static string ChainId => IndustryTaxonomy.Default.Chains[0].Id;
    public static IndustryChain Chain => IndustryTaxonomy.Default.Chains[0];
    public static TechnologyField Field => TechnologyFieldConcordance.Default.Fields[0];
    public const string SubTopic = "散热 无人机";

    public static async Task<(PatentRecord High, PatentRecord Low)> EnsureAsync(MarketplaceSite site)
    {
        await Gate.WaitAsync();
        try
        {
            if (_labelled is { } done) return done;
            // The index-label sync rewrites the labelled patents after the sample load (read, add the label, write):
            // labelling them by hand while it runs would lose one write or the other, so wait for it to finish first.
            if (site.Services.GetServices<IHostedService>().OfType<Marketplace.Web.IndexLabels.IndexLabelSync>().SingleOrDefault()?.ExecuteTask is { } sync)
                await sync;
            var all = new List<PatentRecord>();
            await foreach (var r in site.Index.ExportAsync())
                if (r.Country == "CN" && r.Applicants.Count > 0 && r.IpcCodes.Count > 0 && r.Titles.Count > 0) all.Add(r);
            var high = all[0];
            var low = all[1];
            Label(high, valueIndex: 0.97, highValue: true, sleeping: true);
            Label(low, valueIndex: 0.31, highValue: false, sleeping: false);
            await site.Index.UpsertAsync([high, low]);
            await site.Index.CommitAsync();
            _labelled = (high, low);
            return (high, low);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Label(PatentRecord r, double valueIndex, bool highValue, bool sleeping)
    {
        r.Labels[LabelFacets.Chain] = [ChainId];
        r.Labels[LabelFacets.SubTopic] = [SubTopic];
        r.Labels[LabelFacets.TechField] = [Field.NameEn];
        r.Labels[LabelFacets.HighValue] = [highValue ? "true" : "false"];
        r.Labels[LabelFacets.Sleeping] = [sleeping ? "true" : "false"];
        r.Scores[LabelFacets.ValueIndexScore] = valueIndex;
        r.Scores[LabelFacets.ValueIndexScore + ":Claims"] = 0.8;
        r.Scores[LabelFacets.ValueIndexScore + ":FamilySize"] = 0.4;
    }
}
