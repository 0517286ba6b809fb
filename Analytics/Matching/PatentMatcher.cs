using System.Diagnostics;
using System.Net;
using System.Text;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Matching;

/// <summary>The signals fused into a match; the evaluation switches them one by one.</summary>
[Flags]
public enum MatchSignals
{
    Bm25 = 1,
    Chain = 2,
    /// <summary>IPC groups of the need's hints and of the top full-text hits (pseudo-relevance feedback).</summary>
    Ipc = 4,
    SubTopic = 8,
    /// <summary>Preferences rather than relevance: open licence, university owner, value index, sleeping.</summary>
    Boosts = 16,
    /// <summary>A second retrieval by the words the corpus ties to the need's own (<see cref="MatchingModel"/>), none of the need's own words.</summary>
    Related = 32,
    /// <summary>A second retrieval by the need's own words and their related words together (query expansion).</summary>
    Expanded = 64,
    /// <summary>A retrieval by the need's own and related words inside the IPC subclass the matching model's classifier reads in its text (and its hints).</summary>
    PredictedIpc = 128,
    All = Bm25 | Chain | Ipc | SubTopic | Boosts | Related | Expanded | PredictedIpc,
}

/// <summary>How much each signal counts, and how deep retrieval goes (configuration section "Analytics:Matching").</summary>
public sealed class MatchingOptions
{
    public const string Section = "Analytics:Matching";

    /// <summary>Candidates taken from each full-text retrieval before fusion (at most <see cref="PatentQuery.MaxPageSize"/>).</summary>
    public int Pool { get; set; } = PatentQuery.MaxPageSize;
    /// <summary>
    /// Key terms in the full-text query (the strongest first, with their synonyms). Every term adds a phrase
    /// search over a million records; the weakest add little to the ranking (ADR-007).
    /// </summary>
    public int MaxQueryTerms { get; set; } = 12;
    /// <summary>Top full-text hits read for pseudo-relevance feedback (the need's likely IPC groups and sub-topics).</summary>
    public int FeedbackDepth { get; set; } = 10;
    public int RrfK { get; set; } = RankFusion.DefaultK;
    /// <summary>Weights of the ranked lists; the defaults are the ones fitted on judged needs (<see cref="ShippedMatching"/>, ADR-026).</summary>
    public double Bm25Weight { get; set; } = ShippedMatching.Bm25Weight;
    public double ChainWeight { get; set; } = ShippedMatching.ChainWeight;
    public double IpcWeight { get; set; } = ShippedMatching.IpcWeight;
    public double SubTopicWeight { get; set; } = ShippedMatching.SubTopicWeight;
    public double RelatedWeight { get; set; } = ShippedMatching.RelatedWeight;
    public double ExpandedWeight { get; set; } = ShippedMatching.ExpandedWeight;
    public double PredictedIpcWeight { get; set; } = ShippedMatching.PredictedIpcWeight;
    /// <summary>
    /// Boosts, in units of a first place in one list (1 / (k + 1)). Kept small: they are preferences, not
    /// relevance, and the evaluation shows larger ones pushing relevant patents out of the top 10.
    /// </summary>
    public double OpenLicenseBoost { get; set; } = 0.08;
    public double UniversityBoost { get; set; } = 0.04;
    public double ValueBoost { get; set; } = 0.06;
    public double SleepingBoost { get; set; } = 0.02;

    /// <summary>The weight of a ranked list by its signal's name (<see cref="MatchEvidence.Lists"/>).</summary>
    public double WeightOf(string signal) => signal switch
    {
        SignalNames.Bm25 => Bm25Weight,
        SignalNames.Chain => ChainWeight,
        SignalNames.Ipc => IpcWeight,
        SignalNames.SubTopic => SubTopicWeight,
        SignalNames.Related => RelatedWeight,
        SignalNames.Expanded => ExpandedWeight,
        SignalNames.PredictedIpc => PredictedIpcWeight,
        _ => 0,
    };
}

/// <summary>The names of the ranked lists (as explanations and the evaluation show them), by signal.</summary>
public static class SignalNames
{
    public const string Bm25 = "bm25";
    public const string Chain = "chain";
    public const string Ipc = "ipc";
    public const string SubTopic = "subtopic";
    public const string Related = "related";
    public const string Expanded = "expanded";
    public const string PredictedIpc = "predicted-ipc";

