using Analytics;
using Analytics.HighValue;
using Analytics.Sleeping;
using Analytics.Taxonomy;
using Analytics.Value;
using Marketplace.Web.Patents;
using Search.Indexer.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Patents;

public sealed class DetailModel(PatentSearchService search, IndustryTaxonomy taxonomy, HighValueOptions highValue, SleepingPatentOptions sleeping,
    PatentAnalytics analytics, TimeProvider clock) : PageModel
{
    public const int SimilarCount = 5;
    public const int OwnerPatentCount = 8;

    public PatentRecord Record { get; private set; } = null!;
    public PatentTerm Term { get; private set; } = new(null, null, TermBasis.Unknown);
    public IReadOnlyList<SearchHit> Similar { get; private set; } = [];
    public long OwnerTotal { get; private set; }
    public IReadOnlyList<PatentRecord> OwnerPatents { get; private set; } = [];

    /// <summary>
    /// The high-value rules as they read this record now: criterion 4 and the sleeping rule "no pledge" read the pledge
    /// register as it stands (the index's labels may predate a pledge); the uploaded award list is not consulted here.
    /// </summary>
    public HighValueAssessment? HighValue { get; private set; }
    public SleepingAssessment? Sleeping { get; private set; }

    /// <summary>Why each chain the record carries was assigned, as the active model explains it now (none before a model is trained).</summary>
    public IReadOnlyList<(string Chain, Phrase Reason)> ChainReasons { get; private set; } = [];

    /// <summary>Value-index components Analytics stored as percentiles (<c>valueIndex:Claims</c> …), in the enum's order.</summary>
    public IReadOnlyList<(ValueComponent Component, double Percentile)> ValueComponents { get; private set; } = [];

    /// <summary>Several publications share the number given (e.g. the A and B of one application): the visitor picks.</summary>
    public IReadOnlyList<PatentRecord> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var (record, candidates) = await search.FindAsync(id, cancellationToken);
        if (record is not null)
        {
            // Any other written form of the number settles on the canonical address.
            if (!string.Equals(record.Id, id, StringComparison.Ordinal))
                return RedirectPermanent("/patents/" + Uri.EscapeDataString(record.Id));
            Record = record;
            Term = PatentTerm.Of(record);
            var pledges = analytics.PledgeRegister();
            HighValue = new HighValueAssessor(taxonomy, highValue, clock, pledges: pledges).Assess(record);
            Sleeping = new SleepingPatentRules(sleeping, clock, pledgeRegister: pledges).Assess(record);
            ChainReasons = ExplainChains(record);
            ValueComponents = [.. Enum.GetValues<ValueComponent>()
                .Where(c => record.Scores.ContainsKey($"{LabelFacets.ValueIndexScore}:{c}"))
                .Select(c => (c, record.Scores[$"{LabelFacets.ValueIndexScore}:{c}"]))];
            Similar = await search.MoreLikeThisAsync(record, SimilarCount, cancellationToken);
            (OwnerTotal, OwnerPatents) = await search.OwnerOtherPatentsAsync(record, OwnerPatentCount, cancellationToken);
            return Page();
        }
        if (candidates.Count > 1)
        {
            Candidates = candidates;
            return Page();
        }
        return NotFound();
    }

    // Only the chains the record's labels show: a version trained since may see others, which the next relabel brings.
    private List<(string Chain, Phrase Reason)> ExplainChains(PatentRecord record)
    {
        var shown = LabelFacets.ValuesOf(record, LabelFacets.Chain).ToHashSet(StringComparer.Ordinal);
        if (shown.Count == 0 || analytics.TrainedManifest() is null) return [];
        return [.. analytics.CurrentModel().Explain(record)
            .Where(a => shown.Contains(a.ChainId) && a.Explanation is not null)
            .Select(a => (a.ChainId, a.Explanation!))];
    }
}
