using Analytics.Chains;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>
/// The "more like this" query of a record, in the product's query syntax: its most telling words
/// (jieba for Chinese, drafting boilerplate dropped, title words counted twice) and its main IPC group,
/// ORed so that a patent sharing more of them ranks higher.
/// </summary>
public static class MoreLikeThis
{
    public const int MaxTerms = 10;

    // jieba's segmenter is not documented as thread-safe: one tokenizer per thread.
    private static readonly ThreadLocal<PatentTextTokenizer> Tokenizers = new(() => new PatentTextTokenizer());

    public static string? QueryFor(PatentRecord record)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokenizer = Tokenizers.Value!;
        foreach (var t in record.Titles)
            foreach (var w in tokenizer.Tokens(t.Text)) Add(weights, w, 2);
        foreach (var a in record.Abstracts)
            foreach (var w in tokenizer.Tokens(a.Text.Length > 200 ? a.Text[..200] : a.Text)) Add(weights, w, 1);

        var clauses = weights
            .Where(kv => kv.Key.Length >= 2 && !kv.Key.All(char.IsAsciiDigit))
            .OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(kv => $"\"{kv.Key.Replace("\"", "", StringComparison.Ordinal)}\"")
            .ToList();
        if (record.IpcCodes.Count > 0 && MainGroup(record.IpcCodes[0]) is var group && Classification.ToFilterLevel(group) is not null)
            clauses.Add("ipc:" + group);
        return clauses.Count == 0 ? null : string.Join(" OR ", clauses);
    }

    private static void Add(Dictionary<string, int> weights, string word, int weight) =>
        weights[word] = weights.GetValueOrDefault(word) + weight;

    /// <summary>H01M10/0525 → H01M10.</summary>
    private static string MainGroup(string code) => code.Split('/')[0];
}
