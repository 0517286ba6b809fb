using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Reports;

/// <summary>
/// What a navigation report covers: a technology scope (industry chain, IPC prefixes, words, applicants),
/// optionally a region, and a period of filing years. Every part is optional; parts are ANDed.
/// </summary>
public sealed record ReportScope
{
    /// <summary>Industry chain id from the taxonomy (e.g. <c>new-energy</c>), matched on the <c>chain</c> label.</summary>
    public string? Chain { get; init; }

    /// <summary>IPC prefixes (<c>H01M</c>, <c>H01L21</c>); a patent matches when one of its codes starts with one.</summary>
    public IReadOnlyList<string> Ipc { get; init; } = [];

    /// <summary>
    /// A query in the search box's syntax (words ANDed, <c>-word</c> excludes, <c>OR</c>, phrases, fields such as
    /// <c>title:</c>): the patents it matches are those search finds for it, however many.
    /// </summary>
    public string? Query { get; init; }

    /// <summary>True when <see cref="Query"/> has text: the engine then says which patents match.</summary>
    public bool HasQuery => !string.IsNullOrWhiteSpace(Query);

    /// <summary>Applicant names (or parts of names); a patent matches when an applicant's name contains one.</summary>
    public IReadOnlyList<string> Applicants { get; init; } = [];

    /// <summary>The configured city (<c>泉州</c>), one of its counties (<c>晋江市</c>) or a province (name or code, <c>福建</c>/<c>35</c>); empty for every region.</summary>
    public string? Region { get; init; }

    /// <summary>First filing year of the period (inclusive).</summary>
    public int FromYear { get; init; }

    /// <summary>Last filing year of the period (inclusive).</summary>
    public int ToYear { get; init; }

    public const int MaxYears = 40;

    /// <summary>Problems with the scope, as (field, message) pairs; empty when the scope is usable.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(CityDefinition city)
    {
        var problems = new List<(string, string)>();
        if (FromYear < 1900 || FromYear > 2100) problems.Add((nameof(FromYear), $"The first year {FromYear} is not a plausible year."));
        if (ToYear < FromYear) problems.Add((nameof(ToYear), $"The last year {ToYear} is before the first year {FromYear}."));
        else if (ToYear - FromYear + 1 > MaxYears) problems.Add((nameof(ToYear), $"The period spans {ToYear - FromYear + 1} years; at most {MaxYears}."));
        foreach (var code in Ipc)
            if (!IsIpcPrefix(code)) problems.Add((nameof(Ipc), $"'{code}' is not an IPC prefix such as H01M, H01M10 or H01M10/05."));
        if (Region is { Length: > 0 } region && ResolveRegion(region, city) is null)
            problems.Add((nameof(Region), $"'{region}' is neither the city {city.Name}, one of its counties, nor a province."));
        if (Query is { Length: > 200 }) problems.Add((nameof(Query), "The query is longer than 200 characters."));
        else if (HasQuery)
        {
            try
            {
                Search.Indexer.Engine.QuerySyntax.Parse(Query);
            }
            catch (Search.Indexer.Engine.QuerySyntaxException e)
            {
                problems.Add((nameof(Query), $"The query does not read as a search: {e.Message}"));
            }
        }
        if (Applicants.Count > 50) problems.Add((nameof(Applicants), "At most 50 applicant names."));
        return problems;
    }