    public static readonly IReadOnlyList<(string Name, MatchSignals Signal)> Lists =
    [
        (Bm25, MatchSignals.Bm25), (Chain, MatchSignals.Chain), (Ipc, MatchSignals.Ipc), (SubTopic, MatchSignals.SubTopic),
        (Related, MatchSignals.Related), (Expanded, MatchSignals.Expanded), (PredictedIpc, MatchSignals.PredictedIpc),
    ];

    public static MatchSignals SignalOf(string name) => Lists.FirstOrDefault(l => l.Name == name).Signal;
}

/// <summary>The matching model a matcher reads (the active model version's, when there is one).</summary>
public interface IMatchingModelSource
{
    MatchingModel? Current { get; }
}

/// <summary>A source that always gives the same model (or none): the command line and the evaluation.</summary>
public sealed class FixedMatchingModel(MatchingModel? model) : IMatchingModelSource
{
    public MatchingModel? Current => model;
}

/// <summary>
/// Everything a match gathered before fusion: the need's reading, the candidate pool and each signal's ranked
/// list of it. The evaluation gathers once per need and fuses under many weightings.
/// </summary>
public sealed record MatchEvidence(
    NeedProfile Profile,
    IReadOnlyDictionary<string, PatentRecord> Pool,
    IReadOnlyList<RankedList> Lists,
    IReadOnlyList<PatentMatcher.WeightedCode> Groups,
    IReadOnlyList<string> Chains,
    IReadOnlyDictionary<string, double> SubTopics);

/// <summary>A candidate patent for a need, with everything needed to explain why.</summary>
public sealed record MatchCandidate(PatentRecord Record, double Score, MatchExplanation Explanation);

/// <summary>Why a patent was proposed: the terms it shares with the need (highlighted), shared classification and chain, value and licence facts, and each signal's rank and share of the score.</summary>
public sealed record MatchExplanation
{
    public IReadOnlyList<string> MatchedTerms { get; init; } = [];
    /// <summary>Title and an abstract excerpt, HTML-encoded, with the matched terms in &lt;mark&gt;.</summary>
    public string TitleHtml { get; init; } = "";
    public string ExcerptHtml { get; init; } = "";
    /// <summary>The patent's IPC codes that share a group or subclass with the need's.</summary>
    public IReadOnlyList<string> SharedIpc { get; init; } = [];
    public IReadOnlyList<string> SharedChains { get; init; } = [];
    public IReadOnlyList<string> SharedSubTopics { get; init; } = [];
    public double? ValueIndex { get; init; }
    /// <summary>Value components (percentiles 0–1) by name, from Analytics' value index.</summary>
    public IReadOnlyDictionary<string, double> ValueComponents { get; init; } = new Dictionary<string, double>();
    public bool HighValue { get; init; }
    public IReadOnlyList<string> HighValueReasons { get; init; } = [];
    public bool Sleeping { get; init; }
    public bool OpenLicenseAvailable { get; init; }
    public bool UniversityOwned { get; init; }
    public IReadOnlyDictionary<string, int> Ranks { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, double> Contributions { get; init; } = new Dictionary<string, double>();
}

public sealed record MatchResult(NeedProfile Profile, IReadOnlyList<MatchCandidate> Candidates, IReadOnlyList<string> NeedIpcGroups, IReadOnlyList<string> NeedSubTopics, TimeSpan Took);

/// <summary>
/// Need → ranked, explained patents. Full-text BM25 over titles, abstracts and claims with the need's key
/// terms gives the first list; with the index's <see cref="MatchingModel"/>, a second retrieval by the words
/// the corpus ties to the need's (related or expanded) finds patents that share none of its words, and the
/// IPC subclass the model reads in the need's text ranks the pool by classification; agreement of chain, IPC
/// group (from the top hits) and sub-topic each rank the pool too. The lists are fused by weighted reciprocal
/// rank with the weights fitted on judged needs (<see cref="ShippedMatching"/>, ADR-026), and preferences
/// (open licence, university owner, value index, sleeping) add small boosts. Engine-neutral: only
/// <see cref="IPatentIndex.SearchAsync"/> is used.
/// </summary>
public sealed class PatentMatcher(IPatentIndex index, NeedAnalyzer analyzer, MatchingOptions? options = null, IMatchingModelSource? models = null)
{
    private readonly MatchingOptions _options = options ?? new MatchingOptions();

