using JiebaNet.Segmenter.PosSeg;

namespace Analytics.Chains;

/// <summary>
/// Names sub-topics by class-based TF-IDF (c-TF-IDF, Grootendorst 2022): a term's frequency in the cluster
/// (normalised by the cluster's word count) × log(1 + mean words per cluster / the term's frequency across all
/// clusters). Only whole words qualify: generic drafting words and fragments that jieba's HMM glued to a particle
/// (的鞋底, 在组件, 或设备) and numerals (万块) are left out, and a term inside an already chosen one adds nothing.
/// </summary>
public static class SubTopicNames
{
    // Parts of speech in jieba's dictionary that never name a technology: numerals and measure words (万块), prepositions,
    // conjunctions, particles, pronouns, adverbs, interjections, onomatopoeia, locality and time words.
    private static readonly HashSet<string> FunctionTags = new(StringComparer.Ordinal)
    {
        "m", "mq", "q", "p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "rr", "rz", "d", "e", "y", "o", "f", "t", "tg",
    };

    // jieba reads its dictionary from the folder the tokenizer configures, so one is made first; one tagger per thread.
    private static readonly ThreadLocal<PosSegmenter> Tagger = new(() =>
    {
        _ = new PatentTextTokenizer();
        return new PosSegmenter();
    });

    // Words of patent drafting that name no technology; the tokenizer keeps them for the classifier, a name must not show them.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "所述", "设置", "设有", "连接", "包括", "主体", "本体", "表面", "一端", "另一端", "两端", "端部", "一侧", "两侧", "内部", "外部", "底部", "顶部",
        "采用", "得到", "具有", "位于", "固定", "安装", "部分", "以上", "之间", "上述", "技术", "解决", "问题", "目的", "有效", "提高", "降低", "效果",
        "简单", "方便", "能够", "同时", "分别", "相应", "对应", "形成", "作用", "进一步", "至少", "通过", "用于", "根据", "利用", "以便", "从而", "使得",
        "实施", "实施例", "公开", "属于", "领域", "本申请", "所示", "设于", "相连", "连通", "一种", "优点", "特点", "工作", "使用", "进行", "单元", "模块",
        "wherein", "comprises", "comprise", "configured", "disclosed", "provides", "invention", "embodiment", "present", "portion", "member", "body", "surface",
    };

    /// <summary>Whether <paramref name="term"/> may name a sub-topic: a whole, meaningful word of two Chinese characters or three Latin letters at least.</summary>
    public static bool IsNameable(string term)
    {
        if (string.IsNullOrEmpty(term) || Generic.Contains(term)) return false;
        if (term.All(char.IsAsciiLetterOrDigit) || term.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return term.Length >= 3 && term.Any(char.IsAsciiLetter);
        if (term.Length < 2 || !term.All(IsCjk)) return false;
        // A whole word is one word to jieba's tagger: 的鞋底 comes back as 的 + 鞋底, 在组件 as 在 + 组件, and 万块 is tagged a numeral.
        var parts = Tagger.Value!.Cut(term).ToList();
        return parts.Count == 1 && !FunctionTags.Contains(parts[0].Flag);
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    /// <summary>The sub-topics of <paramref name="chain"/>, each named by its <paramref name="terms"/> most distinctive words.</summary>
    public static List<SubTopic> Name(string chain, IReadOnlyList<PatentTextRow> rows, int[] clusters, int k, int terms)
    {
        var frequency = Enumerable.Range(0, k).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var documents = Enumerable.Range(0, k).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var words = new long[k];
        var sizes = new int[k];
        var across = new Dictionary<string, long>(StringComparer.Ordinal);
        var nameable = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var c = clusters[i];
            if (c < 0 || c >= k) continue;
            sizes[c]++;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in rows[i].Tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[c]++;
                if (!nameable.TryGetValue(t, out var ok)) nameable[t] = ok = IsNameable(t);
                if (!ok) continue;
                frequency[c][t] = frequency[c].GetValueOrDefault(t) + 1;
                across[t] = across.GetValueOrDefault(t) + 1;
                if (seen.Add(t)) documents[c][t] = documents[c].GetValueOrDefault(t) + 1;
            }
        }
        var meanWords = (double)words.Sum() / Math.Max(1, k);
        var result = new List<SubTopic>(k);
        for (var c = 0; c < k; c++)
        {
            var total = Math.Max(1, words[c]);
            var minDocuments = Math.Min(2, sizes[c]);
            var ranked = frequency[c]
                .Where(kv => documents[c][kv.Key] >= minDocuments)
                .Select(kv => (Term: kv.Key, Score: (double)kv.Value / total * Math.Log(1 + meanWords / across[kv.Key])))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Term, StringComparer.Ordinal);
            var chosen = new List<string>(terms);
            foreach (var (term, _) in ranked)
            {
                if (chosen.Count == terms) break;
                if (chosen.Any(t => t.Contains(term, StringComparison.Ordinal) || term.Contains(t, StringComparison.Ordinal))) continue;
                chosen.Add(term);
            }
            result.Add(new SubTopic(chain, c, chosen, sizes[c]));
        }
        return result;
    }
}
