using System.Globalization;
using Analytics.TechnologyFields;
using Search.Indexer.Records;

namespace Analytics.Value;

/// <summary>The OECD-style components of the value index, each computed from bibliographic data alone.</summary>
public enum ValueComponent
{
    /// <summary>Number of claims (more claims, broader protection).</summary>
    Claims,
    /// <summary>Family size (protection sought in more places).</summary>
    FamilySize,
    /// <summary>Forward citations (later patents citing this one).</summary>
    ForwardCitations,
    /// <summary>Backward citations (prior art cited).</summary>
    BackwardCitations,
    /// <summary>Distinct IPC subclasses (technological scope).</summary>
    IpcScope,
    /// <summary>Days from filing to grant; a faster grant scores higher (Harhoff and Wagner).</summary>
    GrantLag,
    /// <summary>Years the right was maintained since filing.</summary>
    YearsMaintained,
    /// <summary>Transfers, licences and pledges recorded.</summary>
    Transactions,
}

/// <summary>Settings of the value index (configuration section "Analytics:Value").</summary>
public sealed class ValueIndexOptions
{
    public const string Section = "Analytics:Value";

    /// <summary>Component weights; they are renormalised over the components a patent has data for.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ValueComponent.Claims)] = 1,
        [nameof(ValueComponent.FamilySize)] = 1.5,
        [nameof(ValueComponent.ForwardCitations)] = 1.5,
        [nameof(ValueComponent.BackwardCitations)] = 0.5,
        [nameof(ValueComponent.IpcScope)] = 0.75,
        [nameof(ValueComponent.GrantLag)] = 0.5,
        [nameof(ValueComponent.YearsMaintained)] = 1,
        [nameof(ValueComponent.Transactions)] = 1.25,
    };

    /// <summary>A cohort (technology field × filing year) smaller than this borrows the field's distribution over all years, then everyone's.</summary>
    public int MinCohortSize { get; set; } = 30;

    public double WeightOf(ValueComponent c) => Weights.TryGetValue(c.ToString(), out var w) ? w : 0;
}

/// <summary>A patent's raw component values (null where the source has no data) and its cohort.</summary>
public sealed record ValueInputs(string Id, string Field, int? FilingYear, IReadOnlyDictionary<ValueComponent, double?> Raw);

/// <summary>One component as shown to a user: the raw value, its percentile in the cohort, its weight; or why it is missing.</summary>
public sealed record ComponentScore(ValueComponent Component, double? Raw, double? Percentile, double Weight, string? Missing);

/// <summary>The index (0–1), how much of the weight had data, the cohort it was ranked in, and every component.</summary>
public sealed record ValueScore(string Id, double? Index, double Coverage, string Cohort, IReadOnlyList<ComponentScore> Components);

/// <summary>
/// An OECD-style composite value index. Each component is turned into its percentile within the
/// patent's cohort (WIPO technology field × filing year, as OECD normalises), and the index is the
/// weighted mean of the percentiles the patent has data for. Missing data is left out and reported,
/// never counted as zero; a patent with no component at all has no index.
/// Build it over the whole population first (<see cref="Add"/>), then <see cref="Score"/>.
/// </summary>
public sealed class ValueIndex(ValueIndexOptions options, TimeProvider clock)
{
    private readonly Dictionary<(string Field, int? Year), Dictionary<ValueComponent, List<double>>> _cohorts = [];
    private readonly Dictionary<(string Field, int? Year), Dictionary<ValueComponent, double[]>> _sorted = [];
    private bool _frozen;

    public int Count { get; private set; }

    public static ValueInputs Inputs(PatentRecord r, DateOnly today)
    {
        var raw = new Dictionary<ValueComponent, double?>
        {
            [ValueComponent.Claims] = ClaimCount(r),
            [ValueComponent.FamilySize] = r.Counts.FamilySize ?? (r.FamilyMembers.Count > 0 ? r.FamilyMembers.Count + 1 : null),
            [ValueComponent.ForwardCitations] = r.Counts.CitedBy,
            [ValueComponent.BackwardCitations] = r.Counts.Citations ?? (r.CitedDocuments.Count > 0 ? r.CitedDocuments.Count : null),
            [ValueComponent.IpcScope] = r.IpcCodes.Count == 0 ? null : r.IpcCodes.Select(c => c.Length >= 4 ? c[..4] : c).Distinct(StringComparer.Ordinal).Count(),
            [ValueComponent.GrantLag] = r.GrantDate is { } g && r.ApplicationDate is { } f && g >= f ? -(g.DayNumber - f.DayNumber) : null,
            [ValueComponent.YearsMaintained] = YearsMaintained(r, today),
            [ValueComponent.Transactions] = r.Counts.Transfers is null && r.Counts.Licenses is null && r.Counts.Pledges is null
                ? null : (r.Counts.Transfers ?? 0) + (r.Counts.Licenses ?? 0) + (r.Counts.Pledges ?? 0),
        };
        var field = TechnologyFieldConcordance.Default.FieldsOf(r) is [var first, ..] ? first.NameEn : "(no field)";
        return new ValueInputs(r.Id, field, r.ApplicationDate?.Year, raw);
    }

