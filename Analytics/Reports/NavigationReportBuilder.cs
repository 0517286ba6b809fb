using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Reports;

/// <summary>Thresholds of the recommendation rules; the report states them beside each suggestion.</summary>
public sealed class RecommendationOptions
{
    /// <summary>Local university/institute sleeping (or, without sleeping labels, valid granted) patents in a field before a licensing campaign is suggested.</summary>
    public int MinUniversityStock { get; set; } = 3;
    /// <summary>Local enterprise filings in that field at most this share of the university stock.</summary>
    public double MaxEnterpriseRatio { get; set; } = 0.5;
    /// <summary>Growth of a field in the corpus (later half of the period against the earlier half) that counts as fast.</summary>
    public double FastGrowth { get; set; } = 0.3;
    /// <summary>The city's revealed technological advantage below which it counts as weak in a field.</summary>
    public double WeakRta { get; set; } = 0.5;
    /// <summary>The city's revealed technological advantage above which it counts as strong.</summary>
    public double StrongRta { get; set; } = 1.2;
    /// <summary>Patents in the corpus in a field before its growth is trusted.</summary>
    public int MinFieldPatents { get; set; } = 20;
    /// <summary>Suggestions of each kind at most.</summary>
    public int MaxPerKind { get; set; } = 3;
}

/// <summary>
/// Computes a <see cref="NavigationReport"/> in one pass over every record of the index: each record is
/// placed (city / province / elsewhere), checked against the scope, and counted into fixed arrays and a
/// few dictionaries keyed by strings the records already hold. Nothing per record is kept except the
/// handful of top patents the supply tables list.
/// </summary>
public sealed class NavigationReportBuilder
{
    private const int Fields = 36; // WIPO fields 1–35; 0 = no field
    private const int CityLevel = 0, ProvinceLevel = 1, AllLevel = 2;
    private const int TopPatents = 15;

    private readonly ReportScope _scope;
    private readonly ScopeMatcher _matcher;
    private readonly RegionResolver _regions;
    private readonly IndustryTaxonomy _taxonomy;
    private readonly TechnologyFieldConcordance _fields;
    private readonly RecommendationOptions _rules;
    private readonly int _from, _years;
    private readonly IpcScheme _ipc = IpcScheme.Default;

    // Classification of each distinct IPC code seen: its subclass and WIPO field (0 = none).
    private readonly Dictionary<string, (string? Subclass, int Field)> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _scratchSubclasses = new(8);
    private readonly List<int> _scratchFields = new(8);

    // The whole corpus in the period, by level: for shares and revealed technological advantage.
    private readonly long[,] _corpusField = new long[3, Fields];
    private readonly long[] _corpusTotal = new long[3];
    private readonly long[,] _corpusYear;
    // The technology scope (no region filter) in the period, by level.
    private readonly long[,] _scopeField = new long[3, Fields];
    private readonly long[] _scopeTotal = new long[3];
    private readonly long[,] _scopeYear;
    private readonly long[,] _scopeFieldYearAll;
    private readonly long[] _cityUniversityStock = new long[Fields];
    private readonly long[] _cityEnterpriseFilings = new long[Fields];
    private bool _anySleepingLabel;

    // The full scope (technology and region) in the period.
    private long _inScope, _read, _validInventions, _unplaced;
    private long _technologyMatches, _noDate, _outsidePeriod, _outsideRegion, _outsideRegionUnplaced, _noStatus, _noIpc, _noApplicant, _synthetic;
    private readonly long[,] _applications; // year × (invention, utility, design, other)
    private readonly long[] _grants;
    private readonly Dictionary<string, long> _subclasses = new(StringComparer.Ordinal);
    private readonly long[] _fieldCounts = new long[Fields];
    private readonly Dictionary<string, long> _subTopics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _chains = new(StringComparer.Ordinal);
    private long _withoutSubTopic;
    private readonly Dictionary<string, ApplicantTally> _applicants = new(StringComparer.Ordinal);
    private readonly long[] _byType = new long[Enum.GetValues<PartyType>().Length];
    private long _universityPatents, _enterprisePatents, _jointPatents;
    private readonly Dictionary<(string, string), long> _pairs = new();
    private readonly Dictionary<string, long> _counties = new(StringComparer.Ordinal);
    private long _highValue, _sleeping, _openLicenses, _labelled, _valid;
    private readonly TopList _topHighValue = new(TopPatents), _topSleeping = new(TopPatents), _topOpen = new(TopPatents);

