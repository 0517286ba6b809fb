using System.Text;
using JiebaNet.Segmenter;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Chains;

/// <summary>
/// Turns Chinese and English patent text into space-separated tokens, because ML.NET's text
/// featuriser splits on spaces only: Chinese runs are segmented into words by jieba, Latin runs are
/// lower-cased words. Drafting boilerplate that says nothing about the technology (一种, 方法, 装置,
/// "method", "apparatus") is dropped so that features and sub-topic names carry meaning.
/// One instance per thread: jieba's segmenter is not documented as thread-safe.
/// </summary>
public sealed class PatentTextTokenizer
{
    private static readonly Lock InitLock = new();
    private static bool _configured;

    // 专利文书里的套话: words in almost every title that name no technology.
    private static readonly HashSet<string> ChineseStopWords = new(StringComparer.Ordinal)
    {
        "一种", "及其", "方法", "装置", "系统", "设备", "用于", "基于", "具有", "以及", "一体", "包括", "所述", "其中", "制备", "应用", "及", "其", "的", "和", "与",
        "或", "在", "于", "用", "等", "一", "种", "为", "及该", "该", "由", "对", "将", "可", "中", "上", "下", "内", "式", "型", "新型", "结构", "组件", "机构",
        "一个", "多个", "使用", "实现", "相关", "提供", "本发明", "本实用新型", "涉及", "进行", "通过", "能够", "可以",
    };

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "by", "from", "at", "as", "is", "are", "be", "its", "their", "this", "that",
        "method", "methods", "apparatus", "device", "devices", "system", "systems", "thereof", "same", "using", "use", "used", "based", "having", "such",
        "wherein", "which", "said", "comprising", "includes", "including", "means", "process", "producing", "manufacturing",
        "between", "provided", "formed", "first", "second", "third", "least", "one", "two", "plurality", "each", "into", "within", "configured",
        "has", "have", "can", "may", "not", "also", "other", "than", "then", "when", "where", "while", "such", "via", "so", "it", "there",
    };

    private readonly JiebaSegmenter _jieba;
    private readonly bool _segmentChinese;

    /// <param name="segmentChinese">False keeps every Chinese run whole (the evaluation's "without segmentation" baseline).</param>
    public PatentTextTokenizer(bool segmentChinese = true)
    {
        Configure();
        _jieba = new JiebaSegmenter();
        _segmentChinese = segmentChinese;
    }

    /// <summary>jieba reads its dictionary from a folder named by a static setting; point it at the copy beside the binaries.</summary>
    private static void Configure()
    {
        lock (InitLock)
        {
            if (_configured) return;
            var folder = Path.Combine(AppContext.BaseDirectory, "Resources");
            if (!File.Exists(Path.Combine(folder, "dict.txt")))
                throw new InvalidOperationException($"jieba's dictionary is missing from {folder}: the Analytics build copies it there from the jieba.NET package.");
            ConfigManager.ConfigFileBaseDir = folder;
            _configured = true;
        }
    }

    /// <summary>The tokens of a patent's titles and (the start of) its abstracts, space-separated.</summary>
    public string Tokenize(PatentRecord record, int abstractChars = 200)
    {
        var sb = new StringBuilder();
        foreach (var t in record.Titles) AppendTokens(sb, t.Text);
        foreach (var a in record.Abstracts) AppendTokens(sb, a.Text.Length > abstractChars ? a.Text[..abstractChars] : a.Text);
        return sb.ToString();
    }

    /// <summary>
    /// The tokens of a record's titles, abstracts and first claims, each abstract and claim cut to <paramref name="bodyChars"/>
    /// characters (0: whole): one segmentation serves the classifiers (title weighted) and the sub-topics.
    /// </summary>
    public TokenizedText Parts(PatentRecord record, int bodyChars)
    {
        ArgumentNullException.ThrowIfNull(record);
        var title = new StringBuilder();
        foreach (var t in record.Titles) AppendTokens(title, t.Text);
        var abstracts = new StringBuilder();
        foreach (var a in record.Abstracts) AppendTokens(abstracts, Cut(a.Text, bodyChars));
        var claims = new StringBuilder();
        foreach (var c in record.FirstClaims) AppendTokens(claims, Cut(c.Text, bodyChars));
        return new TokenizedText(title.ToString(), abstracts.ToString(), claims.ToString());
    }

    private static string Cut(string text, int chars) => chars > 0 && text.Length > chars ? text[..chars] : text;

    public string Tokenize(string text)
    {
        var sb = new StringBuilder();
        AppendTokens(sb, text);
        return sb.ToString();
    }

    public IEnumerable<string> Tokens(string text) => Tokenize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private void AppendTokens(StringBuilder sb, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var s = TextNormalizer.ToHalfWidth(text);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (IsCjk(c))
            {
                var start = i;
                while (i < s.Length && IsCjk(s[i])) i++;
                var run = s[start..i];
                if (_segmentChinese)
                {
                    foreach (var w in _jieba.Cut(run, cutAll: false, hmm: true))
                        if (!ChineseStopWords.Contains(w)) Append(sb, w);
                }
                else
                {
                    Append(sb, run);
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-')) i++;
                var word = s[start..i].Trim('-').ToLowerInvariant();
                if (word.Length > 1 && !EnglishStopWords.Contains(word)) Append(sb, word);
            }
            else
            {
                i++;
            }
        }
    }

    private static void Append(StringBuilder sb, string token)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(token);
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';
}

/// <summary>A record's tokens by part, space-separated.</summary>
public sealed record TokenizedText(string Title, string Abstract, string Claim)
{
    /// <summary>
    /// What a classifier reads: the title's tokens <paramref name="titleWeight"/> times, then (as <paramref name="text"/>
    /// asks) the abstract's and the first claim's, so that the title weighs more than the longer texts after it.
    /// </summary>
    public string Weighted(int titleWeight, Evaluation.EvaluationText text = Evaluation.EvaluationText.All)
    {
        var parts = Enumerable.Repeat(Title, Math.Max(1, titleWeight)).ToList();
        if (text >= Evaluation.EvaluationText.TitleAbstract) parts.Add(Abstract);
        if (text >= Evaluation.EvaluationText.All) parts.Add(Claim);
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    /// <summary>Titles and abstracts once each: what the sub-topic clusterings read.</summary>
    public string TitleAndAbstract => Abstract.Length == 0 ? Title : Title.Length == 0 ? Abstract : Title + " " + Abstract;
}
