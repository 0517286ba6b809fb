using System.Collections.Concurrent;
using System.Collections.Frozen;
using Search.Indexer.Records;

namespace Analytics.Reports;

/// <summary>The city a report or the dashboard is about: its province, its counties (区县) and their population.</summary>
/// <remarks>Defaults to Quanzhou (泉州), Fujian (35): the model city of the product.</remarks>
public sealed class CityDefinition
{
    /// <summary>Short name as addresses write it without 市 (泉州).</summary>
    public string Name { get; set; } = "泉州";

    /// <summary>Two-digit province code (GB/T 2260, as the 国省代码 field writes it): 35 for Fujian.</summary>
    public string ProvinceCode { get; set; } = "35";

    /// <summary>Postal-code prefixes of the city (Quanzhou's codes are 362xxx); a leading postcode in an address then places it.</summary>
    public List<string> PostalPrefixes { get; set; } = ["362"];

    /// <summary>
    /// Counties, districts and county-level cities with their resident population (persons) for the per-10,000
    /// indicators. Empty: Quanzhou's (<see cref="QuanzhouCounties"/>) when the city is 泉州. A configured list replaces it whole.
    /// </summary>
    public List<CountyDefinition> Counties { get; set; } = [];

    /// <summary>Population by county name, overriding the list's figure (e.g. <c>Reports__City__Population__晋江市=2100000</c>).</summary>
    public Dictionary<string, long> Population { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Resident population at the end of 2023 (泉州市统计年鉴), rounded to thousands; operators update it in options.</summary>
    public static IReadOnlyList<CountyDefinition> QuanzhouCounties { get; } =
    [
        new() { Name = "鲤城区", Population = 416_000 },
        new() { Name = "丰泽区", Population = 598_000 },
        new() { Name = "洛江区", Population = 232_000 },
        new() { Name = "泉港区", Population = 342_000 },
        new() { Name = "石狮市", Population = 692_000 },
        new() { Name = "晋江市", Population = 2_088_000 },
        new() { Name = "南安市", Population = 1_523_000 },
        new() { Name = "惠安县", Population = 839_000 },
        new() { Name = "安溪县", Population = 1_003_000 },
        new() { Name = "永春县", Population = 460_000 },
        new() { Name = "德化县", Population = 285_000 },
        new() { Name = "泉州台商投资区", Aliases = ["台商投资区", "台商区"], Population = 253_000 },
        new() { Name = "泉州经济技术开发区", Aliases = ["经济技术开发区", "开发区"], Population = 99_000 },
    ];

    /// <summary>The counties in use, with population overrides applied.</summary>
    public IReadOnlyList<CountyDefinition> EffectiveCounties =>
        (Counties.Count > 0 ? Counties : Name == "泉州" ? QuanzhouCounties : [])
        .Select(c => Population.TryGetValue(c.Name, out var p) ? new CountyDefinition { Name = c.Name, Aliases = c.Aliases, Population = p } : c)
        .ToList();

    public long TotalPopulation => EffectiveCounties.Sum(c => c.Population);
}

public sealed class CountyDefinition
{
    public string Name { get; set; } = "";
    /// <summary>Other spellings found in addresses (e.g. 台商区).</summary>
    public List<string> Aliases { get; set; } = [];
    public long Population { get; set; }
}

/// <summary>Where an applicant sits: province (two-digit code), and within the configured city its county.</summary>
/// <param name="ProvinceCode">GB/T 2260 two-digit code, or null when neither the address nor 国省代码 says.</param>
/// <param name="InCity">True when the address (or its postcode) places it in the configured city.</param>
/// <param name="County">The configured county, when the address names one.</param>
public readonly record struct RegionPlace(string? ProvinceCode, bool InCity, string? County)
{
    public static readonly RegionPlace Unknown = new(null, false, null);
}

/// <summary>
/// Places patents by their first applicant's address (申请人地址) and the 国省代码 field: province by its
/// name or the code, the configured city by its name, a county name, or its postcode prefix. Addresses
/// repeat a lot (one applicant files many patents), so results are cached by address.
/// </summary>
public sealed class RegionResolver
{
    /// <summary>GB/T 2260 province-level codes and names (short forms, as addresses and 国省代码 write them).</summary>
    public static readonly FrozenDictionary<string, string> Provinces = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["11"] = "北京", ["12"] = "天津", ["13"] = "河北", ["14"] = "山西", ["15"] = "内蒙古",
        ["21"] = "辽宁", ["22"] = "吉林", ["23"] = "黑龙江",
        ["31"] = "上海", ["32"] = "江苏", ["33"] = "浙江", ["34"] = "安徽", ["35"] = "福建", ["36"] = "江西", ["37"] = "山东",
        ["41"] = "河南", ["42"] = "湖北", ["43"] = "湖南", ["44"] = "广东", ["45"] = "广西", ["46"] = "海南",
        ["50"] = "重庆", ["51"] = "四川", ["52"] = "贵州", ["53"] = "云南", ["54"] = "西藏",
        ["61"] = "陕西", ["62"] = "甘肃", ["63"] = "青海", ["64"] = "宁夏", ["65"] = "新疆",
        ["71"] = "台湾", ["81"] = "香港", ["82"] = "澳门",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const int MaxCached = 200_000;
    private readonly CityDefinition _city;
    private readonly (string Name, string County)[] _countyNames;
    private readonly ConcurrentDictionary<string, RegionPlace> _cache = new(StringComparer.Ordinal);

