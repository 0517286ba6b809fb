using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.Chains;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Matching;

/// <summary>A word the corpus uses beside another, with its normalised PMI (0–1, higher = more tied).</summary>
public readonly record struct RelatedTerm(string Term, double Strength);

/// <summary>What a matching model was trained on, saved beside it.</summary>
public sealed record MatchingModelManifest
{
    public DateTimeOffset TrainedAt { get; init; }
    public int Records { get; init; }
    public int Vocabulary { get; init; }
    public int TermsWithRelated { get; init; }
    public int IpcSubclasses { get; init; }
    public int IpcTrainingRecords { get; init; }
}

/// <summary>Bounds of a matching model's training, so that it stays a few minutes on 2 cores however large the index.</summary>
public sealed class MatchingModelOptions
{
    /// <summary>Records read for both parts: pair counts grow with records × words², memory with distinct pairs.</summary>
    public int MaxRecords { get; init; } = 50_000;
    /// <summary>A word must occur in this many records to have or be a related word (rarer pairs are chance).</summary>
    public int MinDocumentFrequency { get; init; } = 3;
    public int MinCoOccurrence { get; init; } = 2;
    /// <summary>Words in more than this share of the records tie to everything and say nothing: they have no related words.</summary>
    public double MaxDocumentShare { get; init; } = 0.1;
    /// <summary>Related words kept per word, strongest first.</summary>
    public int RelatedPerTerm { get; init; } = 8;
    /// <summary>Below this normalised PMI two words are not related (independent words score 0, words always together 1).</summary>
    public double MinStrength { get; init; } = 0.25;
    /// <summary>A subclass needs this many records for the classifier to learn it.</summary>
    public int MinRecordsPerSubclass { get; init; } = 3;
    public int ClassifierIterations { get; init; } = 20;
    public float ClassifierL2 { get; init; } = 1e-5f;
}

/// <summary>
/// What matching learns from the index itself, so that a need is understood without the top hits steering
/// it and patents are found that share none of its words: related words mined from the corpus (words that
/// occur in the same records more than chance, by normalised pointwise mutual information — no hand-written
/// synonym list), and an IPC-subclass classifier (<see cref="TextClassifier"/>) trained on every record's
/// text with its first subclass as the label. Saved as files in one folder, beside the chain model of the
/// same version. Thread-safe for reading.
/// </summary>
public sealed class MatchingModel
{
    public const string FolderName = "matching";
    private const string RelatedFile = "related-terms.tsv";
    private const string IpcFile = "ipc-subclasses.zip";
    private const string ManifestFile = "matching.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Dictionary<string, RelatedTerm[]> _related;
    private readonly TextClassifier? _ipc;
    private readonly Lock _predictGate = new();
    private readonly PatentTextTokenizer _tokenizer = new();

    private MatchingModel(Dictionary<string, RelatedTerm[]> related, TextClassifier? ipc, MatchingModelManifest manifest)
    {
        _related = related;
        _ipc = ipc;
        Manifest = manifest;
    }

    public MatchingModelManifest Manifest { get; }

    /// <summary>The words the corpus ties to <paramref name="term"/>, strongest first; empty when it knows none.</summary>
    public IReadOnlyList<RelatedTerm> Related(string term) => _related.TryGetValue(term, out var r) ? r : [];

    /// <summary>The IPC subclass the text most likely falls under, with the classifier's probability; null without a classifier or text.</summary>
    public ClassifiedLabel? PredictSubclass(string text)
    {
        if (_ipc is null || string.IsNullOrWhiteSpace(text)) return null;
        // jieba and ML.NET's transform chain are not documented as thread-safe: one prediction at a time.
        lock (_predictGate)
        {
            var tokens = _tokenizer.Tokenize(text);
            return tokens.Length == 0 ? null : _ipc.Predict([new PatentTextRow { Tokens = tokens }])[0];
        }
    }

    /// <summary>Trains both parts on at most <see cref="MatchingModelOptions.MaxRecords"/> records (titles and the start of abstracts).</summary>
    public static MatchingModel Train(IEnumerable<PatentRecord> records, MatchingModelOptions? options = null, TimeProvider? clock = null)
    {
        options ??= new MatchingModelOptions();
        var tokenizer = new PatentTextTokenizer();
        var docs = new List<string[]>();
        var rows = new List<PatentTextRow>();
        foreach (var r in records)
        {
            if (docs.Count >= options.MaxRecords) break;
            var tokens = tokenizer.Tokenize(r);
            if (tokens.Length == 0) continue;
            var words = tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(IsWord).Distinct(StringComparer.Ordinal).Take(40).ToArray();
            docs.Add(words);
            if (r.IpcCodes.Count > 0 && Classification.Subclass(r.IpcCodes[0]) is { } subclass)
                rows.Add(new PatentTextRow { Tokens = tokens, Label = subclass });
        }
        var (related, vocabulary) = MineRelated(docs, options);

        var known = rows.GroupBy(r => r.Label).Where(g => g.Count() >= options.MinRecordsPerSubclass).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var training = rows.Where(r => known.Contains(r.Label)).ToList();
        var ipc = known.Count >= 2 ? TextClassifier.Train(training, new ClassifierSettings { Iterations = options.ClassifierIterations, L2 = options.ClassifierL2 }) : null;

        return new MatchingModel(related, ipc, new MatchingModelManifest
        {
            TrainedAt = (clock ?? TimeProvider.System).GetUtcNow(),
            Records = docs.Count,
            Vocabulary = vocabulary,
            TermsWithRelated = related.Count,
            IpcSubclasses = known.Count,
            IpcTrainingRecords = ipc is null ? 0 : training.Count,
        });
    }

