using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analytics.Taxonomy;

/// <summary>
/// The industry taxonomy the product ships and operators edit (<c>Taxonomy/taxonomy.json</c>): the
/// city's industry chains, each defined by IPC patterns with exclusions, links to strategic emerging
/// industries and Chinese and English keywords; and CNIPA's strategic emerging industries (9 first
/// level, 40 second level) with their IPC rules. WIPO's 35 technology fields are the finer, separate
/// view (<see cref="TechnologyFields.TechnologyFieldConcordance"/>).
/// </summary>
public sealed partial class IndustryTaxonomy
{
    private static readonly Lazy<IndustryTaxonomy> Shipped = new(LoadShipped);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private IndustryTaxonomy(string version, IReadOnlyList<IndustryChain> chains, IReadOnlyList<StrategicIndustry> industries)
    {
        Version = version;
        Chains = chains;
        Industries = industries;
        SubIndustries = industries.SelectMany(i => i.SubIndustries).ToList();
        foreach (var sub in SubIndustries)
            foreach (var rule in sub.Rules)
                foreach (var p in rule.Patterns)
                    SeiPatterns.Add(p, rule);
    }

    /// <summary>Version string of the taxonomy file; labels and models record it.</summary>
    public string Version { get; }
    public IReadOnlyList<IndustryChain> Chains { get; }
    /// <summary>The 9 first-level strategic emerging industries.</summary>
    public IReadOnlyList<StrategicIndustry> Industries { get; }
    /// <summary>The 40 second-level strategic emerging industries.</summary>
    public IReadOnlyList<StrategicSubIndustry> SubIndustries { get; }
    internal IpcPatternIndex<SeiRule> SeiPatterns { get; } = new();

    /// <summary>The taxonomy compiled into Analytics (a copy of <c>taxonomy.json</c> as it was built).</summary>
    public static IndustryTaxonomy Default => Shipped.Value;

    public IndustryChain? Chain(string id) => Chains.FirstOrDefault(c => c.Id == id);

    /// <summary>The name of chain <paramref name="id"/> in <paramref name="culture"/>'s language, or the id itself when the taxonomy has no such chain.</summary>
    public string ChainName(string id, CultureInfo culture) => Chain(id)?.Name(culture) ?? id;

    /// <summary>The name of chain <paramref name="id"/> in the current UI language, or the id itself when unknown.</summary>
    public string ChainName(string id) => ChainName(id, CultureInfo.CurrentUICulture);

    /// <summary>Every chain's id and name in the current UI language, in the taxonomy's order (the lists users choose from).</summary>
    public IEnumerable<(string Id, string Name)> ChainNames() => Chains.Select(c => (c.Id, c.Name(CultureInfo.CurrentUICulture)));

    public StrategicSubIndustry? SubIndustry(string code) => SubIndustries.FirstOrDefault(s => s.Code == code);

    /// <summary>The strategic emerging industries whose rules cover one of <paramref name="ipcCodes"/> (exclusions applied), one match per sub-industry.</summary>
    public IReadOnlyList<SeiMatch> MatchSei(IEnumerable<string> ipcCodes)
    {
        var codes = ParseAll(ipcCodes);
        var result = new List<SeiMatch>();
        foreach (var (raw, parts) in codes)
        {
            foreach (var (pattern, rule) in SeiPatterns.Matches(parts))
            {
                if (result.Any(m => m.SubIndustry == rule.SubIndustry) || rule.Excludes(parts)) continue;
                result.Add(new SeiMatch(rule.SubIndustry, rule.Number, raw, pattern.Text));
            }
        }
        return result;
    }

    internal static List<(string Raw, IpcParts Parts)> ParseAll(IEnumerable<string> ipcCodes)
    {
        var list = new List<(string, IpcParts)>();
        foreach (var c in ipcCodes)
            if (IpcParts.TryParse(c, out var p)) list.Add((c, p));
        return list;
    }