    public async Task<MatchResult> MatchAsync(TechnicalNeed need, int top = 20, MatchSignals signals = ShippedMatching.Signals, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var watch = Stopwatch.StartNew();
        var evidence = await GatherAsync(need, signals, cancellationToken);
        var weights = evidence.Lists.ToDictionary(l => l.Signal, l => l.Weight, StringComparer.Ordinal);
        // A candidate shares the need's classification by the top hits' groups or by the subclass read in its text.
        var shared = evidence.Groups.Concat(PredictedCodes(evidence.Profile)).ToList();
        var fused = Fuse(evidence, weights, (signals & MatchSignals.Boosts) != 0, top)
            .Select(x => new MatchCandidate(x.Record, x.Score, Explain(x.Record, evidence.Profile, shared, evidence.Chains, evidence.SubTopics, x.Item, x.Boost)))
            .ToList();
        IReadOnlyList<string> groups = evidence.Groups.Count > 0 ? evidence.Groups.Select(g => g.Code).ToList() : evidence.Profile.PredictedIpc.Select(p => p.Label).ToList();
        return new MatchResult(evidence.Profile, fused, groups, evidence.SubTopics.Keys.ToList(), watch.Elapsed);
    }

    /// <summary>Reads the need, retrieves the pool and ranks it by each of <paramref name="signals"/> (weights from the options).</summary>
    public async Task<MatchEvidence> GatherAsync(TechnicalNeed need, MatchSignals signals, CancellationToken cancellationToken = default)
    {
        var model = models?.Current;
        var profile = analyzer.Analyze(need, model);
        if (profile.Terms.Count == 0 && profile.IpcHints.Count == 0)
            return new MatchEvidence(profile, new Dictionary<string, PatentRecord>(), [], [], [], new Dictionary<string, double>());

        var own = profile.Terms.Where(t => t.SynonymOf is null).ToList();
        var text = QueryText(own, _options.MaxQueryTerms);
        var filters = Filters(need.Filters);
        var needChains = profile.Chains.Select(c => c.ChainId).Distinct(StringComparer.Ordinal).Take(2).ToList();

        // Without usable words the need's own IPC hints select the pool.
        var retrieval = text is null
            ? With(filters, FacetFields.IpcSubclass, profile.IpcHints.Select(h => h[..Math.Min(4, h.Length)]).Distinct(StringComparer.Ordinal).ToList())
            : filters;
        var bm25 = (await SearchAsync(text, retrieval, _options.Pool, cancellationToken)).Where(need.Filters.AcceptsRegion).ToList();

        var related = profile.Terms.Where(t => t.SynonymOf is not null).ToList();
        var relatedHits = (signals & MatchSignals.Related) != 0 && related.Count > 0
            ? (await SearchAsync(QueryText(related.Select(t => t with { SynonymOf = null }).ToList(), _options.MaxQueryTerms), filters, _options.Pool, cancellationToken)).Where(need.Filters.AcceptsRegion).ToList()
            : [];
        var expandedHits = (signals & MatchSignals.Expanded) != 0 && related.Count > 0
            ? (await SearchAsync(QueryText(profile.Terms, _options.MaxQueryTerms), filters, _options.Pool, cancellationToken)).Where(need.Filters.AcceptsRegion).ToList()
            : [];

        // Retrieval inside the subclasses the need's text is classified under (and its hints), by its own and related words:
        // patents ranked below the pool's depth overall but among the first of their class.
        var predicted = PredictedCodes(profile);
        var subclasses = predicted.Select(c => c.Code[..Math.Min(4, c.Code.Length)]).Distinct(StringComparer.Ordinal).ToList();
        var classHits = (signals & MatchSignals.PredictedIpc) != 0 && subclasses.Count > 0 && QueryText(profile.Terms, _options.MaxQueryTerms) is { } classText
            ? (await SearchAsync(classText, With(filters, FacetFields.IpcSubclass, subclasses), _options.Pool, cancellationToken)).Where(need.Filters.AcceptsRegion).ToList()
            : [];

        var groups = IpcProfile(profile.IpcHints, bm25.Take(_options.FeedbackDepth).ToList());
        var subTopics = SubTopicProfile(bm25.Take(_options.FeedbackDepth).ToList());
        // The pool in BM25 order, then what only the second retrievals found: the order agreement lists break ties by.
        var pool = new Dictionary<string, PatentRecord>(StringComparer.Ordinal);
        foreach (var r in bm25.Concat(expandedHits).Concat(classHits).Concat(relatedHits)) pool.TryAdd(r.Id, r);
        var candidates = pool.Values.ToList();

        var lists = new List<RankedList>();
        void Add(MatchSignals signal, string name, IEnumerable<PatentRecord> ranked)
        {
            if ((signals & signal) != 0) lists.Add(new RankedList(name, _options.WeightOf(name), ranked.Select(r => r.Id).ToList()));
        }
        Add(MatchSignals.Bm25, SignalNames.Bm25, bm25);
        if (relatedHits.Count > 0) Add(MatchSignals.Related, SignalNames.Related, relatedHits);
        if (expandedHits.Count > 0) Add(MatchSignals.Expanded, SignalNames.Expanded, expandedHits);
        if (needChains.Count > 0)
            Add(MatchSignals.Chain, SignalNames.Chain, candidates.Where(r => LabelFacets.ValuesOf(r, LabelFacets.Chain).Any(needChains.Contains)));
        if (groups.Count > 0)
            Add(MatchSignals.Ipc, SignalNames.Ipc, ByAgreement(candidates, r => IpcAgreement(r, groups)));
        if (classHits.Count > 0)
            Add(MatchSignals.PredictedIpc, SignalNames.PredictedIpc, classHits);
        if (subTopics.Count > 0)
            Add(MatchSignals.SubTopic, SignalNames.SubTopic, candidates.Where(r => LabelFacets.ValuesOf(r, LabelFacets.SubTopic).Any(subTopics.ContainsKey)));
        if (lists.Count == 0)
            lists.Add(new RankedList(SignalNames.Bm25, 1.0, bm25.Select(r => r.Id).ToList()));
        return new MatchEvidence(profile, pool, lists, groups, needChains, subTopics);
    }

