using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Reports;

/// <summary>The figures of one county (or the whole city when <see cref="County"/> is null).</summary>
public sealed record CountyIndicators(string? County, long Population, long Patents, long ValidInventions, long HighValueInventions)
{
    /// <summary>Applications filed in each year of <see cref="CityIndicatorsSnapshot.Years"/>, in the same order.</summary>
    public IReadOnlyList<long> ApplicationsByYear { get; init; } = [];

    /// <summary>High-value invention patents per 10,000 residents (CNIPA's indicator); null without a population.</summary>
    public double? HighValuePer10k => Population > 0 ? Math.Round(HighValueInventions * 10_000.0 / Population, 2) : null;

    /// <summary>Valid invention patents per 10,000 residents; null without a population.</summary>
    public double? ValidInventionsPer10k => Population > 0 ? Math.Round(ValidInventions * 10_000.0 / Population, 2) : null;
}

/// <summary>
/// What the city's figures leave out, and why, so that the dashboard says so beside them: patents that cannot be
/// placed in the city (no applicant address), and among the city's patents those a figure cannot count.
/// </summary>
/// <param name="NoPlace">Patents in the index with neither an applicant address nor a province code: no city can count them.</param>
/// <param name="ProvinceOnly">Patents with a province code but no applicant address: placed in a province, never in a city or county.</param>
/// <param name="UnknownStatusInventions">The city's inventions without a legal status: not counted as valid.</param>
/// <param name="UnlabelledValidInventions">The city's valid inventions without a high-value label yet: not counted as high-value.</param>
/// <param name="NoFilingDate">The city's patents with neither a filing nor a publication date: missing from the trend.</param>
/// <param name="BeforeTrend">The city's patents filed before the trend's first year.</param>
public sealed record CityExclusions(long NoPlace, long ProvinceOnly, long UnknownStatusInventions, long UnlabelledValidInventions, long NoFilingDate, long BeforeTrend);

/// <summary>The city's filings and grants in one year.</summary>
public sealed record CityYear(int Year, long Applications, long Grants, long InventionGrants);