    public static IndustryTaxonomy LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Reads and checks a taxonomy file; every problem is named with its place in the file.</summary>
    public static IndustryTaxonomy Load(Stream stream, string sourceName)
    {
        TaxonomyFile file;
        try
        {
            file = JsonSerializer.Deserialize<TaxonomyFile>(stream, Json) ?? throw new InvalidDataException($"{sourceName}: the file is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not a taxonomy file: {e.Message}", e);
        }
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version)) problems.Add("'version' is missing");

        var industries = new List<StrategicIndustry>();
        foreach (var i in file.StrategicEmergingIndustries?.Industries ?? [])
        {
            var subs = new List<StrategicSubIndustry>();
            var industry = new StrategicIndustry(i.Code, i.NameZh, i.NameEn, subs);
            foreach (var s in i.SubIndustries ?? [])
            {
                var rules = new List<SeiRule>();
                var sub = new StrategicSubIndustry(s.Code, s.NameZh, s.NameEn, industry, rules);
                var n = 0;
                foreach (var r in s.Rules ?? [])
                {
                    n++;
                    var where = $"strategic industry {s.Code} rule {n}";
                    rules.Add(new SeiRule(sub, n, Patterns(r.Patterns, where, problems), Patterns(r.Exclusions, where + " exclusions", problems), r.Keywords ?? []));
                }
                subs.Add(sub);
            }
            industries.Add(industry);
        }
        var subCodes = industries.SelectMany(i => i.SubIndustries).ToDictionary(s => s.Code, StringComparer.Ordinal);

        var chains = new List<IndustryChain>();
        foreach (var c in file.Chains ?? [])
        {
            var where = $"chain '{c.Id}'";
            if (string.IsNullOrWhiteSpace(c.Id) || !ChainId().IsMatch(c.Id)) problems.Add($"{where}: 'id' must be lower-case letters, digits and '-'");
            if (chains.Any(x => x.Id == c.Id)) problems.Add($"{where}: the id is used twice");
            if (string.IsNullOrWhiteSpace(c.NameZh) || string.IsNullOrWhiteSpace(c.NameEn)) problems.Add($"{where}: 'nameZh' and 'nameEn' are required");
            var sei = new List<StrategicSubIndustry>();
            foreach (var code in c.Sei ?? [])
            {
                if (subCodes.TryGetValue(code, out var s)) sei.Add(s);
                else problems.Add($"{where}: strategic industry '{code}' does not exist");
            }
            var ipc = Patterns(c.Ipc, where, problems);
            if (ipc.Count == 0 && sei.Count == 0 && (c.KeywordsZh ?? []).Count == 0 && (c.KeywordsEn ?? []).Count == 0)
                problems.Add($"{where}: needs IPC patterns, strategic industries or keywords");
            chains.Add(new IndustryChain(c.Id ?? "", c.NameZh ?? "", c.NameEn ?? "", c.Group ?? "", ipc, Patterns(c.Exclude, where + " exclusions", problems), sei,
                (c.KeywordsZh ?? []).Where(k => k.Length > 0).ToList(), (c.KeywordsEn ?? []).Where(k => k.Length > 0).Select(k => k.ToLowerInvariant()).ToList()));
        }
        if (chains.Count == 0) problems.Add("no chains");
        if (problems.Count > 0)
            throw new InvalidDataException($"{sourceName}: {problems.Count} problem(s): " + string.Join("; ", problems));
        return new IndustryTaxonomy(file.Version!, chains, industries);
    }

    private static List<IpcPattern> Patterns(List<string>? raw, string where, List<string> problems)
    {
        var list = new List<IpcPattern>();
        foreach (var r in raw ?? [])
        {
            if (IpcPattern.TryParse(r, out var p, out var error)) list.Add(p!);
            else problems.Add($"{where}: {error}");
        }
        return list;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ChainId();

    private static IndustryTaxonomy LoadShipped()
    {
        using var stream = typeof(IndustryTaxonomy).Assembly.GetManifestResourceStream("taxonomy.json")
            ?? throw new InvalidOperationException("The resource taxonomy.json is missing from Analytics.");
        return Load(stream, "taxonomy.json (shipped)");
    }

    private sealed class TaxonomyFile
    {
        public string? Version { get; set; }
        public List<ChainEntry>? Chains { get; set; }
        public SeiSection? StrategicEmergingIndustries { get; set; }
    }

    private sealed class ChainEntry
    {
        public string? Id { get; set; }
        public string? NameZh { get; set; }
        public string? NameEn { get; set; }
        public string? Group { get; set; }
        public List<string>? Ipc { get; set; }
        public List<string>? Exclude { get; set; }
        public List<string>? Sei { get; set; }
        public List<string>? KeywordsZh { get; set; }
        public List<string>? KeywordsEn { get; set; }
    }

    private sealed class SeiSection
    {
        public List<SeiIndustryEntry>? Industries { get; set; }
    }

    private sealed class SeiIndustryEntry
    {
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public List<SeiSubEntry>? SubIndustries { get; set; }
    }

    private sealed class SeiSubEntry
    {
        public string Code { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public List<SeiRuleEntry>? Rules { get; set; }
    }

    private sealed class SeiRuleEntry
    {
        public List<string>? Patterns { get; set; }
        public List<string>? Exclusions { get; set; }
        public List<string>? Keywords { get; set; }
    }
}

/// <summary>One industry chain (产业链) of the city, as the taxonomy file defines it.</summary>
public sealed record IndustryChain(
    string Id, string NameZh, string NameEn, string Group,
    IReadOnlyList<IpcPattern> Ipc, IReadOnlyList<IpcPattern> Exclude, IReadOnlyList<StrategicSubIndustry> Sei,
    IReadOnlyList<string> KeywordsZh, IReadOnlyList<string> KeywordsEn)
{
    /// <summary>The name in <paramref name="culture"/>'s language: English for English, Chinese for every other (the taxonomy carries these two).</summary>
    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? NameEn : NameZh;

    /// <summary>True when <paramref name="code"/> falls under one of <see cref="Exclude"/>.</summary>
    public bool Excludes(in IpcParts code)
    {
        foreach (var p in Exclude)
            if (p.Matches(code)) return true;
        return false;
    }
}

/// <summary>A first-level strategic emerging industry (战略性新兴产业大类).</summary>
public sealed record StrategicIndustry(string Code, string NameZh, string NameEn, IReadOnlyList<StrategicSubIndustry> SubIndustries);

/// <summary>A second-level strategic emerging industry (中类) with its IPC rules.</summary>
public sealed record StrategicSubIndustry(string Code, string NameZh, string NameEn, StrategicIndustry Industry, IReadOnlyList<SeiRule> Rules)
{
    public override string ToString() => $"{Code} {NameZh}";
}

/// <summary>One IPC block of the concordance: patterns, the exclusions that apply to them, a keyword summary.</summary>
public sealed class SeiRule(StrategicSubIndustry subIndustry, int number, IReadOnlyList<IpcPattern> patterns, IReadOnlyList<IpcPattern> exclusions, IReadOnlyList<string> keywords)
{
    public StrategicSubIndustry SubIndustry { get; } = subIndustry;
    public int Number { get; } = number;
    public IReadOnlyList<IpcPattern> Patterns { get; } = patterns;
    public IReadOnlyList<IpcPattern> Exclusions { get; } = exclusions;
    public IReadOnlyList<string> Keywords { get; } = keywords;

    public bool Excludes(in IpcParts code)
    {
        foreach (var p in Exclusions)
            if (p.Matches(code)) return true;
        return false;
    }
}

/// <summary>Why a patent is in a strategic emerging industry: which IPC code matched which pattern of which rule.</summary>
public sealed record SeiMatch(StrategicSubIndustry SubIndustry, int Rule, string IpcCode, string Pattern)
{
    public string Reason => Explanation.ToString();

    /// <summary>The reason as a phrase the web translates; the sub-industry keeps its Chinese name, as the catalogue has no other.</summary>
    public Phrase Explanation => Phrase.Of("SEI {0} {1}: {2} matches {3} (rule {4})",
        SubIndustry.Code, SubIndustry.NameZh, IpcCode, Pattern, Rule.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
