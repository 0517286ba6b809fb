using Analytics.Reports;
using Analytics.Taxonomy;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

/// <summary>
/// Makes the Quanzhou demo slice: synthetic patents of made-up Quanzhou applicants (names end in （演示）), each
/// recombined from one real sample patent (its Chinese title, abstract and IPC codes) and given an applicant address
/// in one of the city's counties, dates, a document type and a legal status. Each county draws on the industry
/// chains it is known for (Jinjiang shoes and chips, Anxi tea, Dehua porcelain, Nan'an building materials …).
/// </summary>
/// <remarks>
/// Deterministic: the same sample records give the same slice (a fixed seed, sources in id order, dates relative to
/// the fixed <see cref="AsOf"/> rather than today). Numbers are <c>CN99</c> followed by eight digits: ten digits, a
/// form no Chinese publication has, so a demo record never takes a real patent's number. Design patents carry no IPC
/// code, as real ones (they are classified by Locarno), so the slice also shows how a record without IPC is counted.
/// </remarks>
public static class CityDemoSliceGenerator
{
    /// <summary>The day the slice's legal statuses describe: nothing in it is filed, published or granted later.</summary>
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    public const int Seed = 20260630;

    /// <summary>Serial numbers start here: <c>CN9900000001B</c> …</summary>
    public const string NumberPrefix = "99";

    /// <summary>Where the slice's records say they came from.</summary>
    public const string SourceName = "demo:quanzhou-city-slice";

    /// <summary>The made-up university, the demo university organisation's own name, in 丰泽区.</summary>
    public const string University = "泉州示范大学（演示）";

    /// <summary>A made-up research institute in 晋江市.</summary>
    public const string Institute = "泉州晋江产业技术研究院（演示）";

    /// <summary>Per county (the names <see cref="CityDefinition.QuanzhouCounties"/> expects): records, the chains it files in, its short name for company names.</summary>
    private static readonly (string County, int Records, string[] Chains, string Short)[] Plan =
    [
        ("鲤城区", 16, ["machinery-equipment", "digital-economy", "textiles-apparel-footwear"], "鲤城"),
        ("丰泽区", 26, ["digital-economy", "biomedicine", "new-materials", "smart-manufacturing"], "丰泽"),
        ("洛江区", 12, ["smart-manufacturing", "machinery-equipment"], "洛江"),
        ("泉港区", 14, ["new-materials", "marine-economy"], "泉港"),
        ("石狮市", 22, ["textiles-apparel-footwear", "marine-economy"], "石狮"),
        ("晋江市", 40, ["textiles-apparel-footwear", "semiconductors-chips", "tea-food", "new-materials"], "晋江"),
        ("南安市", 28, ["building-materials-home", "machinery-equipment", "semiconductors-chips"], "南安"),
        ("惠安县", 16, ["building-materials-home", "new-materials", "marine-economy"], "惠安"),
        ("安溪县", 16, ["tea-food", "smart-manufacturing", "building-materials-home"], "安溪"),
        ("永春县", 10, ["tea-food", "biomedicine"], "永春"),
        ("德化县", 12, ["building-materials-home", "new-materials"], "德化"),
        ("泉州台商投资区", 12, ["semiconductors-chips", "new-energy"], "泉州台商"),
        ("泉州经济技术开发区", 10, ["new-energy", "smart-manufacturing", "biomedicine"], "泉州开发区"),
    ];

    private static readonly Dictionary<string, string[]> ChainWords = new(StringComparer.Ordinal)
    {
        ["textiles-apparel-footwear"] = ["鞋业", "服饰", "纺织"],
        ["machinery-equipment"] = ["机械", "装备制造"],
        ["building-materials-home"] = ["石材", "建材", "陶瓷", "卫浴"],
        ["tea-food"] = ["茶业", "食品"],
        ["smart-manufacturing"] = ["智能装备", "自动化"],
        ["semiconductors-chips"] = ["微电子", "半导体"],
        ["new-energy"] = ["新能源", "储能科技"],
        ["new-materials"] = ["新材料", "化工"],
        ["biomedicine"] = ["生物科技", "医药"],
        ["digital-economy"] = ["信息技术", "数字科技"],
        ["marine-economy"] = ["海洋科技", "水产"],
    };