    private static bool IsWord(string token) =>
        token.All(c => c < 0x2E80) ? token.Length >= 3 && !token.All(char.IsAsciiDigit) : token.Length >= 2;

    /// <summary>
    /// Normalised PMI over records: npmi(a, b) = log(P(a,b) / P(a)P(b)) / −log P(a,b), 0 for independent words and 1
    /// for words that only occur together; unlike raw PMI it does not favour pairs of rare words.
    /// </summary>
    private static (Dictionary<string, RelatedTerm[]> Related, int Vocabulary) MineRelated(List<string[]> docs, MatchingModelOptions options)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var w in d) df[w] = df.GetValueOrDefault(w) + 1;
        var maxDf = Math.Max(options.MinDocumentFrequency, (int)(docs.Count * options.MaxDocumentShare));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var (w, n) in df.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (n < options.MinDocumentFrequency || n > maxDf) continue;
            ids[w] = words.Count;
            words.Add(w);
        }
        var pairs = new Dictionary<long, int>();
        var buffer = new List<int>();
        foreach (var d in docs)
        {
            buffer.Clear();
            foreach (var w in d)
                if (ids.TryGetValue(w, out var id)) buffer.Add(id);
            buffer.Sort();
            for (var i = 0; i < buffer.Count; i++)
                for (var j = i + 1; j < buffer.Count; j++)
                {
                    var key = ((long)buffer[i] << 32) | (uint)buffer[j];
                    pairs[key] = pairs.GetValueOrDefault(key) + 1;
                }
        }
        var n2 = (double)docs.Count;
        var candidates = new Dictionary<int, List<RelatedTerm>>();
        foreach (var (key, co) in pairs)
        {
            if (co < options.MinCoOccurrence) continue;
            var a = (int)(key >> 32);
            var b = (int)(key & 0xFFFFFFFF);
            var pab = co / n2;
            if (pab >= 1) continue;
            var npmi = Math.Log(pab / (df[words[a]] / n2 * (df[words[b]] / n2))) / -Math.Log(pab);
            if (npmi < options.MinStrength) continue;
            (candidates.TryGetValue(a, out var la) ? la : candidates[a] = []).Add(new RelatedTerm(words[b], npmi));
            (candidates.TryGetValue(b, out var lb) ? lb : candidates[b] = []).Add(new RelatedTerm(words[a], npmi));
        }
        var related = candidates.ToDictionary(
            kv => words[kv.Key],
            kv => kv.Value.OrderByDescending(t => t.Strength).ThenBy(t => t.Term, StringComparer.Ordinal).Take(options.RelatedPerTerm).ToArray(),
            StringComparer.Ordinal);
        return (related, words.Count);
    }

    /// <summary>Writes the model's files into <paramref name="folder"/> (created when missing).</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var sb = new StringBuilder();
        foreach (var (term, related) in _related.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(term);
            foreach (var r in related) sb.Append('\t').Append(r.Term).Append(' ').Append(r.Strength.ToString("0.####", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, RelatedFile), sb.ToString());
        _ipc?.Save(Path.Combine(folder, IpcFile));
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(Manifest, Json));
    }

    /// <summary>The model saved in <paramref name="folder"/>, or null when the folder holds none.</summary>
    public static MatchingModel? Load(string folder)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) return null;
        var manifest = JsonSerializer.Deserialize<MatchingModelManifest>(File.ReadAllText(manifestPath), Json)
            ?? throw new InvalidDataException($"{manifestPath}: empty matching model manifest.");
        var related = new Dictionary<string, RelatedTerm[]>(StringComparer.Ordinal);
        var relatedPath = Path.Combine(folder, RelatedFile);
        if (File.Exists(relatedPath))
            foreach (var line in File.ReadLines(relatedPath))
            {
                var parts = line.Split('\t');
                if (parts.Length < 2) continue;
                related[parts[0]] = parts.Skip(1).Select(p =>
                {
                    var space = p.LastIndexOf(' ');
                    return new RelatedTerm(p[..space], double.Parse(p.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture));
                }).ToArray();
            }
        var ipcPath = Path.Combine(folder, IpcFile);
        return new MatchingModel(related, File.Exists(ipcPath) ? TextClassifier.Load(ipcPath) : null, manifest);
    }
}