    /// <summary>The pool's records that agree at all, most first, ties in pool order.</summary>
    private static IEnumerable<PatentRecord> ByAgreement(List<PatentRecord> candidates, Func<PatentRecord, double> agreement) =>
        candidates.Select((r, i) => (r, i, s: agreement(r))).Where(x => x.s > 0).OrderByDescending(x => x.s).ThenBy(x => x.i).Select(x => x.r);

    /// <summary>The need's hints (weight 1) and the classifier's subclass (weight = its probability), as IPC agreement reads them.</summary>
    private static List<WeightedCode> PredictedCodes(NeedProfile profile)
    {
        var codes = profile.IpcHints.Select(h => new WeightedCode(Key(h), 1.0)).ToList();
        foreach (var p in profile.PredictedIpc.Where(p => codes.All(c => c.Code != p.Label)))
            codes.Add(new WeightedCode(p.Label, p.Confidence));
        return codes;
    }

    /// <summary>
    /// Fuses the evidence's lists under <paramref name="weights"/> (by signal name; a list without a weight, or weight 0,
    /// is left out) and adds the boosts when asked: the top <paramref name="top"/> pool records, best first.
    /// </summary>
    public IReadOnlyList<(FusedItem Item, PatentRecord Record, double Score, double Boost)> Fuse(MatchEvidence evidence, IReadOnlyDictionary<string, double> weights, bool boosts, int top)
    {
        var lists = evidence.Lists.Where(l => weights.GetValueOrDefault(l.Signal) > 0).Select(l => l with { Weight = weights[l.Signal] }).ToList();
        if (lists.Count == 0) lists = evidence.Lists.Where(l => l.Signal == SignalNames.Bm25).Take(1).ToList();
        var unit = 1.0 / (_options.RrfK + 1);
        return RankFusion.Fuse(lists, _options.RrfK)
            .Select(f =>
            {
                var record = evidence.Pool[f.Id];
                var boost = boosts ? Boost(record) * unit : 0;
                return (Item: f, Record: record, Score: f.Score + boost, Boost: boost);
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item.Ranks.GetValueOrDefault(SignalNames.Bm25, int.MaxValue)).ThenBy(x => x.Item.Id, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    /// <summary>
    /// The need's key terms ORed, each quoted (a Chinese word matches as a contiguous word, an English one
    /// in any form) and weighted: BM25 sums the clauses a document matches, and the four strongest terms
    /// count three times, the next four twice, the rest and the related words once (<c>"储能"^3 OR …</c>).
    /// Each term is one clause, so the engine scores every term once however much it weighs.
    /// </summary>
    public static string? QueryText(IReadOnlyList<KeyTerm> terms, int maxTerms = int.MaxValue)
    {
        var clauses = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var own = 0;
        foreach (var t in terms)
        {
            var term = t.Term.Replace("\"", "", StringComparison.Ordinal).Trim();
            if (term.Length == 0 || !seen.Add(term)) continue;
            // The strongest terms, and the related words of those kept.
            if (t.SynonymOf is null ? own >= maxTerms : !kept.Contains(t.SynonymOf)) continue;
            if (t.SynonymOf is null) kept.Add(t.Term);
            var weight = t.SynonymOf is not null ? 1 : own < 4 ? 3 : own < 8 ? 2 : 1;
            if (t.SynonymOf is null) own++;
            clauses.Add(weight == 1 ? $"\"{term}\"" : $"\"{term}\"^{weight}");
        }
        return clauses.Count == 0 ? null : string.Join(" OR ", clauses);
    }

    private async Task<IReadOnlyList<PatentRecord>> SearchAsync(string? text, Dictionary<string, IReadOnlyList<string>> filters, int size, CancellationToken ct)
    {
        if (text is null && filters.Count == 0) return [];
        var result = await index.SearchAsync(new PatentQuery
        {
            Text = text,
            Filters = filters,
            PageSize = Math.Min(size, PatentQuery.MaxPageSize),
            Highlight = false,
            Facets = [],
        }, ct);
        // Equal scores in publication-number order, whatever order an engine (or its parallel segments) gives ties.
        return result.Hits.OrderByDescending(h => h.Score).ThenBy(h => h.Record.Id, StringComparer.Ordinal).Select(h => h.Record).ToList();
    }

    private static Dictionary<string, IReadOnlyList<string>> Filters(MatchFilters filters)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (filters.OwnerTypes.Count > 0) result[FacetFields.ApplicantType] = filters.OwnerTypes;
        if (filters.LegalStatuses.Count > 0) result[FacetFields.LegalStatus] = filters.LegalStatuses;
        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> With(Dictionary<string, IReadOnlyList<string>> filters, string field, IReadOnlyList<string> values) =>
        new(filters, StringComparer.Ordinal) { [field] = values };

    /// <summary>A weighted IPC code (main group, e.g. <c>H01M10</c>) the need likely falls under.</summary>
    public sealed record WeightedCode(string Code, double Weight);

    /// <summary>
    /// The need's IPC main groups: its hints (weight 1) and the groups of the top full-text hits, the first
    /// code of each hit counting double and higher hits more (1 / rank); the five strongest kept.
    /// </summary>
    public static IReadOnlyList<WeightedCode> IpcProfile(IReadOnlyList<string> hints, IReadOnlyList<PatentRecord> feedback)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var hint in hints) weights[Key(hint)] = weights.GetValueOrDefault(Key(hint)) + 1.0;
        for (var rank = 0; rank < feedback.Count; rank++)
        {
            var codes = feedback[rank].IpcCodes;
            for (var j = 0; j < codes.Count; j++)
            {
                var group = Key(codes[j]);
                weights[group] = weights.GetValueOrDefault(group) + (j == 0 ? 1.0 : 0.5) / (rank + 1) * 0.5;
            }
        }
        return weights.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5)
            .Select(kv => new WeightedCode(kv.Key, kv.Value)).ToList();
    }