    public RegionResolver(CityDefinition city)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(city.Name);
        if (!Provinces.ContainsKey(city.ProvinceCode))
            throw new ArgumentException($"'{city.ProvinceCode}' is not a province code (GB/T 2260, e.g. 35 for Fujian).", nameof(city));
        _city = city;
        // Longer names first, so 泉州经济技术开发区 wins over 开发区.
        _countyNames = city.EffectiveCounties
            .SelectMany(c => new[] { c.Name }.Concat(c.Aliases).Select(n => (Name: n, County: c.Name)))
            .Where(n => n.Name.Length > 0)
            .OrderByDescending(n => n.Name.Length)
            .ToArray();
    }

    public CityDefinition City => _city;

    public string ProvinceName => Provinces[_city.ProvinceCode];

    /// <summary>Places a record by its first applicant with an address, else by 国省代码 alone.</summary>
    public RegionPlace Resolve(PatentRecord record)
    {
        string? address = null;
        foreach (var a in record.Applicants)
            if (!string.IsNullOrWhiteSpace(a.Address))
            {
                address = a.Address;
                break;
            }
        var code = ProvinceFromCode(record.RegionCode);
        if (address is null) return new RegionPlace(code, false, null);
        var place = ResolveAddress(address);
        // The address wins over the code when they disagree about the province: it is the applicant's own.
        return place.ProvinceCode is null ? place with { ProvinceCode = code } : place;
    }

    /// <summary>Places one address (cached).</summary>
    public RegionPlace ResolveAddress(string address)
    {
        if (_cache.TryGetValue(address, out var cached)) return cached;
        var place = Parse(address);
        if (_cache.Count < MaxCached) _cache.TryAdd(address, place);
        return place;
    }

    /// <summary>The two-digit code in a 国省代码 value: <c>35</c>, <c>福建(35)</c> after the reader, or a province name.</summary>
    public static string? ProvinceFromCode(string? regionCode)
    {
        if (string.IsNullOrWhiteSpace(regionCode)) return null;
        var t = regionCode.Trim();
        if (t.Length >= 2 && char.IsAsciiDigit(t[0]) && char.IsAsciiDigit(t[1]))
        {
            var two = t[..2];
            return Provinces.ContainsKey(two) ? two : null;
        }
        foreach (var (code, name) in Provinces)
            if (t.StartsWith(name, StringComparison.Ordinal)) return code;
        return null;
    }

    private RegionPlace Parse(string raw)
    {
        var address = raw.Trim();
        // A leading six-digit postcode (450000河南省郑州市…, 362000福建省泉州市…).
        var digits = 0;
        while (digits < address.Length && char.IsAsciiDigit(address[digits])) digits++;
        var postcode = digits == 6 ? address[..6] : null;
        var text = address[digits..].TrimStart();

        string? province = null;
        foreach (var (code, name) in Provinces)
            if (text.StartsWith(name, StringComparison.Ordinal))
            {
                province = code;
                break;
            }

        var cityNamed = text.Contains(_city.Name + "市", StringComparison.Ordinal)
                        || (province is null || province == _city.ProvinceCode) && text.Contains(_city.Name, StringComparison.Ordinal);
        string? county = null;
        // County names are searched only where the city or its province is named, or nothing is (福建省晋江市…, 晋江市…),
        // so that 开发区 in another city's address does not count.
        if (cityNamed || province == _city.ProvinceCode || province is null)
            foreach (var (name, c) in _countyNames)
                if (text.Contains(name, StringComparison.Ordinal) && (cityNamed || name.Length >= 3 && !IsGeneric(name)))
                {
                    county = c;
                    break;
                }
        var byPostcode = postcode is not null && _city.PostalPrefixes.Any(p => postcode.StartsWith(p, StringComparison.Ordinal));
        var inCity = cityNamed || county is not null || byPostcode && (province is null || province == _city.ProvinceCode);
        if (inCity) province ??= _city.ProvinceCode;
        return new RegionPlace(province, inCity, inCity ? county : null);
    }

    // Aliases that name a kind of zone rather than a place: they count only where the city is named.
    private static bool IsGeneric(string name) => name is "开发区" or "台商区" or "经济技术开发区" or "台商投资区";
}