/// <summary>
/// The city's IP indicators from the index: per county and in all, patents filed by applicants there, valid
/// invention patents, high-value valid invention patents (the <c>high_value</c> label), the yearly trend, and
/// the ids of the records behind each figure (capped) so that every figure can list its patents.
/// </summary>
public sealed record CityIndicatorsSnapshot(
    string City, string IndexVersion, DateTimeOffset ComputedAt, long RecordsRead, long Unplaced,
    CountyIndicators Total, IReadOnlyList<CountyIndicators> Counties, IReadOnlyList<CityYear> Years, bool HighValueLabelled,
    IReadOnlyDictionary<string, IReadOnlyList<string>> RecordIds)
{
    public const int MaxIdsPerFigure = 5_000;

    /// <summary>What the figures leave out and why.</summary>
    public CityExclusions Excluded { get; init; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The city's patents that are synthetic demo data (<see cref="SyntheticData"/>), counted in every figure.</summary>
    public long SyntheticPatents { get; init; }

    /// <summary>The key of a figure's record list: indicator (patents, valid-inventions, high-value) and county (empty for the city).</summary>
    public static string FigureKey(string indicator, string? county) => indicator + "|" + (county ?? "");
}

/// <summary>Computes <see cref="CityIndicatorsSnapshot"/> in one pass over every record.</summary>
public sealed class CityIndicatorsBuilder(CityDefinition city, int years, TimeProvider clock)
{
    public static readonly string[] Indicators = ["patents", "valid-inventions", "high-value"];
    private const string NoCounty = "（未注明区县）";

    private readonly RegionResolver _regions = new(city);
    private readonly Dictionary<string, long[]> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long[]> _years = [];
    private readonly Dictionary<(string County, int Year), long> _countyYears = [];
    private long _read, _unplaced, _provinceOnly, _unknownStatus, _unlabelledValid, _noDate, _synthetic;
    private bool _labelled;

    public void Add(PatentRecord r)
    {
        _read++;
        var place = _regions.Resolve(r);
        if (place.ProvinceCode is null) _unplaced++;
        else if (!r.Applicants.Any(a => !string.IsNullOrWhiteSpace(a.Address))) _provinceOnly++;
        if (!place.InCity) return;
        var county = place.County ?? NoCounty;
        var validInvention = r.DocumentType == DocumentType.Invention && r.LegalStatus == LegalStatus.InForce;
        if (r.DocumentType == DocumentType.Invention && r.LegalStatus == LegalStatus.Unknown) _unknownStatus++;
        if (validInvention && !r.Labels.ContainsKey(LabelFacets.HighValue)) _unlabelledValid++;
        if (r.ApplicationDate is null && r.PublicationDate is null) _noDate++;
        if (SyntheticData.IsSynthetic(r)) _synthetic++;
        _labelled |= r.Labels.ContainsKey(LabelFacets.HighValue);
        var high = validInvention && r.Labels.TryGetValue(LabelFacets.HighValue, out var hv) && hv.Contains("true");
        Count(county, 0, r.Id);
        if (validInvention) Count(county, 1, r.Id);
        if (high) Count(county, 2, r.Id);
        if ((r.ApplicationDate ?? r.PublicationDate)?.Year is { } filed)
        {
            Year(filed)[0]++;
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_countyYears, (county, filed), out _)++;
        }
        var granted = r.GrantDate?.Year ?? (r.Stage == PublicationStage.Grant ? r.PublicationDate?.Year : null);
        if (granted is { } g)
        {
            Year(g)[1]++;
            if (r.DocumentType == DocumentType.Invention) Year(g)[2]++;
        }
    }

    private long[] Year(int year)
    {
        if (!_years.TryGetValue(year, out var row)) _years[year] = row = new long[3];
        return row;
    }

    private void Count(string county, int indicator, string id)
    {
        if (!_counts.TryGetValue(county, out var c)) _counts[county] = c = new long[3];
        c[indicator]++;
        foreach (var key in new[] { CityIndicatorsSnapshot.FigureKey(Indicators[indicator], county), CityIndicatorsSnapshot.FigureKey(Indicators[indicator], null) })
        {
            if (!_ids.TryGetValue(key, out var list)) _ids[key] = list = [];
            if (list.Count < CityIndicatorsSnapshot.MaxIdsPerFigure) list.Add(id);
        }
    }

    public CityIndicatorsSnapshot Build(string indexVersion)
    {
        var last = clock.GetUtcNow().Year;
        var trendYears = Enumerable.Range(last - years + 1, years).ToList();
        var counties = city.EffectiveCounties
            .Select(c => (c.Name, c.Population))
            .Concat(_counts.Keys.Where(k => city.EffectiveCounties.All(c => c.Name != k)).Select(k => (Name: k, Population: 0L)))
            .Select(c =>
            {
                var n = _counts.GetValueOrDefault(c.Name) ?? new long[3];
                return new CountyIndicators(c.Name, c.Population, n[0], n[1], n[2])
                {
                    ApplicationsByYear = trendYears.Select(y => _countyYears.GetValueOrDefault((c.Name, y))).ToList(),
                };
            }).ToList();
        var total = new CountyIndicators(null, city.TotalPopulation, counties.Sum(c => c.Patents), counties.Sum(c => c.ValidInventions), counties.Sum(c => c.HighValueInventions));
        var trend = trendYears
            .Select(y => _years.TryGetValue(y, out var row) ? new CityYear(y, row[0], row[1], row[2]) : new CityYear(y, 0, 0, 0)).ToList();
        var beforeTrend = _years.Where(kv => kv.Key < trendYears[0]).Sum(kv => kv.Value[0]);
        return new CityIndicatorsSnapshot(city.Name, indexVersion, clock.GetUtcNow(), _read, _unplaced, total, counties, trend, _labelled,
            _ids.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal))
        {
            Excluded = new CityExclusions(_unplaced, _provinceOnly, _unknownStatus, _unlabelledValid, _noDate, beforeTrend),
            SyntheticPatents = _synthetic,
        };
    }
}
