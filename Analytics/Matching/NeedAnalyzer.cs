using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Chains;
using JiebaNet.Segmenter.PosSeg;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Matching;

/// <summary>
/// A key term of a need with its weight (TF-IDF); <paramref name="SynonymOf"/> names the need's own term a related
/// word (mined from the corpus by <see cref="MatchingModel"/>) stands in for.
/// </summary>
public sealed record KeyTerm(string Term, double Weight, string? SynonymOf = null);

/// <summary>What the matcher understood of a need: key terms, structured elements, chains and IPC codes.</summary>
public sealed record NeedProfile(
    IReadOnlyList<KeyTerm> Terms,
    NeedElements Elements,
    IReadOnlyList<ChainAssignment> Chains,
    IReadOnlyList<string> IpcHints)
{
    /// <summary>The IPC subclass the matching model's classifier reads in the need's text, with its probability; empty without a model.</summary>
    public IReadOnlyList<ClassifiedLabel> PredictedIpc { get; init; } = [];
}

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
    private readonly PosSegmenter _pos;

    public NeedAnalyzer(ChainRules rules)
    {
        _rules = rules;
        _ = new PatentTextTokenizer(); // configures jieba's dictionary folder first
        _pos = new PosSegmenter();
    }

    /// <summary>The most weighty terms kept for retrieval.</summary>
    public int MaxTerms { get; init; } = 12;

    /// <summary>Own key terms whose related words a model adds, and how many each brings.</summary>
    public int ExpandedTerms { get; init; } = 6;
    public int RelatedPerTerm { get; init; } = 3;

    /// <param name="model">The index's matching model: adds related words (marked <see cref="KeyTerm.SynonymOf"/>) and the IPC
    /// subclass its classifier reads in the text; without one the need is read from its own words and hints only.</param>
    public NeedProfile Analyze(TechnicalNeed need, MatchingModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(need);
        var elements = need.Elements is { IsEmpty: false } given ? given : ProposeElements(need.Title + "\n" + need.Description);
        var terms = KeyTerms(need, elements);
        var hints = need.IpcHints.Select(Classification.ToFilterLevel).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<ClassifiedLabel> predicted = [];
        if (model is not null)
        {
            terms = [.. terms, .. Related(terms, model)];
            if (model.PredictSubclass(need.Title + "\n" + need.Description) is { } subclass) predicted = [subclass];
        }

        var pseudo = new PatentRecord
        {
            PublicationNumber = PatentNumber.FromParts("XX", "0", null),
            Titles = [new LocalizedText("zh", need.Title)],
            Abstracts = [new LocalizedText("zh", need.Description)],
            // The predicted subclass lets the taxonomy's code rules name the need's chain, as they do for a patent.
            IpcCodes = [.. hints, .. predicted.Select(p => p.Label)],
        };
        var chains = _rules.Apply(pseudo).ToList();
        if (need.ChainId is { } chosen)
        {
            chains.RemoveAll(c => c.ChainId == chosen);
            chains.Insert(0, new ChainAssignment(chosen, ChainEvidence.Stated, 1.0, "chosen by the need's author"));
        }
        return new NeedProfile(terms, elements, chains, hints) { PredictedIpc = predicted };
    }

    /// <summary>Words the corpus ties to the strongest own terms, weighted by the term's weight times their tie (normalised PMI).</summary>
    private List<KeyTerm> Related(List<KeyTerm> own, MatchingModel model)
    {
        var have = own.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var related = new List<KeyTerm>();
        foreach (var term in own.Take(ExpandedTerms))
            foreach (var r in model.Related(term.Term).Where(r => !FunctionWords.Contains(r.Term) && have.Add(r.Term)).Take(RelatedPerTerm))
                related.Add(new KeyTerm(r.Term, term.Weight * r.Strength, term.Term));
        return related;
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
    /// Function words and fragments jieba can return as words of two or more characters, or with a content tag
    /// by mistake: they must neither be key terms nor start a compound element (在组件, 的鞋底, 或设备).
    /// </summary>
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "的", "地", "得", "在", "或", "和", "与", "及", "等", "并", "而", "且", "把", "被", "从", "向", "对", "将", "以", "用", "为", "于", "由", "使", "让",
        "可", "能", "会", "要", "想", "也", "都", "又", "还", "就", "才", "再", "很", "更", "最", "太", "较", "约", "每", "各", "该", "其", "此", "这", "那",
        "万", "亿", "千", "百", "块", "元", "个", "次", "年", "月", "天", "种", "些", "多", "少", "大", "小", "高", "低", "新", "好",
        "或者", "以及", "并且", "而且", "但是", "因为", "所以", "如果", "虽然", "然后", "同时", "其中", "这些", "那些", "这种", "一些", "一种", "一个", "目前",
        "已经", "正在", "一直", "比较", "非常", "可以", "能够", "进行", "通过", "对于", "关于", "之后", "以上", "以下", "左右", "万块", "万元", "一年", "每年",
        "the", "and", "for", "with", "that", "this", "from", "into", "our", "are", "can", "has", "have", "which", "who", "not", "but", "also", "than", "then",
    };

    /// <summary>
    /// jieba's part-of-speech tags of words that can name technology: nouns, verbs, adjectives, distinguishing words
    /// (小型), idioms and abbreviations, Latin words. Numerals (万块), measure words, pronouns, prepositions,
    /// conjunctions, particles, adverbs, locality and time words are left out.
    /// </summary>
    private static bool IsContentTag(string flag) =>
        flag.Length > 0 && (flag[0] is 'n' or 'v' or 'a' or 'b' or 'l' or 'i' or 'j' or 'g' || flag == "eng") && flag != "vshi" && flag != "vyou";

    /// <summary>The need's words as jieba tags them (half-width, Latin lower-cased), one call at a time.</summary>
    private List<(string Word, string Flag)> Tagged(string text)
    {
        var s = TextNormalizer.ToHalfWidth(text ?? "");
        lock (_gate)
            return _pos.Cut(s).Select(p => (Word: p.Word.Trim(), p.Flag))
                .Where(p => p.Word.Length > 0)
                .Select(p => IsLatin(p.Word) ? (p.Word.ToLowerInvariant(), p.Flag) : p).ToList();
    }

    /// <summary>A word that can be a key term: a content word of two or more characters (three for Latin), not a function or boilerplate word.</summary>
    private static bool IsTermWord(string word, string flag) =>
        !FunctionWords.Contains(word) && !NeedStopWords.Contains(word) && !PatentBoilerplate.Contains(word) && IsContentTag(flag)
        && (IsLatin(word) ? word.Length >= 3 && word.Any(char.IsAsciiLetter) : word.Length >= 2 && word.All(IsCjk));

    /// <summary>Words of drafting that name no technology in a need either (the tokenizer drops the same from patents).</summary>
    private static readonly HashSet<string> PatentBoilerplate = new(StringComparer.Ordinal)
    {
        "方法", "装置", "系统", "设备", "结构", "组件", "机构", "基于", "具有", "包括", "使用", "相关", "用于", "新型",
        "method", "apparatus", "device", "system", "using", "based",
    };

    private List<KeyTerm> KeyTerms(TechnicalNeed need, NeedElements elements)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        void Count(string text, double weight)
        {
            foreach (var (word, _) in Tagged(text).Where(p => IsTermWord(p.Word, p.Flag)))
                counts[word] = counts.GetValueOrDefault(word) + weight;
        }
        Count(need.Title, 2);
        Count(need.Description, 1);
        // An element is a phrase the author confirmed (or the analyzer proposed): its words count once more.
        foreach (var e in elements.All) Count(e, 1);

        var idf = Idf.Value;
        var fallback = idf.Count == 0 ? 10 : 11.7; // jieba's median IDF: an unseen word is as specific as a typical one
        return counts
            .Select(kv => new KeyTerm(kv.Key, kv.Value * (idf.TryGetValue(kv.Key, out var v) ? v : IsLatin(kv.Key) ? 9 : fallback)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    private static bool IsLatin(string token) => token.All(c => c < 0x2E80);

    /// <summary>Structured elements proposed from the text, for the author to confirm or correct.</summary>
    public NeedElements ProposeElements(string text)
    {
        var s = TextNormalizer.ToHalfWidth(text ?? "");
        var words = Tagged(s);

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

    /// <summary>
    /// Words ending in one of <paramref name="suffixes"/> (激光焊接工艺), or such a suffix joined to the Chinese content word
    /// before it (石墨烯 + 涂层); a function word, numeral or pronoun before it is no part of the element (在 + 组件 gives 组件).
    /// </summary>
    private static IEnumerable<string> Compounds(List<(string Word, string Flag)> words, string[] suffixes)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var (w, flag) = words[i];
            if (FunctionWords.Contains(w) || !IsContentTag(flag) && !suffixes.Contains(w)) continue;
            if (suffixes.Contains(w))
            {
                if (i > 0 && words[i - 1].Word.All(IsCjk) && IsContentWord(words[i - 1].Word, words[i - 1].Flag))
                    yield return words[i - 1].Word + w;
                else if (w.Length >= 2) yield return w;
            }
            else if (suffixes.Any(x => w.EndsWith(x, StringComparison.Ordinal) && w.Length > x.Length)) yield return w;
        }
    }

    private static bool IsContentWord(string word, string flag) =>
        !FunctionWords.Contains(word) && !NeedStopWords.Contains(word) && IsContentTag(flag);

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