    private static readonly string[] Brands = ["华瑞", "恒远", "鸿泰", "嘉盛", "信和", "聚航", "锦程", "宏昇", "泽润", "安达", "启明", "海帆"];
    private static readonly string[] Streets = ["工业路", "科技路", "创业大道", "滨江路", "发展大道", "兴业街"];

    /// <summary>The slice for <paramref name="city"/> from <paramref name="samples"/>; empty when the city is not Quanzhou or no sample has a Chinese title and an IPC code.</summary>
    public static IReadOnlyList<PatentRecord> Generate(IEnumerable<PatentRecord> samples, IndustryTaxonomy taxonomy, CityDefinition city)
    {
        if (city.Name != "泉州") return [];
        var counties = city.EffectiveCounties.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var sources = samples
            .Where(r => r.Country == "CN" && r.IpcCodes.Count > 0 && !SyntheticData.IsSynthetic(r) && !string.IsNullOrWhiteSpace(ChineseTitle(r)))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (sources.Count == 0) return [];
        var byChain = taxonomy.Chains.ToDictionary(c => c.Id, c => sources.Where(s => InChain(s, c)).ToList(), StringComparer.Ordinal);

        var random = new Random(Seed);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var slice = new List<PatentRecord>();
        foreach (var (county, records, chains, shortName) in Plan)
        {
            if (!counties.Contains(county)) continue;
            for (var i = 0; i < records; i++)
            {
                var chain = chains[i % chains.Length];
                var pool = byChain.GetValueOrDefault(chain) is { Count: > 0 } p ? p : sources;
                var source = Pick(pool, used, random);
                var applicant = Applicant(county, shortName, chain, random);
                slice.Add(Build(slice.Count + 1, source, applicant, random));
            }
        }
        return slice;
    }

    private static string? ChineseTitle(PatentRecord r) => r.Titles.FirstOrDefault(t => t.Language == "zh")?.Text;

    private static bool InChain(PatentRecord r, IndustryChain chain)
    {
        if (!Analytics.Taxonomy.IpcParts.TryParse(r.IpcCodes[0], out var code) || chain.Excludes(code)) return false;
        foreach (var pattern in chain.Ipc)
            if (pattern.Matches(code)) return true;
        return false;
    }

    // A source not used yet when one of a few draws finds one, so the slice repeats few titles.
    private static PatentRecord Pick(List<PatentRecord> pool, HashSet<string> used, Random random)
    {
        var pick = pool[random.Next(pool.Count)];
        for (var attempt = 0; attempt < 8 && used.Contains(pick.Id); attempt++) pick = pool[random.Next(pool.Count)];
        used.Add(pick.Id);
        return pick;
    }

    private static Party Applicant(string county, string shortName, string chain, Random random)
    {
        var street = Streets[random.Next(Streets.Length)];
        var address = $"362000福建省泉州市{county}{street}{random.Next(1, 300)}号";
        // Universities and institutes own part of the stock in the university district and in Jinjiang, so the sleeping-patent screen has something to find.
        if (county == "丰泽区" && random.NextDouble() < 0.35)
            return new Party { Name = University, Address = address, Country = "CN", Type = PartyType.University };
        if (county == "晋江市" && random.NextDouble() < 0.15)
            return new Party { Name = Institute, Address = address, Country = "CN", Type = PartyType.ResearchInstitute };
        var words = ChainWords.GetValueOrDefault(chain) ?? ["科技"];
        var name = $"{shortName}{Brands[random.Next(Brands.Length)]}{words[random.Next(words.Length)]}有限公司（演示）";
        return new Party { Name = name, Address = address, Country = "CN", Type = PartyType.Enterprise };
    }

