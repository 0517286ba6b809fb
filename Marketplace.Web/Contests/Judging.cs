namespace Marketplace.Web.Contests;

/// <summary>
/// Deals entries to judges: each entry gets <c>judgesPerEntry</c> judges without a conflict of interest
/// (same organisation, declared conflict), always the least-loaded ones first, so loads differ by at most
/// one when conflicts allow. Deterministic (ties by judge id), so the same input gives the same plan.
/// </summary>
public static class JudgeAssigner
{
    public sealed record Candidate(Guid UserId, Func<Guid, bool> ConflictsWith);

    public sealed record Plan(IReadOnlyList<(Guid EntryId, Guid JudgeUserId)> Assignments, IReadOnlyList<Guid> Understaffed);

    public static Plan Assign(IReadOnlyList<(Guid EntryId, Guid OrganizationId)> entries, IReadOnlyList<Candidate> judges, int judgesPerEntry)
    {
        var load = judges.ToDictionary(j => j.UserId, _ => 0);
        var result = new List<(Guid, Guid)>();
        var understaffed = new List<Guid>();
        // The most constrained entries first: those with the fewest judges free of conflict.
        var ordered = entries
            .Select(e => (e.EntryId, e.OrganizationId, Free: judges.Where(j => !j.ConflictsWith(e.OrganizationId)).ToList()))
            .OrderBy(e => e.Free.Count).ThenBy(e => e.EntryId)
            .ToList();
        foreach (var (entryId, _, free) in ordered)
        {
            var chosen = free.OrderBy(j => load[j.UserId]).ThenBy(j => j.UserId).Take(judgesPerEntry).ToList();
            foreach (var judge in chosen)
            {
                load[judge.UserId]++;
                result.Add((entryId, judge.UserId));
            }
            if (chosen.Count < judgesPerEntry) understaffed.Add(entryId);
        }
        return new Plan(result, understaffed);
    }
}

/// <summary>An entry's place in a stage: its score, the judges' raw scores, and which tie rule decided its place.</summary>
public sealed record RankedEntry(Guid EntryId, int Rank, double Score, double RawMean, int Judges, string? TieBrokenBy, string? TieCriterion = null);

/// <summary>
/// Scores to rankings. The weighted score of one judge is Σ weight × value / max (0–100). An entry's score
/// is the mean over its judges, of raw weighted scores, or (with per-judge normalisation) of z-scores
/// (each judge's scores centred on that judge's mean and divided by their standard deviation), which
/// removes lenient and strict judges' bias. Ties are broken, in this order: (1) the higher mean on the
/// criteria in order of descending weight, (2) the earlier submission, (3) the entry id, so a ranking is
/// always total and repeatable; the rule that decided is reported.
/// </summary>
public static class ScoreCalculator
{
    public const string TieByCriterion = "Tie broken by the higher score on {0}.";
    public const string TieBySubmission = "Tie broken by the earlier submission.";
    public const string TieById = "Tie broken by drawing lots (entry number).";

    public static double Weighted(Rubric rubric, IReadOnlyList<CriterionScore> items)
    {
        double total = 0;
        foreach (var c in rubric.Criteria)
        {
            var item = items.FirstOrDefault(i => i.Criterion == c.Name);
            if (item is null) continue;
            total += c.Weight * (double)item.Value / c.MaxScore;
        }
        return Math.Round(total, 6);
    }

    /// <summary>Each judge's weighted scores as z-scores; a judge with one score or no spread gives 0 (no information on the order).</summary>
    public static IReadOnlyDictionary<(Guid Judge, Guid Entry), double> Normalize(IReadOnlyList<(Guid Judge, Guid Entry, double Weighted)> scores)
    {
        var result = new Dictionary<(Guid, Guid), double>();
        foreach (var byJudge in scores.GroupBy(s => s.Judge))
        {
            var values = byJudge.Select(s => s.Weighted).ToList();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
            foreach (var s in byJudge)
                result[(s.Judge, s.Entry)] = sd < 1e-9 ? 0 : (s.Weighted - mean) / sd;
        }
        return result;
    }