    /// <summary>A code's main group (<c>H01M10</c>), or the code itself when it is a subclass or less.</summary>
    private static string Key(string code) => Classification.MainGroup(code) ?? code;

    /// <summary>How strongly a patent's IPC codes agree with the need's groups: a shared main group counts fully, a shared subclass half.</summary>
    public static double IpcAgreement(PatentRecord record, IReadOnlyList<WeightedCode> groups)
    {
        var score = 0.0;
        foreach (var g in groups)
        {
            var subclass = g.Code[..Math.Min(4, g.Code.Length)];
            if (record.IpcCodes.Any(c => Key(c) == g.Code)) score += g.Weight;
            else if (record.IpcCodes.Any(c => c.StartsWith(subclass, StringComparison.Ordinal))) score += g.Weight * 0.5;
        }
        return score;
    }

    private static Dictionary<string, double> SubTopicProfile(List<PatentRecord> feedback)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var rank = 0; rank < feedback.Count; rank++)
            foreach (var t in LabelFacets.ValuesOf(feedback[rank], LabelFacets.SubTopic))
                weights[t] = weights.GetValueOrDefault(t) + 1.0 / (rank + 1);
        return weights.OrderByDescending(kv => kv.Value).Take(3).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The preference boost of a record, in units of a first place in one list.</summary>
    public double BoostOf(PatentRecord r) => Boost(r);

