using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Chains;
using JiebaNet.Segmenter;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Matching;

/// <summary>A key term of a need with its weight (TF-IDF); <paramref name="SynonymOf"/> names the need's own term it stands in for.</summary>
public sealed record KeyTerm(string Term, double Weight, string? SynonymOf = null);

/// <summary>What the matcher understood of a need: key terms, structured elements, chains and IPC codes.</summary>
public sealed record NeedProfile(
    IReadOnlyList<KeyTerm> Terms,
    NeedElements Elements,
    IReadOnlyList<ChainAssignment> Chains,
    IReadOnlyList<string> IpcHints);

/// <summary>
/// Reads a need's free text: key terms weighted by TF-IDF (jieba's IDF table for Chinese, title terms
/// counted twice), proposed structured elements (material, method, effect, product, application) by
/// patterns of how Chinese and English technical text names them, and the industry chains the
/// taxonomy's rules find in the text and IPC hints. Thread-safe.
/// </summary>
public sealed partial class NeedAnalyzer
{
    private static readonly Lazy<Dictionary<string, double>> Idf = new(LoadIdf);
    private readonly ChainRules _rules;
    private readonly Lock _gate = new();
    private readonly PatentTextTokenizer _tokenizer;
    private readonly JiebaSegmenter _jieba;

    public NeedAnalyzer(ChainRules rules)
    {
        _rules = rules;
        _tokenizer = new PatentTextTokenizer(); // configures jieba's dictionary folder first
        _jieba = new JiebaSegmenter();
    }

    /// <summary>The most weighty terms kept for retrieval.</summary>
    public int MaxTerms { get; init; } = 12;

    public NeedProfile Analyze(TechnicalNeed need)
    {
        ArgumentNullException.ThrowIfNull(need);
        var elements = need.Elements is { IsEmpty: false } given ? given : ProposeElements(need.Title + "\n" + need.Description);
        var terms = KeyTerms(need, elements);
        var hints = need.IpcHints.Select(Classification.ToFilterLevel).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        var pseudo = new PatentRecord
        {
            PublicationNumber = PatentNumber.FromParts("XX", "0", null),
            Titles = [new LocalizedText("zh", need.Title)],
            Abstracts = [new LocalizedText("zh", need.Description)],
            IpcCodes = [.. hints],
        };
        var chains = _rules.Apply(pseudo).ToList();
        if (need.ChainId is { } chosen)
        {
            chains.RemoveAll(c => c.ChainId == chosen);
            chains.Insert(0, new ChainAssignment(chosen, ChainEvidence.Stated, 1.0, "chosen by the need's author"));
        }
        return new NeedProfile(terms, elements, chains, hints);
    }

    /// <summary>Words of how people write a need (希望, 我司, 成本 …) that say nothing about the technology.</summary>
    private static readonly HashSet<string> NeedStopWords = new(StringComparer.Ordinal)
    {
        "希望", "需要", "需求", "寻求", "寻找", "找到", "我们", "我司", "本公司", "公司", "企业", "现有", "目前", "问题", "成本", "引进", "开发", "技术", "方案",
        "导致", "明显", "严重", "依赖", "人工", "经验", "环节", "稳定", "不稳定", "运营", "位于", "地区", "较高", "过高", "下降", "一成", "能够", "提供",
        "实现", "提高", "提升", "降低", "减少", "改进", "改善", "增加", "解决", "主要", "比较", "非常", "以及", "一家", "生产", "产品", "效率", "质量",
        "want", "need", "needs", "looking", "company", "our", "we", "solution", "solutions", "problem", "problems", "cost", "costs", "improve", "reduce",
    };

    /// <summary>
    /// Words patents use for what needs call by another name (清扫 in a need, 清洗 or 除尘 in a title):
    /// hand-written groups for the city's industries; a need's term brings its group in at half weight.
    /// </summary>
    private static readonly string[][] SynonymGroups =
    [
        ["清扫", "清洁", "清洗", "除尘", "积灰"],
        ["散热", "冷却", "降温", "热管理", "温控"],
        ["加热", "保温", "预热"],
        ["废水", "污水"],
        ["巡检", "检测", "监测"],
        ["烘干", "干燥"],
        ["烧结", "煅烧", "焙烧"],
        ["缓震", "减震", "缓冲", "避震"],
        ["鞋底", "鞋"],
        ["电池包", "电池组", "动力电池"],
        ["无人机", "飞行器"],
        ["机械臂", "机械手", "机器人"],
        ["陶瓷", "瓷"],
        ["茶叶", "茶", "鲜叶"],
        ["cleaning", "washing", "dust"],
        ["cooling", "heat"],
        ["wastewater", "sewage", "effluent"],
    ];

    private List<KeyTerm> KeyTerms(TechnicalNeed need, NeedElements elements)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        void Count(string text, double weight)
        {
            IEnumerable<string> tokens;
            lock (_gate) tokens = _tokenizer.Tokens(text).ToList();
            foreach (var t in tokens.Where(IsUseful))
                counts[t] = counts.GetValueOrDefault(t) + weight;
        }
        Count(need.Title, 2);
        Count(need.Description, 1);
        foreach (var e in elements.All) Count(e, 1);

