namespace Analytics.Chains;

/// <summary>How <see cref="LsaSpace"/> weighs and reduces text (the defaults are the measured choice, ADR-025).</summary>
public sealed record LsaSettings
{
    /// <summary>Latent dimensions kept at most (never more than the rows less one).</summary>
    public int Rank { get; init; } = 100;
    /// <summary>
    /// Documents per latent dimension: a smaller input keeps fewer dimensions (225 abstracts: 28), since the small
    /// components of a small sample are noise that splits clusters; 0 keeps <see cref="Rank"/> whatever the input.
    /// </summary>
    public int DocumentsPerDimension { get; init; } = 8;
    /// <summary>Character n-grams of the Chinese text stream beside the words; 0 turns them off.</summary>
    public int CharacterNgram { get; init; } = 2;
    /// <summary>Share of the squared norm the words get; the character n-grams get the rest.</summary>
    public double WordWeight { get; init; } = 0.5;
    /// <summary>A term must occur in this many documents to be a feature: a term in one document links nothing.</summary>
    public int MinDocuments { get; init; } = 2;
    /// <summary>Terms in more than this share of the documents say nothing that sets documents apart.</summary>
    public double MaxDocumentShare { get; init; } = 0.5;
    /// <summary>The most frequent terms kept at most, so the projection stays small on a big chain.</summary>
    public int MaxTerms { get; init; } = 30_000;
    /// <summary>Power iterations of the randomized SVD (Halko et al.): two make the small components accurate on text.</summary>
    public int PowerIterations { get; init; } = 2;