    /// <param name="queryMatches">The ids the search engine matched for the scope's query (<see cref="Search.Indexer.Engine.IPatentIndex.MatchingIdsAsync"/>); required when the scope has one.</param>
    public NavigationReportBuilder(ReportScope scope, CityDefinition city, IndustryTaxonomy taxonomy, TechnologyFieldConcordance fields, RecommendationOptions? rules = null,
        IReadOnlySet<string>? queryMatches = null)
    {
        var problems = scope.Validate(city);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), nameof(scope));
        _scope = scope;
        _regions = new RegionResolver(city);
        _matcher = scope.Compile(city, queryMatches);
        _taxonomy = taxonomy;
        _fields = fields;
        _rules = rules ?? new RecommendationOptions();
        _from = scope.FromYear;
        _years = scope.ToYear - scope.FromYear + 1;
        _corpusYear = new long[3, _years];
        _scopeYear = new long[3, _years];
        _scopeFieldYearAll = new long[Fields, _years];
        _applications = new long[_years, 4];
        _grants = new long[_years];
    }

    public long RecordsRead => _read;

    /// <summary>Counts one record of the corpus.</summary>
    public void Add(PatentRecord r)
    {
        _read++;
        var filed = (r.ApplicationDate ?? r.PublicationDate)?.Year;
        var granted = GrantYear(r);
        var inPeriod = filed is { } fy && fy >= _from && fy - _from < _years;
        var grantInPeriod = granted is { } gy && gy >= _from && gy - _from < _years;
        if (!inPeriod && !grantInPeriod)
        {
            // Not in the report, but a technology match is counted with its reason so the report can say why.
            if (_matcher.MatchesTechnology(r)) CountLeftOut(filed);
            return;
        }

        var place = _regions.Resolve(r);
        var isCity = place.InCity;
        var isProvince = place.ProvinceCode == _regions.City.ProvinceCode;
        Classify(r);
        var mainField = _scratchFields.Count > 0 ? _scratchFields[0] : 0;

        if (inPeriod)
        {
            var y = filed!.Value - _from;
            CountLevels(_corpusTotal, _corpusField, _corpusYear, isCity, isProvince, mainField, y);
        }

        if (!_matcher.MatchesTechnology(r)) return;
        if (!inPeriod) CountLeftOut(filed);

        if (inPeriod)
        {
            var y = filed!.Value - _from;
            CountLevels(_scopeTotal, _scopeField, _scopeYear, isCity, isProvince, mainField, y);
            _scopeFieldYearAll[mainField, y]++;
            if (isCity) CountLocalStock(r, mainField);
        }

        if (_matcher.Region is { } region && !region.Matches(place))
        {
            if (inPeriod)
            {
                _technologyMatches++;
                _outsideRegion++;
                if (place.ProvinceCode is null && !place.InCity) _outsideRegionUnplaced++;
            }
            return;
        }

        if (grantInPeriod) _grants[granted!.Value - _from]++;
        if (!inPeriod) return;

        _inScope++;
        _technologyMatches++;
        if (r.LegalStatus == LegalStatus.Unknown) _noStatus++;
        if (r.IpcCodes.Count == 0) _noIpc++;
        if (r.Applicants.Count == 0) _noApplicant++;
        if (SyntheticData.IsSynthetic(r)) _synthetic++;
        var year = filed!.Value - _from;
        _applications[year, r.DocumentType switch { DocumentType.Invention => 0, DocumentType.UtilityModel => 1, DocumentType.Design => 2, _ => 3 }]++;
        var valid = r.LegalStatus == LegalStatus.InForce;
        if (valid)
        {
            _valid++;
            if (r.DocumentType == DocumentType.Invention) _validInventions++;
        }
        if (place.ProvinceCode is null && !place.InCity) _unplaced++;
        if (isCity) Increment(_counties, place.County ?? "（未注明区县）");

        foreach (var sc in _scratchSubclasses) Increment(_subclasses, sc);
        foreach (var f in _scratchFields) _fieldCounts[f]++;
        if (_scratchFields.Count == 0) _fieldCounts[0]++;
        CountLabels(r);
        CountPlayers(r, granted is not null, valid, place);
        CountSupply(r, valid);
    }

    private void CountLeftOut(int? filed)
    {
        _technologyMatches++;
        if (filed is null) _noDate++;
        else _outsidePeriod++;
    }

    private static int? GrantYear(PatentRecord r) =>
        r.GrantDate?.Year ?? (r.Stage == PublicationStage.Grant ? r.PublicationDate?.Year : null);

    private static void CountLevels(long[] total, long[,] field, long[,] year, bool city, bool province, int f, int y)
    {
        total[AllLevel]++;
        field[AllLevel, f]++;
        year[AllLevel, y]++;
        if (province || city)
        {
            total[ProvinceLevel]++;
            field[ProvinceLevel, f]++;
            year[ProvinceLevel, y]++;
        }
        if (city)
        {
            total[CityLevel]++;
            field[CityLevel, f]++;
            year[CityLevel, y]++;
        }
    }

    private void Classify(PatentRecord r)
    {
        _scratchSubclasses.Clear();
        _scratchFields.Clear();
        foreach (var code in r.IpcCodes)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_codes, code, out var exists);
            if (!exists) entry = (ScopeMatcher.Subclass(code), _fields.FieldOf(code)?.Number ?? 0);
            if (entry.Subclass is { } sc && !_scratchSubclasses.Contains(sc)) _scratchSubclasses.Add(sc);
            if (entry.Field > 0 && !_scratchFields.Contains(entry.Field)) _scratchFields.Add(entry.Field);
        }
    }

    private void CountLocalStock(PatentRecord r, int field)
    {
        var university = false;
        var enterprise = false;
        foreach (var a in r.Applicants)
        {
            university |= a.Type is PartyType.University or PartyType.ResearchInstitute;
            enterprise |= a.Type == PartyType.Enterprise;
        }
        var sleepingLabel = r.Labels.ContainsKey(LabelFacets.Sleeping);
        _anySleepingLabel |= sleepingLabel;
        if (university)
        {
            // Sleeping patents where Analytics labelled them; otherwise the stock a campaign would screen: valid granted patents.
            var stock = sleepingLabel ? ScopeMatcher.HasLabel(r, LabelFacets.Sleeping, "true") : r.LegalStatus == LegalStatus.InForce && GrantYear(r) is not null;
            if (stock) _cityUniversityStock[field]++;
        }
        if (enterprise) _cityEnterpriseFilings[field]++;
    }

    private void CountLabels(PatentRecord r)
    {
        if (r.Labels.TryGetValue(LabelFacets.SubTopic, out var topics) && topics.Count > 0)
            foreach (var t in topics) Increment(_subTopics, t);
        else _withoutSubTopic++;
        if (r.Labels.TryGetValue(LabelFacets.Chain, out var chains))
            foreach (var c in chains) Increment(_chains, c);
    }

    private void CountPlayers(PatentRecord r, bool granted, bool valid, RegionPlace place)
    {
        var university = false;
        var enterprise = false;
        var first = true;
        string? id = null;
        foreach (var a in r.Applicants)
        {
            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_applicants, a.Name, out var exists);
            if (!exists) tally = new ApplicantTally(a.Type);
            // The place shown is where the applicant's earliest-numbered patent as first applicant puts it: the same whatever order records come in.
            if (first && (tally!.PlacedBy is null || string.CompareOrdinal(id ??= r.Id, tally.PlacedBy) < 0))
            {
                tally.PlacedBy = id ??= r.Id;
                tally.Place = place.InCity ? place.County ?? _regions.City.Name : ProvinceName(place.ProvinceCode);
            }
            tally!.Applications++;
            if (granted) tally.Grants++;
            if (valid) tally.Valid++;
            university |= a.Type is PartyType.University or PartyType.ResearchInstitute;
            enterprise |= a.Type == PartyType.Enterprise;
            first = false;
        }
        if (r.Applicants.Count > 0) _byType[(int)r.Applicants[0].Type]++;
        if (university) _universityPatents++;
        if (enterprise) _enterprisePatents++;
        if (university && enterprise) _jointPatents++;
        var n = r.Applicants.Count;
        if (n is < 2 or > 10) return;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                var a = r.Applicants[i].Name;
                var b = r.Applicants[j].Name;
                if (a == b) continue;
                var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
                CollectionsMarshal.GetValueRefOrAddDefault(_pairs, key, out _)++;
            }
    }

    private static string? ProvinceName(string? code) => code is not null && RegionResolver.Provinces.TryGetValue(code, out var n) ? n : null;

    private void CountSupply(PatentRecord r, bool valid)
    {
        var high = ScopeMatcher.HasLabel(r, LabelFacets.HighValue, "true");
        var sleeping = ScopeMatcher.HasLabel(r, LabelFacets.Sleeping, "true");
        var open = ScopeMatcher.HasLabel(r, LabelFacets.OpenLicense, LabelFacets.OpenLicenseAvailable);
        if (r.Labels.ContainsKey(LabelFacets.HighValue) || r.Labels.ContainsKey(LabelFacets.Sleeping)) _labelled++;
        if (high) _highValue++;
        if (sleeping) _sleeping++;
        if (open) _openLicenses++;
        if (!high && !sleeping && !open) return;
        var score = r.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var s) ? s : -1;
        if (high && valid) _topHighValue.Offer(r, score, high, sleeping, open);
        if (sleeping) _topSleeping.Offer(r, score, high, sleeping, open);
        if (open) _topOpen.Offer(r, score, high, sleeping, open);
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;

    /// <summary>
    /// Streams <paramref name="records"/> (the whole index) through the builder and returns the report. Reading
    /// (stored fields and JSON, in the index) and counting run on two threads, handing over batches of records,
    /// so that on two cores the pass takes about as long as the slower of the two.
    /// </summary>
    public static async Task<NavigationReport> RunAsync(IAsyncEnumerable<PatentRecord> records, NavigationReportBuilder builder, long? total,
        IProgress<AnalyticsProgress>? progress, TimeProvider clock, string? indexVersion, CancellationToken ct)
    {
        const int batchSize = 512;
        var watch = Stopwatch.StartNew();
        progress?.Report(new AnalyticsProgress("reading", 0, total));
        var channel = System.Threading.Channels.Channel.CreateBounded<(PatentRecord[] Records, int Count)>(
            new System.Threading.Channels.BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var counting = Task.Run(async () =>
        {
            await foreach (var (batch, count) in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < count; i++) builder.Add(batch[i]);
                progress?.Report(new AnalyticsProgress("reading", builder._read, total));
            }
        }, ct);
        try
        {
            var buffer = new PatentRecord[batchSize];
            var n = 0;
            await foreach (var r in records.WithCancellation(ct).ConfigureAwait(false))
            {
                buffer[n++] = r;
                if (n < batchSize) continue;
                await channel.Writer.WriteAsync((buffer, n), ct).ConfigureAwait(false);
                buffer = new PatentRecord[batchSize];
                n = 0;
            }
            if (n > 0) await channel.Writer.WriteAsync((buffer, n), ct).ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
        }
        await counting.ConfigureAwait(false);
        progress?.Report(new AnalyticsProgress("summarising", builder._read, total));
        return builder.Build(clock.GetUtcNow(), watch.Elapsed, indexVersion);
    }

    /// <summary>The report from what was counted.</summary>
    public NavigationReport Build(DateTimeOffset generatedAt, TimeSpan elapsed, string? indexVersion = null)
    {
        var fieldsByNumber = _fields.Fields.ToDictionary(f => f.Number);
        string FieldName(int n) => n == 0 ? "（无对应技术领域）" : fieldsByNumber.TryGetValue(n, out var f) ? f.NameZh : n.ToString(CultureInfo.InvariantCulture);
        var trends = BuildTrends();
        var composition = new CompositionSection(
            Top(_subclasses, 20, _inScope, code => _ipc.TitleOf(code) ?? ""),
            Enumerable.Range(0, Fields).Where(f => _fieldCounts[f] > 0).OrderByDescending(f => _fieldCounts[f]).ThenBy(f => f)
                .Select(f => new NamedCount(f.ToString(CultureInfo.InvariantCulture), FieldName(f), _fieldCounts[f], Share(_fieldCounts[f], _inScope))).ToList(),
            Top(_subTopics, 15, _inScope, label => label),
            Top(_chains, 15, _inScope, id => _taxonomy.Chain(id)?.NameZh ?? id),
            _withoutSubTopic);
        var players = BuildPlayers();
        var region = BuildRegion(FieldName);
        var supply = new SupplySection(_highValue, _sleeping, _openLicenses, _valid, _labelled,
            _topHighValue.Sorted(), _topSleeping.Sorted(), _topOpen.Sorted(),
            _labelled == 0
                ? "范围内的专利尚无高价值/沉睡标签：请先运行 Analytics label（及沉睡专利筛查），开放许可标签由平台发布声明时写入。"
                : "高价值、沉睡标签由 Analytics 写入；开放许可为平台上已发布的开放许可声明。")
        {
            NotePhrase = _labelled == 0
                ? Phrase.Of("No patent in scope has a high-value or sleeping label yet: run Analytics label (and the sleeping-patent screening) first; open-licence labels are written when the platform publishes a declaration.")
                : Phrase.Of("High-value and sleeping labels are written by Analytics; open licences are the declarations published on the platform."),
        };
        return new NavigationReport
        {
            Scope = _scope,
            ScopeDescription = _scope.Describe(id => _taxonomy.Chain(id)?.NameZh),
            CityName = _regions.City.Name,
            ProvinceName = _regions.ProvinceName,
            GeneratedAt = generatedAt,
            RecordsRead = _read,
            RecordsInScope = _inScope,
            Seconds = Math.Round(elapsed.TotalSeconds, 2),
            IndexVersion = indexVersion,
            Trends = trends,
            Composition = composition,
            Players = players,
            Region = region,
            Supply = supply,
            Recommendations = Recommend(FieldName, region),
            Excluded = new ReportExclusions
            {
                TechnologyMatches = _technologyMatches, NoFilingDate = _noDate, OutsidePeriod = _outsidePeriod,
                OutsideRegion = _outsideRegion, OutsideRegionUnplaced = _outsideRegionUnplaced,
                NoLegalStatus = _noStatus, NoIpc = _noIpc, NoApplicant = _noApplicant, Unplaced = _unplaced,
            },
            SyntheticInScope = _synthetic,
        };
    }

    private TrendSection BuildTrends()
    {
        var rows = new List<YearRow>(_years);
        long? previous = null;
        for (var y = 0; y < _years; y++)
        {
            var apps = _applications[y, 0] + _applications[y, 1] + _applications[y, 2] + _applications[y, 3];
            double? growth = previous is > 0 ? (apps - previous.Value) / (double)previous.Value : null;
            rows.Add(new YearRow(_from + y, apps, _applications[y, 0], _applications[y, 1], _applications[y, 2], _applications[y, 3], _grants[y], growth));
            previous = apps;
        }
        return new TrendSection(rows, _inScope, _grants.Sum(), _validInventions, Cagr(rows.Select(r => r.Applications).ToArray()),
            "申请量按申请年统计；授权量按授权年统计（发明以授权公告日为准，实用新型、外观设计以公告日为准）；最近一两年的申请量因公开滞后而偏低。")
        {
            NotePhrase = Phrase.Of("Applications are counted by filing year, grants by grant year (inventions by the grant publication date, utility models and designs by their publication date); the last year or two are low because publication lags filing."),
        };
    }

    /// <summary>Compound annual growth from the first to the last year with filings, leaving out the final year (publication lag).</summary>
    internal static double? Cagr(long[] perYear)
    {
        var last = perYear.Length - 2;
        var first = Array.FindIndex(perYear, c => c > 0);
        if (first < 0 || last <= first || perYear[last] <= 0) return null;
        return Math.Pow(perYear[last] / (double)perYear[first], 1.0 / (last - first)) - 1;
    }

    private PlayersSection BuildPlayers()
    {
        var top = _applicants.OrderByDescending(kv => kv.Value.Applications).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(20)
            .Select(kv => new ApplicantRow(kv.Key, PartyTypeName(kv.Value.Type), kv.Value.Applications, kv.Value.Grants, kv.Value.Valid, kv.Value.Place) { PartyType = kv.Value.Type }).ToList();
        var types = Enum.GetValues<PartyType>().Where(t => _byType[(int)t] > 0).OrderByDescending(t => _byType[(int)t])
            .Select(t => new NamedCount(t.ToString(), PartyTypeName(t), _byType[(int)t], Share(_byType[(int)t], _inScope))).ToList();
        var links = _pairs.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Take(25).Select(kv => new CoApplicantLink(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
        return new PlayersSection(top, types, _universityPatents, _enterprisePatents, _jointPatents, links, _applicants.Count);
    }

    public static string PartyTypeName(PartyType t) => t switch
    {
        PartyType.University => "高校",
        PartyType.ResearchInstitute => "科研机构",
        PartyType.Enterprise => "企业",
        PartyType.Individual => "个人",
        PartyType.Government => "机关团体",
        _ => "未知",
    };

    private RegionSection BuildRegion(Func<int, string> fieldName)
    {
        string[] names = [_regions.City.Name, _regions.ProvinceName, "全部数据"];
        string[] levels = ["city", "province", "all"];
        var levelRows = new List<RegionLevelRow>();
        for (var l = 0; l < 3; l++)
        {
            var perYear = Enumerable.Range(0, _years).Select(y => _scopeYear[l, y]).ToArray();
            levelRows.Add(new RegionLevelRow(levels[l], names[l], _scopeTotal[l], _corpusTotal[l], Share(_scopeTotal[l], _scopeTotal[AllLevel]),
                Share(_scopeTotal[l], _corpusTotal[l]), Cagr(perYear)));
        }
        var advantage = new List<AdvantageRow>();
        for (var f = 1; f < Fields; f++)
        {
            if (_scopeField[AllLevel, f] == 0) continue;
            advantage.Add(new AdvantageRow(f, fieldName(f), _scopeField[CityLevel, f], _scopeField[ProvinceLevel, f], _scopeField[AllLevel, f],
                Rta(CityLevel, f), Rta(ProvinceLevel, f)));
        }
        advantage = advantage.OrderByDescending(a => a.AllPatents).ThenBy(a => a.Field).ToList();
        var counties = _counties.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new NamedCount(kv.Key, kv.Key, kv.Value, Share(kv.Value, _counties.Values.Sum()))).ToList();
        return new RegionSection(levelRows, advantage, counties, _unplaced,
            $"地区按第一申请人地址（省、{_regions.City.Name}市及其区县名称、邮编 {string.Join('/', _regions.City.PostalPrefixes)}xxx）判定，地址缺失时按国省代码判定省份。" +
            "显示性技术优势 RTA = 本地区该领域专利占本地区全部专利的比例 ÷ 全部数据中该领域的比例；大于 1 表示相对优势。")
        {
            MethodPhrase = Phrase.Of("Places follow the first applicant's address (province, {0} and its counties, postcodes {1}xxx), or the province code when the address is missing. Revealed technological advantage RTA = the field's share of the place's patents ÷ the field's share of all data; above 1 means a relative advantage.",
                _regions.City.Name, string.Join('/', _regions.City.PostalPrefixes)),
        };
    }

    /// <summary>Revealed technological advantage of a level in a field: its share of the field over the corpus's share (within the period).</summary>
    private double? Rta(int level, int field)
    {
        if (_corpusTotal[level] == 0 || _corpusField[AllLevel, field] == 0 || _corpusTotal[AllLevel] == 0) return null;
        var local = _corpusField[level, field] / (double)_corpusTotal[level];
        var all = _corpusField[AllLevel, field] / (double)_corpusTotal[AllLevel];
        return Math.Round(local / all, 3);
    }

    private List<Recommendation> Recommend(Func<int, string> fieldName, RegionSection region)
    {
        var result = new List<Recommendation>();
        var city = _regions.City.Name;
        var stockWord = _anySleepingLabel ? "沉睡专利" : "有效授权专利（尚无沉睡标签）";

        var licensing = Enumerable.Range(1, Fields - 1)
            .Where(f => _cityUniversityStock[f] >= _rules.MinUniversityStock && _cityEnterpriseFilings[f] <= _rules.MaxEnterpriseRatio * _cityUniversityStock[f])
            .OrderByDescending(f => _cityUniversityStock[f]).Take(_rules.MaxPerKind);
        foreach (var f in licensing)
            result.Add(new Recommendation(RecommendationKind.LicensingCampaign, $"{fieldName(f)}：组织高校院所专利开放许可与许可对接活动",
                $"{city}高校院所在该领域持有 {_cityUniversityStock[f]} 件{stockWord}，而本地企业同期仅申请 {_cityEnterpriseFilings[f]} 件：存量技术供给充足、企业承接不足。",
                $"本地高校院所存量 ≥ {_rules.MinUniversityStock} 件，且本地企业申请 ≤ 存量 × {_rules.MaxEnterpriseRatio.ToString(CultureInfo.InvariantCulture)}")
            {
                TitlePhrase = Phrase.Of("{0}: open licensing and licence matchmaking for university and institute patents", PhraseArgument.Field(f)),
                ReasonPhrase = _anySleepingLabel
                    ? Phrase.Of("Universities and institutes in {0} hold {1} sleeping patents in this field, while local enterprises filed only {2}: plenty of technology on the shelf, too few takers.", city, Count(_cityUniversityStock[f]), Count(_cityEnterpriseFilings[f]))
                    : Phrase.Of("Universities and institutes in {0} hold {1} valid granted patents (no sleeping labels yet) in this field, while local enterprises filed only {2}: plenty of technology on the shelf, too few takers.", city, Count(_cityUniversityStock[f]), Count(_cityEnterpriseFilings[f])),
                RulePhrase = Phrase.Of("local university and institute stock ≥ {0}, and local enterprise filings ≤ stock × {1}", Count(_rules.MinUniversityStock), _rules.MaxEnterpriseRatio.ToString(CultureInfo.InvariantCulture)),
            });

        var half = _years / 2;
        var growing = new List<(int Field, double Growth, double? Rta)>();
        for (var f = 1; f < Fields; f++)
        {
            long early = 0, late = 0;
            for (var y = 0; y < half; y++) early += _scopeFieldYearAll[f, y];
            for (var y = _years - half; y < _years; y++) late += _scopeFieldYearAll[f, y];
            if (early + late < _rules.MinFieldPatents || early == 0) continue;
            var growth = (late - early) / (double)early;
            growing.Add((f, growth, Rta(CityLevel, f)));
        }
        foreach (var g in growing.Where(g => g.Growth >= _rules.FastGrowth && (g.Rta ?? 0) < _rules.WeakRta).OrderByDescending(g => g.Growth).Take(_rules.MaxPerKind))
            result.Add(new Recommendation(RecommendationKind.Introduction, $"{fieldName(g.Field)}：引进人才与技术",
                $"该领域在全部数据中后半段较前半段增长 {Pct(g.Growth)}，而{city}的显示性技术优势仅为 {(g.Rta ?? 0).ToString("0.00", CultureInfo.InvariantCulture)}：外部增长快、本地布局弱。",
                $"领域增长 ≥ {Pct(_rules.FastGrowth)}（至少 {_rules.MinFieldPatents} 件），且本地 RTA < {_rules.WeakRta.ToString(CultureInfo.InvariantCulture)}")
            {
                TitlePhrase = Phrase.Of("{0}: bring in talent and technology", PhraseArgument.Field(g.Field)),
                ReasonPhrase = Phrase.Of("In all data the field grew {0} from the first half of the period to the second, while the revealed technological advantage of {1} is only {2}: fast growth elsewhere, weak presence here.",
                    Pct(g.Growth), city, (g.Rta ?? 0).ToString("0.00", CultureInfo.InvariantCulture)),
                RulePhrase = Phrase.Of("field growth ≥ {0} (at least {1} patents), and local RTA < {2}", Pct(_rules.FastGrowth), Count(_rules.MinFieldPatents), _rules.WeakRta.ToString(CultureInfo.InvariantCulture)),
            });
        foreach (var g in growing.Where(g => (g.Rta ?? 0) >= _rules.StrongRta && _scopeField[CityLevel, g.Field] > 0).OrderByDescending(g => g.Rta).Take(_rules.MaxPerKind))
            result.Add(new Recommendation(RecommendationKind.Cultivation, $"{fieldName(g.Field)}：培育高价值专利组合",
                $"{city}在该领域的显示性技术优势为 {g.Rta!.Value.ToString("0.00", CultureInfo.InvariantCulture)}（本地 {_scopeField[CityLevel, g.Field]} 件），领域整体增长 {Pct(g.Growth)}：巩固优势、布局海外与标准。",
                $"本地 RTA ≥ {_rules.StrongRta.ToString(CultureInfo.InvariantCulture)}")
            {
                TitlePhrase = Phrase.Of("{0}: cultivate high-value patent portfolios", PhraseArgument.Field(g.Field)),
                ReasonPhrase = Phrase.Of("The revealed technological advantage of {0} in this field is {1} ({2} local patents) and the field grew {3}: build on the strength, file abroad and in standards.",
                    city, g.Rta!.Value.ToString("0.00", CultureInfo.InvariantCulture), Count(_scopeField[CityLevel, g.Field]), Pct(g.Growth)),
                RulePhrase = Phrase.Of("local RTA ≥ {0}", _rules.StrongRta.ToString(CultureInfo.InvariantCulture)),
            });
        if (_openLicenses > 0)
            result.Add(new Recommendation(RecommendationKind.PromoteOpenLicenses, "向本地企业推介已开放许可的专利",
                $"范围内有 {_openLicenses} 件专利已发布开放许可（其中高价值 {_topOpen.Sorted().Count(p => p.HighValue)} 件位列前列），企业可按声明条件直接获得许可。",
                "范围内存在开放许可声明")
            {
                TitlePhrase = Phrase.Of("Promote the openly licensed patents to local enterprises"),
                ReasonPhrase = Phrase.Of("{0} patents in scope have a published open licence ({1} high-value ones among the top); enterprises can take a licence on the declared terms at once.",
                    Count(_openLicenses), Count(_topOpen.Sorted().Count(p => p.HighValue))),
                RulePhrase = Phrase.Of("open-licence declarations in scope"),
            });
        if (result.Count == 0)
            result.Add(new Recommendation(RecommendationKind.Cultivation, "暂无规则触发的建议",
                region.Levels[CityLevel].Patents == 0
                    ? $"范围内没有{city}的专利，无法比较本地与外部的技术布局；可扩大范围或期间后重新生成。"
                    : "各领域均未达到建议规则的阈值；阈值可在配置中调整。",
                "—")
            {
                TitlePhrase = Phrase.Of("No rule suggests anything yet"),
                ReasonPhrase = region.Levels[CityLevel].Patents == 0
                    ? Phrase.Of("No patent of {0} is in scope, so local and outside technology cannot be compared; widen the scope or the period and generate again.", city)
                    : Phrase.Of("No field reaches the thresholds of the recommendation rules; the thresholds can be changed in the configuration."),
                RulePhrase = Phrase.Of("{0}", "—"),
            });
        return result;
    }

    private static List<NamedCount> Top(Dictionary<string, long> counts, int n, long total, Func<string, string> name) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n)
            .Select(kv => new NamedCount(kv.Key, name(kv.Key), kv.Value, Share(kv.Value, total))).ToList();

    private static PhraseArgument Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double x) => (x * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);

    private sealed class ApplicantTally(PartyType type)
    {
        public PartyType Type { get; } = type;
        public string? Place { get; set; }
        /// <summary>The id of the record <see cref="Place"/> was taken from.</summary>
        public string? PlacedBy { get; set; }
        public long Applications, Grants, Valid;
    }

    /// <summary>The highest-valued patents offered, kept in a small min-heap; an entry is built only when it gets in.</summary>
    private sealed class TopList(int size)
    {
        private readonly PriorityQueue<SupplyPatent, (double, string)> _heap = new(Comparer<(double, string)>.Create((a, b) =>
        {
            var c = a.Item1.CompareTo(b.Item1);
            return c != 0 ? c : string.CompareOrdinal(b.Item2, a.Item2);
        }));

        public void Offer(PatentRecord r, double score, bool high, bool sleeping, bool open)
        {
            if (_heap.Count >= size && _heap.TryPeek(out _, out var min) && (score < min.Item1 || score == min.Item1 && string.CompareOrdinal(r.Id, min.Item2) > 0)) return;
            var entry = new SupplyPatent(r.Id, r.Title("zh"), string.Join("；", r.Applicants.Select(a => a.Name)), score < 0 ? null : Math.Round(score, 3), high, sleeping, open);
            _heap.Enqueue(entry, (score, r.Id));
            if (_heap.Count > size) _heap.Dequeue();
        }

        public List<SupplyPatent> Sorted() =>
            _heap.UnorderedItems.OrderByDescending(e => e.Priority.Item1).ThenBy(e => e.Priority.Item2, StringComparer.Ordinal).Select(e => e.Element).ToList();
    }
}