    private static PatentRecord Build(int serial, PatentRecord source, Party applicant, Random random)
    {
        var roll = random.NextDouble();
        var type = roll < 0.42 ? DocumentType.Invention : roll < 0.85 ? DocumentType.UtilityModel : DocumentType.Design;
        // More filings in later years, as the city's own trend; 2016 to 2025.
        var year = 2016 + (int)Math.Floor(Math.Sqrt(random.NextDouble()) * 10);
        var filed = new DateOnly(year, 1, 1).AddDays(random.Next(0, 365));
        var dates = type switch
        {
            DocumentType.Invention => Invention(filed, random),
            DocumentType.UtilityModel => Registered(filed, random, 5, 11, 10, "U"),
            _ => Registered(filed, random, 3, 8, 15, "S"),
        };
        var title = ChineseTitle(source)!;
        if (type == DocumentType.Design) title = DesignTitle(title);
        var record = new PatentRecord
        {
            PublicationNumber = new PatentNumber("CN", NumberPrefix + serial.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), dates.Kind),
            DocumentType = type,
            Stage = dates.Granted is null ? PublicationStage.Application : PublicationStage.Grant,
            Titles = [new LocalizedText("zh", title)],
            Abstracts = type == DocumentType.Design ? [] : [.. source.Abstracts.Where(a => a.Language == "zh")],
            Applicants = [applicant],
            IpcCodes = type == DocumentType.Design ? [] : [.. source.IpcCodes],
            ApplicationDate = filed,
            PublicationDate = dates.Published,
            GrantDate = dates.Granted,
            LapseDate = dates.Lapsed,
            LegalStatus = dates.Status,
            LegalStatusText = dates.StatusText,
            RegionCode = "35",
            Counts = new PatentCounts { Citations = random.Next(0, 7), FamilySize = 1, Transfers = 0, Licenses = 0, Pledges = 0 },
            Provenance = [new Provenance(SourceName, "synthetic", DocumentIndex: serial)],
        };
        record.Labels[SyntheticData.Label] = [SyntheticData.CityDemoSlice];
        // Which real sample lent its title, abstract and IPC codes: shown with the record's other source columns.
        record.Extra["demo_source"] = source.Id;
        return record;
    }

    private sealed record Dates(string Kind, DateOnly Published, DateOnly? Granted, DateOnly? Lapsed, LegalStatus Status, string StatusText);

    // An invention is published some 8–18 months after filing, examined for 2–4 years; some are withdrawn or rejected, some lapse after grant.
    private static Dates Invention(DateOnly filed, Random random)
    {
        var published = Min(filed.AddMonths(random.Next(8, 19)), AsOf);
        var fate = random.NextDouble();
        var granted = filed.AddMonths(random.Next(20, 41));
        if (fate < 0.72 && granted <= AsOf)
        {
            if (random.NextDouble() < 0.12)
            {
                var lapsed = Min(granted.AddYears(random.Next(1, 4)), AsOf);
                return new Dates("B", granted, granted, lapsed, LegalStatus.Lapsed, "无权-未缴年费终止");
            }
            return new Dates("B", granted, granted, null, LegalStatus.InForce, "有权-审定授权");
        }
        if (fate >= 0.72 && fate < 0.86 && published.AddMonths(14) <= AsOf)
            return new Dates("A", published, null, null, LegalStatus.Withdrawn, random.NextDouble() < 0.5 ? "无权-视为撤回" : "无权-驳回");
        return new Dates("A", published, null, null, LegalStatus.Pending, "审中-实质审查");
    }

    // Utility models and designs are registered without substantive examination and published at grant.
    private static Dates Registered(DateOnly filed, Random random, int minMonths, int maxMonths, int termYears, string kind)
    {
        var granted = filed.AddMonths(random.Next(minMonths, maxMonths + 1));
        if (granted > AsOf) granted = AsOf;
        if (filed.AddYears(termYears) <= AsOf)
            return new Dates(kind, granted, granted, filed.AddYears(termYears), LegalStatus.Expired, "无权-期限届满");
        if (random.NextDouble() < 0.2)
        {
            var lapsed = Min(granted.AddYears(random.Next(1, 5)), AsOf);
            return new Dates(kind, granted, granted, lapsed, LegalStatus.Lapsed, "无权-未缴年费终止");
        }
        return new Dates(kind, granted, granted, null, LegalStatus.InForce, "有权-授权");
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a <= b ? a : b;

    // A design protects a product's appearance: the product named by a utility model's or invention's title.
    private static string DesignTitle(string title)
    {
        var t = title.StartsWith("一种", StringComparison.Ordinal) ? title[2..] : title;
        var of = t.IndexOf("及其", StringComparison.Ordinal);
        return of > 0 ? t[..of] : t;
    }
}