    private static bool IsIpcPrefix(string code) =>
        code.Length >= 1 && code.Length <= 14 && code[0] is >= 'A' and <= 'H' && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '/');

    /// <summary>How a region value reads: the city, a county of it, or a province code; null when unknown.</summary>
    public static RegionFilter? ResolveRegion(string region, CityDefinition city)
    {
        var r = region.Trim();
        if (r.Length == 0) return null;
        if (r == city.Name || r == city.Name + "市") return new RegionFilter(RegionLevel.City, city.ProvinceCode, null);
        foreach (var c in city.EffectiveCounties)
            if (c.Name == r || c.Aliases.Contains(r)) return new RegionFilter(RegionLevel.County, city.ProvinceCode, c.Name);
        var code = RegionResolver.ProvinceFromCode(r.TrimEnd('省', '市'));
        return code is null ? null : new RegionFilter(RegionLevel.Province, code, null);
    }

    /// <summary>A stable key of the scope (for caches and URLs): the same scope gives the same key.</summary>
    public string Key()
    {
        var canonical = string.Join('\u001f',
            Chain ?? "", string.Join(',', Ipc.Select(i => i.Trim().ToUpperInvariant()).Order(StringComparer.Ordinal)),
            (Query ?? "").Trim(), string.Join(',', Applicants.Select(a => a.Trim()).Order(StringComparer.Ordinal)), (Region ?? "").Trim(),
            FromYear.ToString(CultureInfo.InvariantCulture), ToYear.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    /// <summary>A one-line Chinese description of the scope for titles.</summary>
    public string Describe(Func<string, string?> chainName)
    {
        var parts = new List<string>();
        if (Chain is { Length: > 0 }) parts.Add("产业链：" + (chainName(Chain) ?? Chain));
        if (Ipc.Count > 0) parts.Add("IPC：" + string.Join("、", Ipc));
        if (Query is { Length: > 0 }) parts.Add("检索式：" + Query);
        if (Applicants.Count > 0) parts.Add("申请人：" + string.Join("、", Applicants));
        if (Region is { Length: > 0 }) parts.Add("地区：" + Region);
        if (parts.Count == 0) parts.Add("全部专利");
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"申请年 {FromYear}–{ToYear}"));
        return string.Join("；", parts);
    }

    /// <summary>The parts of <see cref="Describe"/> as phrases the web translates; the caller names the chain in its language.</summary>
    public IReadOnlyList<Phrase> DescribePhrases(Func<string, string?> chainName)
    {
        var parts = new List<Phrase>();
        if (Chain is { Length: > 0 }) parts.Add(Phrase.Of("Industry chain: {0}", chainName(Chain) ?? Chain));
        if (Ipc.Count > 0) parts.Add(Phrase.Of("IPC: {0}", PhraseArgument.List(Ipc)));
        if (Query is { Length: > 0 }) parts.Add(Phrase.Of("Query: {0}", Query));
        if (Applicants.Count > 0) parts.Add(Phrase.Of("Applicants: {0}", PhraseArgument.List(Applicants)));
        if (Region is { Length: > 0 }) parts.Add(Phrase.Of("Region: {0}", Region));
        if (parts.Count == 0) parts.Add(Phrase.Of("All patents"));
        parts.Add(Phrase.Of("Filing years {0}–{1}", FromYear.ToString(CultureInfo.InvariantCulture), ToYear.ToString(CultureInfo.InvariantCulture)));
        return parts;
    }

    /// <summary>Compiles the technology part of the scope (chain, IPC, query, applicants) into a matcher.</summary>
    /// <param name="queryMatches">The ids the engine found for <see cref="Query"/>; required when the scope has one.</param>
    internal ScopeMatcher Compile(CityDefinition city, IReadOnlySet<string>? queryMatches) =>
        new(this, Region is { Length: > 0 } r ? ResolveRegion(r, city) : null, queryMatches);
}

public enum RegionLevel { City, County, Province }

/// <summary>A resolved region filter.</summary>
public sealed record RegionFilter(RegionLevel Level, string ProvinceCode, string? County)
{
    public bool Matches(in RegionPlace place) => Level switch
    {
        RegionLevel.City => place.InCity,
        RegionLevel.County => place.InCity && place.County == County,
        _ => place.ProvinceCode == ProvinceCode,
    };
}

/// <summary>The scope's technology filter, checked record by record without allocating.</summary>
internal sealed class ScopeMatcher
{
    private readonly string? _chain;
    private readonly string[] _ipc;
    private readonly IReadOnlySet<string>? _queryMatches;
    private readonly string[] _applicants;

    public ScopeMatcher(ReportScope scope, RegionFilter? region, IReadOnlySet<string>? queryMatches)
    {
        if (scope.HasQuery && queryMatches is null)
            throw new ArgumentException("A scope with a query needs the ids the search engine matched for it.", nameof(queryMatches));
        _chain = string.IsNullOrWhiteSpace(scope.Chain) ? null : scope.Chain.Trim();
        _ipc = scope.Ipc.Select(i => i.Trim().ToUpperInvariant()).Where(i => i.Length > 0).ToArray();
        _queryMatches = scope.HasQuery ? queryMatches : null;
        _applicants = scope.Applicants.Select(a => a.Trim()).Where(a => a.Length > 0).ToArray();
        Region = region;
    }

    public RegionFilter? Region { get; }

    public bool MatchesTechnology(PatentRecord r)
    {
        if (_chain is not null && !HasLabel(r, Search.Indexer.Engine.LabelFacets.Chain, _chain)) return false;
        if (_ipc.Length > 0 && !MatchesIpc(r)) return false;
        if (_applicants.Length > 0 && !MatchesApplicant(r)) return false;
        return _queryMatches is null || _queryMatches.Contains(r.Id);
    }

    internal static bool HasLabel(PatentRecord r, string label, string value)
    {
        if (!r.Labels.TryGetValue(label, out var values)) return false;
        foreach (var v in values)
            if (string.Equals(v, value, StringComparison.Ordinal)) return true;
        return false;
    }

    private bool MatchesIpc(PatentRecord r)
    {
        foreach (var code in r.IpcCodes)
            foreach (var p in _ipc)
                if (code.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }

    private bool MatchesApplicant(PatentRecord r)
    {
        foreach (var a in r.Applicants)
            foreach (var name in _applicants)
                if (a.Name.Contains(name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The subclass of a canonical IPC code without allocating when the code is a subclass already.</summary>
    internal static string? Subclass(string code) => code.Length == 4 ? code : Classification.Subclass(code);
}