    public static IReadOnlyList<RankedEntry> Rank(
        Rubric rubric,
        IReadOnlyList<Score> scores,
        IReadOnlyDictionary<Guid, DateTime> submittedAt,
        bool normalizePerJudge)
    {
        var weighted = scores.Select(s => (Judge: s.JudgeUserId, Entry: s.EntryId, Weighted: s.Weighted(rubric))).ToList();
        var z = normalizePerJudge ? Normalize(weighted) : null;
        var rows = submittedAt.Keys.Select(entry =>
        {
            var own = weighted.Where(w => w.Entry == entry).ToList();
            var raw = own.Count == 0 ? 0 : own.Average(w => w.Weighted);
            var score = z is null ? raw : own.Count == 0 ? double.NegativeInfinity : own.Average(w => z[(w.Judge, w.Entry)]);
            var criteria = rubric.Criteria.OrderByDescending(c => c.Weight).ThenBy(c => rubric.Criteria.ToList().IndexOf(c))
                .Select(c =>
                {
                    var values = scores.Where(s => s.EntryId == entry).SelectMany(s => s.Items).Where(i => i.Criterion == c.Name).Select(i => (double)i.Value / c.MaxScore).ToList();
                    return (c.Name, Mean: values.Count == 0 ? 0 : values.Average());
                }).ToList();
            return (Entry: entry, Score: Math.Round(score, 6), Raw: Math.Round(raw, 6), Judges: own.Count, Criteria: criteria, Submitted: submittedAt[entry]);
        }).ToList();

        var ordered = rows.OrderByDescending(r => r.Score).ThenBy(r => r, CriteriaComparer.Instance)
            .ThenBy(r => r.Submitted).ThenBy(r => r.Entry).ToList();
        var ranked = new List<RankedEntry>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            (string Key, string? Criterion)? tie = null;
            var neighbours = new[] { i > 0 ? ordered[i - 1] : default, i + 1 < ordered.Count ? ordered[i + 1] : default }
                .Where(n => n.Entry != Guid.Empty && n.Score == r.Score).ToList();
            foreach (var n in neighbours)
            {
                var decided = Decider(r.Criteria, n.Criteria, r.Submitted, n.Submitted);
                tie ??= decided;
            }
            ranked.Add(new RankedEntry(r.Entry, i + 1, r.Score, r.Raw, r.Judges, tie?.Key, tie?.Criterion));
        }
        return ranked;
    }

    private static (string, string?) Decider(List<(string Name, double Mean)> a, List<(string Name, double Mean)> b, DateTime sa, DateTime sb)
    {
        for (var k = 0; k < a.Count; k++)
            if (Math.Abs(a[k].Mean - b[k].Mean) > 1e-9) return (TieByCriterion, a[k].Name);
        return (sa != sb ? TieBySubmission : TieById, null);
    }

    /// <summary>Who advances: the top N by rank, or those whose score (raw weighted, 0–100) reaches the threshold.</summary>
    public static IReadOnlySet<Guid> Advancing(IReadOnlyList<RankedEntry> ranking, Advancement rule) =>
        (rule.TopN is { } n
            ? ranking.Where(r => r.Rank <= n && r.Judges > 0)
            : ranking.Where(r => r.Judges > 0 && r.RawMean >= rule.Threshold!.Value - 1e-9))
        .Select(r => r.EntryId).ToHashSet();

    /// <summary>Gold to the first, silver to the next, excellence to the next, as many as the contest gives.</summary>
    public static Award? AwardFor(int rank, int gold, int silver, int excellence) =>
        rank <= gold ? Award.Gold : rank <= gold + silver ? Award.Silver : rank <= gold + silver + excellence ? Award.Excellence : null;

    private sealed class CriteriaComparer : IComparer<(Guid Entry, double Score, double Raw, int Judges, List<(string Name, double Mean)> Criteria, DateTime Submitted)>
    {
        public static readonly CriteriaComparer Instance = new();

        public int Compare((Guid Entry, double Score, double Raw, int Judges, List<(string Name, double Mean)> Criteria, DateTime Submitted) x,
            (Guid Entry, double Score, double Raw, int Judges, List<(string Name, double Mean)> Criteria, DateTime Submitted) y)
        {
            for (var k = 0; k < Math.Min(x.Criteria.Count, y.Criteria.Count); k++)
            {
                var c = y.Criteria[k].Mean.CompareTo(x.Criteria[k].Mean); // higher first
                if (Math.Abs(x.Criteria[k].Mean - y.Criteria[k].Mean) > 1e-9 && c != 0) return c;
            }
            return 0;
        }
    }
}