    private static double? ClaimCount(PatentRecord r)
    {
        foreach (var key in new[] { "number-of-claims", "权利要求数", "权利要求数量", "权项数" })
            if (r.Extra.TryGetValue(key, out var v) && int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        return null;
    }

    private static double? YearsMaintained(PatentRecord r, DateOnly today)
    {
        if (r.ApplicationDate is not { } filed || (r.GrantDate is null && r.Stage != PublicationStage.Grant)) return null;
        var end = r.LegalStatus switch
        {
            LegalStatus.InForce => today,
            LegalStatus.Lapsed or LegalStatus.Expired or LegalStatus.Invalidated or LegalStatus.Withdrawn => r.LapseDate,
            _ => null,
        };
        return end is { } e && e >= filed ? Math.Round((e.DayNumber - filed.DayNumber) / 365.25, 2) : null;
    }

    public void Add(PatentRecord record) => Add(Inputs(record, Today));

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public void Add(ValueInputs inputs)
    {
        if (_frozen) throw new InvalidOperationException("Add every patent before the first Score.");
        Count++;
        foreach (var key in CohortKeys(inputs))
        {
            if (!_cohorts.TryGetValue(key, out var byComponent)) _cohorts[key] = byComponent = [];
            foreach (var (c, v) in inputs.Raw)
            {
                if (v is not { } value) continue;
                if (!byComponent.TryGetValue(c, out var list)) byComponent[c] = list = [];
                list.Add(value);
            }
        }
    }

    // A patent counts in its exact cohort, in its field over all years, and in the whole population.
    private static IEnumerable<(string, int?)> CohortKeys(ValueInputs i)
    {
        yield return (i.Field, i.FilingYear);
        yield return (i.Field, null);
        yield return ("*", null);
    }

    public ValueScore Score(PatentRecord record) => Score(Inputs(record, Today));

    public ValueScore Score(ValueInputs inputs)
    {
        Freeze();
        var components = new List<ComponentScore>();
        string? cohortName = null;
        double weighted = 0, weightWith = 0, weightAll = 0;
        foreach (var c in Enum.GetValues<ValueComponent>())
        {
            var weight = options.WeightOf(c);
            weightAll += weight;
            inputs.Raw.TryGetValue(c, out var raw);
            if (raw is not { } value)
            {
                components.Add(new ComponentScore(c, null, null, weight, "no data in the source"));
                continue;
            }
            if (CohortFor(inputs, c) is not var (sorted, name))
            {
                // Cohorts learnt before any patent with this component arrived (a load scored against cached cohorts):
                // there is nothing to rank it against until they are relearnt.
                components.Add(new ComponentScore(c, value, null, weight, "no patent in the cohorts has this component yet"));
                continue;
            }
            cohortName ??= name;
            var percentile = Percentile(sorted, value);
            components.Add(new ComponentScore(c, value, Math.Round(percentile, 4), weight, null));
            weighted += weight * percentile;
            weightWith += weight;
        }
        return new ValueScore(inputs.Id, weightWith == 0 ? null : Math.Round(weighted / weightWith, 4),
            weightAll == 0 ? 0 : Math.Round(weightWith / weightAll, 4), cohortName ?? $"{inputs.Field} × {inputs.FilingYear?.ToString(CultureInfo.InvariantCulture) ?? "?"}", components);
    }

    private (double[] Sorted, string Name)? CohortFor(ValueInputs inputs, ValueComponent c)
    {
        foreach (var key in CohortKeys(inputs))
        {
            if (_sorted.TryGetValue(key, out var byComponent) && byComponent.TryGetValue(c, out var sorted) && sorted.Length >= options.MinCohortSize)
                return (sorted, key.Item1 == "*" ? "all patents" : $"{key.Item1} × {key.Item2?.ToString(CultureInfo.InvariantCulture) ?? "all years"}");
        }
        return _sorted.TryGetValue(("*", null), out var everyone) && everyone.TryGetValue(c, out var all) ? (all, "all patents") : null;
    }

    /// <summary>Mid-rank percentile: the share of the cohort below the value plus half of the ties, so equal values score equally.</summary>
    internal static double Percentile(double[] sorted, double value)
    {
        if (sorted.Length <= 1) return 0.5;
        var below = LowerBound(sorted, value);
        var upTo = UpperBound(sorted, value);
        return (below + (upTo - below) / 2.0) / sorted.Length;
    }

    private static int LowerBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Ends <see cref="Add"/>ing; after this, <see cref="Score(ValueInputs)"/> may be called from several threads.</summary>
    public void Freeze()
    {
        if (_frozen) return;
        foreach (var (key, byComponent) in _cohorts)
            _sorted[key] = byComponent.ToDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray());
        _cohorts.Clear();
        _frozen = true;
    }
}