    public string Describe() =>
        $"TF-IDF (sublinear) over jieba words{(CharacterNgram > 0 ? $" and character {CharacterNgram}-grams (word weight {WordWeight:0.##})" : "")}, df ≥ {MinDocuments}, → LSA rank {(DocumentsPerDimension > 0 ? $"documents/{DocumentsPerDimension} up to {Rank}" : Rank)} (randomized SVD), L2";
}

/// <summary>
/// Latent semantic analysis of segmented text: sublinear TF-IDF over jieba words and character n-grams
/// (each block L2-normalised, then weighted), reduced by a truncated SVD to <see cref="LsaSettings.Rank"/>
/// dimensions and L2-normalised, so that cosine similarity in the space compares documents by topic
/// rather than by shared surface words. The SVD is a seeded randomized one of our own (no native
/// dependency); the space is saved with the model so that new records project into the same axes.
/// </summary>
public sealed class LsaSpace
{
    private const string WordPrefix = "w:";
    private const string CharPrefix = "c:";

    private readonly Dictionary<string, int> _terms;
    private readonly float[] _idf;
    private readonly float[] _axes; // terms × rank, row-major: a document's coordinates are its weighted terms times these rows

    private LsaSpace(LsaSettings settings, Dictionary<string, int> terms, float[] idf, float[] axes, int rank)
    {
        Settings = settings;
        _terms = terms;
        _idf = idf;
        _axes = axes;
        Rank = rank;
    }

    public LsaSettings Settings { get; }

    /// <summary>Dimensions of the space (at most <see cref="LsaSettings.Rank"/>).</summary>
    public int Rank { get; }

    public int Terms => _terms.Count;

    /// <summary>Fits the vocabulary, weights and axes on <paramref name="documents"/> (space-separated tokens from <see cref="PatentTextTokenizer"/>).</summary>
    public static LsaSpace Fit(IReadOnlyList<string> documents, LsaSettings settings, int seed)
    {
        var n = documents.Count;
        var counted = documents.Select(d => CountTerms(d, settings)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in counted)
            foreach (var term in doc.Keys)
                df[term] = df.GetValueOrDefault(term) + 1;
        var maxDf = Math.Max(settings.MinDocuments, (int)(settings.MaxDocumentShare * n));
        var kept = df.Where(kv => kv.Value >= settings.MinDocuments && (kv.Value <= maxDf || n < 4))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(settings.MaxTerms).Select(kv => kv.Key)
            .OrderBy(t => t, StringComparer.Ordinal).ToList();
        var terms = new Dictionary<string, int>(kept.Count, StringComparer.Ordinal);
        var idf = new float[kept.Count];
        for (var j = 0; j < kept.Count; j++)
        {
            terms[kept[j]] = j;
            idf[j] = (float)(Math.Log((1.0 + n) / (1.0 + df[kept[j]])) + 1);
        }

        var rows = counted.Select(c => Weigh(c, terms, idf, settings)).ToList();
        var wanted = settings.DocumentsPerDimension > 0 ? Math.Clamp(n / settings.DocumentsPerDimension, 2, settings.Rank) : settings.Rank;
        var rank = Math.Min(wanted, Math.Min(Math.Max(1, n - 1), Math.Max(1, kept.Count)));
        var axes = kept.Count == 0 ? [] : RandomizedSvd.RightSingularVectors(rows, kept.Count, rank, settings.PowerIterations, seed, out rank);
        return new LsaSpace(settings, terms, idf, axes, rank);
    }

    /// <summary>The document's unit vector in the space; all zeros when it shares no term with the vocabulary.</summary>
    public float[] Project(string tokens)
    {
        var result = new float[Rank];
        var weighted = Weigh(CountTerms(tokens, Settings), _terms, _idf, Settings);
        foreach (var (j, w) in weighted)
        {
            var offset = j * Rank;
            for (var c = 0; c < Rank; c++) result[c] += w * _axes[offset + c];
        }
        Normalise(result);
        return result;
    }

    public float[][] Project(IReadOnlyList<string> documents)
    {
        var result = new float[documents.Count][];
        Parallel.For(0, documents.Count, i => result[i] = Project(documents[i]));
        return result;
    }

    internal static void Normalise(float[] v)
    {
        double sum = 0;
        foreach (var x in v) sum += x * x;
        if (sum <= 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
    }

    /// <summary>Words as they are, and character n-grams of the Chinese stream (consecutive Chinese words joined), which link a compound jieba split with its whole form.</summary>
    private static Dictionary<string, int> CountTerms(string tokens, LsaSettings settings)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var chinese = new System.Text.StringBuilder();
        void FlushChinese()
        {
            var g = settings.CharacterNgram;
            if (g > 0)
                for (var i = 0; i + g <= chinese.Length; i++)
                {
                    var key = CharPrefix + chinese.ToString(i, g);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            chinese.Clear();
        }
        foreach (var token in tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = WordPrefix + token;
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (token.All(IsCjk)) chinese.Append(token);
            else FlushChinese();
        }
        FlushChinese();
        return counts;
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    /// <summary>Sublinear TF × IDF, each block (words, characters) L2-normalised and weighted so the whole has norm 1.</summary>
    private static List<(int Term, float Weight)> Weigh(Dictionary<string, int> counts, Dictionary<string, int> terms, float[] idf, LsaSettings settings)
    {
        var words = new List<(int, float)>();
        var chars = new List<(int, float)>();
        foreach (var (term, tf) in counts)
        {
            if (!terms.TryGetValue(term, out var j)) continue;
            var w = (float)((1 + Math.Log(tf)) * idf[j]);
            (term.StartsWith(WordPrefix, StringComparison.Ordinal) ? words : chars).Add((j, w));
        }
        var wordWeight = chars.Count == 0 ? 1 : words.Count == 0 ? 0 : settings.WordWeight;
        var result = new List<(int, float)>(words.Count + chars.Count);
        Scale(words, Math.Sqrt(wordWeight), result);
        Scale(chars, Math.Sqrt(1 - wordWeight), result);
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    private static void Scale(List<(int Term, float Weight)> block, double share, List<(int, float)> into)
    {
        double sum = 0;
        foreach (var (_, w) in block) sum += w * w;
        if (sum <= 0 || share <= 0) return;
        var scale = (float)(share / Math.Sqrt(sum));
        foreach (var (j, w) in block) into.Add((j, w * scale));
    }

    /// <summary>Writes the space (settings, vocabulary, IDF, axes) in a compact binary form.</summary>
    public void Write(BinaryWriter writer)
    {
        var s = Settings;
        writer.Write(s.Rank);
        writer.Write(s.DocumentsPerDimension);
        writer.Write(s.CharacterNgram);
        writer.Write(s.WordWeight);
        writer.Write(s.MinDocuments);
        writer.Write(s.MaxDocumentShare);
        writer.Write(s.MaxTerms);
        writer.Write(s.PowerIterations);
        writer.Write(Rank);
        writer.Write(_terms.Count);
        foreach (var (term, j) in _terms.OrderBy(kv => kv.Value))
        {
            writer.Write(term);
            writer.Write(_idf[j]);
        }
        foreach (var x in _axes) writer.Write(x);
    }

    public static LsaSpace Read(BinaryReader reader)
    {
        var settings = new LsaSettings
        {
            Rank = reader.ReadInt32(),
            DocumentsPerDimension = reader.ReadInt32(),
            CharacterNgram = reader.ReadInt32(),
            WordWeight = reader.ReadDouble(),
            MinDocuments = reader.ReadInt32(),
            MaxDocumentShare = reader.ReadDouble(),
            MaxTerms = reader.ReadInt32(),
            PowerIterations = reader.ReadInt32(),
        };
        var rank = reader.ReadInt32();
        var count = reader.ReadInt32();
        var terms = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var idf = new float[count];
        for (var j = 0; j < count; j++)
        {
            terms[reader.ReadString()] = j;
            idf[j] = reader.ReadSingle();
        }
        var axes = new float[count * rank];
        for (var i = 0; i < axes.Length; i++) axes[i] = reader.ReadSingle();
        return new LsaSpace(settings, terms, idf, axes, rank);
    }
}