    private double Boost(PatentRecord r)
    {
        var boost = 0.0;
        if (IsOpenLicense(r)) boost += _options.OpenLicenseBoost;
        if (IsUniversity(r)) boost += _options.UniversityBoost;
        if (r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) && double.IsFinite(v)) boost += _options.ValueBoost * Math.Clamp(v, 0, 1);
        if (IsFlag(r, LabelFacets.Sleeping)) boost += _options.SleepingBoost;
        return boost;
    }

    private static bool IsOpenLicense(PatentRecord r) => LabelFacets.ValuesOf(r, LabelFacets.OpenLicense).Contains(LabelFacets.OpenLicenseAvailable);

    private static bool IsUniversity(PatentRecord r) => r.Applicants.Any(a => a.Type is PartyType.University or PartyType.ResearchInstitute);

    private static bool IsFlag(PatentRecord r, string label) => LabelFacets.ValuesOf(r, label).Contains("true");

    private static MatchExplanation Explain(PatentRecord r, NeedProfile profile, IReadOnlyList<WeightedCode> groups, IReadOnlyList<string> chains,
        IReadOnlyDictionary<string, double> subTopics, FusedItem item, double boost)
    {
        var title = r.Titles.FirstOrDefault(t => t.Language == "zh")?.Text ?? r.Titles.FirstOrDefault()?.Text ?? "";
        var abstractText = r.Abstracts.FirstOrDefault(t => t.Language == "zh")?.Text ?? r.Abstracts.FirstOrDefault()?.Text ?? "";
        var haystack = string.Join('\n', r.Titles.Select(t => t.Text).Concat(r.Abstracts.Select(a => a.Text)).Concat(r.FirstClaims.Select(c => c.Text)));
        var matched = profile.Terms.Select(t => t.Term).Where(t => haystack.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        var contributions = new Dictionary<string, double>(item.Contributions, StringComparer.Ordinal);
        if (boost > 0) contributions["boosts"] = boost;
        return new MatchExplanation
        {
            MatchedTerms = matched,
            TitleHtml = Highlight(title, matched),
            ExcerptHtml = Highlight(Excerpt(abstractText, matched, 160), matched),
            SharedIpc = r.IpcCodes.Where(c => groups.Any(g => Classification.MainGroup(c) == g.Code || c.StartsWith(g.Code[..Math.Min(4, g.Code.Length)], StringComparison.Ordinal))).ToList(),
            SharedChains = LabelFacets.ValuesOf(r, LabelFacets.Chain).Where(chains.Contains).ToList(),
            SharedSubTopics = LabelFacets.ValuesOf(r, LabelFacets.SubTopic).Where(subTopics.ContainsKey).ToList(),
            ValueIndex = r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var v) ? v : null,
            ValueComponents = r.Scores.Where(kv => kv.Key.StartsWith(LabelFacets.ValueIndexScore + ":", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[(LabelFacets.ValueIndexScore.Length + 1)..], kv => kv.Value, StringComparer.Ordinal),
            HighValue = IsFlag(r, LabelFacets.HighValue),
            HighValueReasons = r.Labels.TryGetValue("high_value_reason", out var reasons) ? reasons : [],
            Sleeping = IsFlag(r, LabelFacets.Sleeping),
            OpenLicenseAvailable = IsOpenLicense(r),
            UniversityOwned = IsUniversity(r),
            Ranks = item.Ranks,
            Contributions = contributions,
        };
    }

    /// <summary>Around the first matched term, at most <paramref name="length"/> characters.</summary>
    public static string Excerpt(string text, IReadOnlyList<string> terms, int length)
    {
        if (text.Length <= length) return text;
        var first = terms.Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, Math.Min(first - length / 4, text.Length - length));
        return string.Concat(start > 0 ? "…" : "", text.AsSpan(start, length), start + length < text.Length ? "…" : "");
    }

    /// <summary>HTML-encodes <paramref name="text"/> and wraps every occurrence of a term in &lt;mark&gt; (longest term first, no nesting).</summary>
    public static string Highlight(string text, IReadOnlyList<string> terms)
    {
        var marks = new bool[text.Length];
        foreach (var term in terms.Where(t => t.Length > 0).OrderByDescending(t => t.Length))
        {
            for (var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(term, i + term.Length, StringComparison.OrdinalIgnoreCase))
                for (var j = i; j < i + term.Length; j++) marks[j] = true;
        }
        var sb = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length;)
        {
            var j = i;
            while (j < text.Length && marks[j] == marks[i]) j++;
            var piece = WebUtility.HtmlEncode(text[i..j]);
            sb.Append(marks[i] ? $"<mark>{piece}</mark>" : piece);
            i = j;
        }
        return sb.ToString();
    }
}
