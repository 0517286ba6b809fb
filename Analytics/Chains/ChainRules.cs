using Analytics.Taxonomy;
using Search.Indexer.Records;

namespace Analytics.Chains;

/// <summary>Where a chain label came from.</summary>
public enum ChainEvidence
{
    /// <summary>One of the chain's own IPC patterns.</summary>
    Ipc,
    /// <summary>A strategic emerging industry the chain draws on.</summary>
    Sei,
    /// <summary>A keyword in the title or abstract.</summary>
    Keyword,
    /// <summary>The classifier trained on the rule labels.</summary>
    Model,
    /// <summary>Stated by a person, e.g. the author of a technical need.</summary>
    Stated,
}

/// <summary>A chain a patent serves, with the evidence, how sure the product is (0–1) and a reason a person can check.</summary>
/// <param name="Reason">Why, in English (stored with the label and printed by the command line).</param>
/// <param name="Explanation">The same reason as a phrase the web translates; null where it has none.</param>
public sealed record ChainAssignment(string ChainId, ChainEvidence Source, double Confidence, string Reason, Phrase? Explanation = null);

/// <summary>
/// The rule half of chain assignment: IPC patterns (with exclusions), strategic emerging industries
/// and keywords from the taxonomy. Rules are the seeds the classifier learns from, and every label
/// they give names the code, pattern or keyword that made it.
/// </summary>
public sealed class ChainRules
{
    /// <summary>Confidence of a rule label; IPC and keyword together make a label certain.</summary>
    public const double MainIpcConfidence = 0.95, OtherIpcConfidence = 0.85, SeiConfidence = 0.8, KeywordConfidence = 0.6;

    private readonly IndustryTaxonomy _taxonomy;
    private readonly IpcPatternIndex<IndustryChain> _patterns = new();

    public ChainRules(IndustryTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        foreach (var chain in taxonomy.Chains)
            foreach (var p in chain.Ipc)
                _patterns.Add(p, chain);
    }

    public IndustryTaxonomy Taxonomy => _taxonomy;

    /// <summary>The chains the rules find, strongest first (one assignment per chain).</summary>
    public IReadOnlyList<ChainAssignment> Apply(PatentRecord record)
    {
        var found = new Dictionary<string, ChainAssignment>(StringComparer.Ordinal);
        var codes = IndustryTaxonomy.ParseAll(record.IpcCodes);
        for (var i = 0; i < codes.Count; i++)
        {
            var (raw, parts) = codes[i];
            foreach (var (pattern, chain) in _patterns.Matches(parts))
            {
                if (chain.Excludes(parts)) continue;
                var confidence = i == 0 ? MainIpcConfidence : OtherIpcConfidence;
                if (!found.TryGetValue(chain.Id, out var existing) || existing.Confidence < confidence)
                    found[chain.Id] = new ChainAssignment(chain.Id, ChainEvidence.Ipc, confidence, $"IPC {raw} matches {pattern.Text}",
                        Phrase.Of(i == 0 ? "main IPC {0} matches the chain's pattern {1}" : "IPC {0} matches the chain's pattern {1}", raw, pattern.Text));
            }
        }
        if (_taxonomy.Chains.Any(c => c.Sei.Count > 0) && codes.Count > 0)
        {
            foreach (var sei in _taxonomy.MatchSei(codes.Select(c => c.Raw)))
            {
                foreach (var chain in _taxonomy.Chains)
                {
                    if (found.ContainsKey(chain.Id) || !chain.Sei.Contains(sei.SubIndustry)) continue;
                    if (IpcParts.TryParse(sei.IpcCode, out var p) && chain.Excludes(p)) continue;
                    found[chain.Id] = new ChainAssignment(chain.Id, ChainEvidence.Sei, SeiConfidence, sei.Reason, sei.Explanation);
                }
            }
        }
        var text = SearchText(record);
        if (text.Length > 0)
        {
            foreach (var chain in _taxonomy.Chains)
            {
                if (FindKeyword(chain, text) is not { } keyword) continue;
                found[chain.Id] = found.TryGetValue(chain.Id, out var byCode)
                    ? byCode with
                    {
                        Confidence = 1.0,
                        Reason = $"{byCode.Reason}; keyword '{keyword}'",
                        Explanation = Phrase.Of("{0}; {1}", byCode.Explanation ?? Phrase.Of("{0}", byCode.Reason), KeywordPhrase(keyword)),
                    }
                    : new ChainAssignment(chain.Id, ChainEvidence.Keyword, KeywordConfidence, $"keyword '{keyword}' in title or abstract", KeywordPhrase(keyword));
            }
        }
        return found.Values.OrderByDescending(a => a.Confidence).ThenBy(a => ChainOrder(a.ChainId)).ToList();
    }

    private static Phrase KeywordPhrase(string keyword) => Phrase.Of("the keyword “{0}” in the title or abstract", keyword);

    private int ChainOrder(string id)
    {
        for (var i = 0; i < _taxonomy.Chains.Count; i++)
            if (_taxonomy.Chains[i].Id == id) return i;
        return int.MaxValue;
    }

    private static string SearchText(PatentRecord record)
    {
        var parts = record.Titles.Select(t => t.Text).Concat(record.Abstracts.Select(a => a.Text.Length > 400 ? a.Text[..400] : a.Text));
        return string.Join(" \n ", parts).ToLowerInvariant();
    }

    private static string? FindKeyword(IndustryChain chain, string text)
    {
        foreach (var k in chain.KeywordsZh)
            if (text.Contains(k, StringComparison.Ordinal)) return k;
        foreach (var k in chain.KeywordsEn)
            if (ContainsWord(text, k)) return k;
        return null;
    }

    /// <summary>An English keyword as a whole word, allowing a plural ending (battery → batteries is not matched; cell → cells is).</summary>
    internal static bool ContainsWord(string text, string word)
    {
        var from = 0;
        while (true)
        {
            var i = text.IndexOf(word, from, StringComparison.Ordinal);
            if (i < 0) return false;
            var end = i + word.Length;
            var startOk = i == 0 || !char.IsAsciiLetter(text[i - 1]);
            var rest = text.AsSpan(end);
            var endOk = rest.Length == 0 || !char.IsAsciiLetter(rest[0])
                        || (rest[0] == 's' && (rest.Length == 1 || !char.IsAsciiLetter(rest[1])))
                        || (rest.StartsWith("es") && (rest.Length == 2 || !char.IsAsciiLetter(rest[2])));
            if (startOk && endOk) return true;
            from = i + 1;
        }
    }
}