        var idf = Idf.Value;
        var fallback = idf.Count == 0 ? 10 : 11.7; // jieba's median IDF: an unseen word is as specific as a typical one
        var terms = counts
            .Select(kv => new KeyTerm(kv.Key, kv.Value * (idf.TryGetValue(kv.Key, out var v) ? v : IsLatin(kv.Key) ? 9 : fallback)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
        var have = terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var synonyms = new List<KeyTerm>();
        foreach (var term in terms)
            foreach (var group in SynonymGroups.Where(g => g.Contains(term.Term)))
                foreach (var other in group.Where(have.Add))
                    synonyms.Add(new KeyTerm(other, term.Weight * 0.5, term.Term));
        return [.. terms, .. synonyms];
    }

    private static bool IsUseful(string token) =>
        !NeedStopWords.Contains(token) && (IsLatin(token) ? token.Length >= 3 && !token.All(char.IsAsciiDigit) : token.Length >= 2);

    private static bool IsLatin(string token) => token.All(c => c < 0x2E80);

    /// <summary>Structured elements proposed from the text, for the author to confirm or correct.</summary>
    public NeedElements ProposeElements(string text)
    {
        var s = TextNormalizer.ToHalfWidth(text ?? "");
        List<string> words;
        lock (_gate) words = _jieba.Cut(s).Select(w => w.Trim()).Where(w => w.Length > 0).ToList();

        var materials = Compounds(words, MaterialSuffixes).Concat(EnglishMaterial().Matches(s).Select(m => m.Value.ToLowerInvariant()));
        var products = Compounds(words, ProductSuffixes).Concat(EnglishProduct().Matches(s).Select(m => m.Value.ToLowerInvariant()));
        var methods = Compounds(words, MethodSuffixes).Concat(EnglishMethod().Matches(s).Select(m => m.Groups[1].Value.ToLowerInvariant()));
        var effects = ChineseEffect().Matches(s).Select(m => m.Value)
            .Concat(EnglishEffect().Matches(s).Select(m => m.Value.ToLowerInvariant().Trim()));
        var applications = ChineseApplication().Matches(s).Select(m => m.Groups[1].Value)
            .Concat(EnglishApplication().Matches(s).Select(m => m.Groups[1].Value.ToLowerInvariant().Trim()));

        return new NeedElements
        {
            Materials = Distinct(materials),
            Methods = Distinct(methods),
            Effects = Distinct(effects),
            Products = Distinct(products),
            Applications = Distinct(applications),
        };
    }

    /// <summary>Words ending in one of <paramref name="suffixes"/> (激光焊接工艺), or such a suffix joined to the Chinese word before it (石墨烯 + 涂层).</summary>
    private static IEnumerable<string> Compounds(List<string> words, string[] suffixes)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (suffixes.Contains(w))
            {
                if (i > 0 && words[i - 1].Length >= 1 && words[i - 1].All(c => c >= 0x4E00 && c <= 0x9FFF) && !NeedStopWords.Contains(words[i - 1]))
                    yield return words[i - 1] + w;
                else if (w.Length >= 2) yield return w;
            }
            else if (suffixes.Any(x => w.EndsWith(x, StringComparison.Ordinal) && w.Length > x.Length)) yield return w;
        }
    }

    private static List<string> Distinct(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length >= 2).Distinct(StringComparer.Ordinal).Take(8).ToList();

    private static readonly string[] MaterialSuffixes = ["材料", "合金", "涂层", "纤维", "树脂", "陶瓷", "薄膜", "聚合物", "石墨烯", "凝胶", "粉末", "涂料", "胶粘剂", "复合材料", "电解液", "电解质", "催化剂", "钢"];
    private static readonly string[] ProductSuffixes = ["装置", "设备", "电池", "机器人", "传感器", "芯片", "模组", "模块", "电机", "阀门", "水泵", "机床", "鞋", "鞋底", "服装", "面料", "灯", "终端", "仪", "器件", "组件", "平台", "系统"];
    private static readonly string[] MethodSuffixes = ["方法", "工艺", "技术", "算法", "流程", "制备", "加工", "检测", "控制"];

    [GeneratedRegex(@"(提高|提升|降低|减少|减小|增强|改善|延长|缩短|避免|防止|解决|消除|实现)[^，。；、,.;\s]{1,12}")]
    private static partial Regex ChineseEffect();

    [GeneratedRegex(@"(?:用于|应用于|适用于|面向|服务于)([^，。；、,.;\s]{2,16})")]
    private static partial Regex ChineseApplication();

    [GeneratedRegex(@"\b(?:graphene|alloys?|polymers?|ceramics?|resins?|coatings?|fibers?|fibres?|films?|composites?|steel|electrolytes?|catalysts?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishMaterial();

    [GeneratedRegex(@"\b(?:batter(?:y|ies)|sensors?|robots?|valves?|pumps?|motors?|chips?|modules?|machines?|engines?|shoes?|lamps?|terminals?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishProduct();

    [GeneratedRegex(@"\b(?:method|process|technique)s? (?:for|of) ([a-z]+(?: [a-z]+){0,2})", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishMethod();

    [GeneratedRegex(@"\b(?:improv|increas|reduc|decreas|enhanc|prevent|avoid|extend|lower|lessen|eliminat)\w* (?:the )?[a-z]+(?: [a-z]+)?", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishEffect();

    [GeneratedRegex(@"\b(?:for use in|used in|applied to|applicable to|suitable for) ([a-z]+(?: [a-z]+){0,2})", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishApplication();

    /// <summary>jieba's IDF table (word, IDF), shipped in its Resources folder beside the binaries.</summary>
    private static Dictionary<string, double> LoadIdf()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Resources", "idf.txt");
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(path)) return idf;
        foreach (var line in File.ReadLines(path))
        {
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                idf[line[..space]] = v;
        }
        return idf;
    }
}
