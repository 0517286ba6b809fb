using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Analytics.TechnologyFields;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.Chains;

/// <summary>A sub-topic (cluster) inside a chain, named by the terms that set it apart.</summary>
public sealed record SubTopic(string ChainId, int Index, IReadOnlyList<string> Terms, int Size)
{
    /// <summary>The facet value: stable id and name, e.g. <c>new-energy/2 电池·电芯·极片</c>.</summary>
    public string Label => $"{ChainId}/{Index + 1} {string.Join('·', Terms)}";
}

/// <summary>
/// What was trained, recorded beside the model files: the taxonomy, the training data's size and date range, the
/// seed, and (for a version written by <see cref="Lifecycle.ModelStore"/>) its number, evaluation figures and whether
/// validation activated it.
/// </summary>
public sealed record ChainModelManifest
{
    /// <summary>The version number in the model store; 0 for a model saved outside it.</summary>
    public int Version { get; init; }
    public required string TaxonomyVersion { get; init; }
    public DateTimeOffset TrainedAt { get; init; }
    public int Seed { get; init; }
    public int TrainingRecords { get; init; }
    public int SeedLabelled { get; init; }
    /// <summary>Records read for training (before the held-out fifth was set aside and the sample was drawn).</summary>
    public int RecordsRead { get; init; }
    /// <summary>Earliest and latest filing date among the records read; null when none had one.</summary>
    public DateOnly? EarliestFiling { get; init; }
    public DateOnly? LatestFiling { get; init; }
    /// <summary>Records the technology-field classifier was trained on (0 for models trained before it existed).</summary>
    public int FieldTrainingRecords { get; init; }
    /// <summary>Records the IPC-section classifier was trained on (0 for models trained before it existed).</summary>
    public int SectionTrainingRecords { get; init; }
    /// <summary>The classifiers' trainer and features (<see cref="ClassifierSettings.Spec"/>); null for models trained before it was recorded.</summary>
    public string? Classifier { get; init; }
    /// <summary>Characters of each abstract and first claim the classifiers were trained on (<see cref="ChainModelOptions.TextChars"/>); null before it was recorded.</summary>
    public int? TextChars { get; init; }
    /// <summary>
    /// The chain classifier's probability threshold, chosen on a fifth of the seeds held out of its training for
    /// <see cref="ChainModelOptions.ChainTargetPrecision"/>, with the precision and coverage it gave there; null for
    /// models trained before it existed (they use <see cref="ChainModelOptions.MinModelConfidence"/>).
    /// </summary>
    public ConfidenceThreshold? ChainThreshold { get; init; }
    public Dictionary<string, int> SeedsPerChain { get; init; } = [];
    public Dictionary<string, List<SubTopic>> SubTopics { get; init; } = [];
    /// <summary>How many sub-topics each chain got and why: the criterion's value for every k tried (empty for models before ADR-025).</summary>
    public Dictionary<string, ClusterCountChoice> SubTopicChoices { get; init; } = [];
    /// <summary>This model's figures on the held-out records of the corpus it was trained on.</summary>
    public Lifecycle.ModelFigures? Evaluation { get; init; }
    /// <summary>The version that was active when this one was trained, and its figures on the same held-out records.</summary>
    public int? ComparedWithVersion { get; init; }
    public Lifecycle.ModelFigures? ComparedWith { get; init; }
    /// <summary>What validation decided and why, in words (English, for the log and the operator page's detail).</summary>
    public string? Validation { get; init; }
    public bool PassedValidation { get; init; } = true;
}

/// <summary>Settings of training and labelling (bound from configuration section "Analytics:Chains").</summary>
public sealed class ChainModelOptions
{
    public const string Section = "Analytics:Chains";

    public int Seed { get; set; } = 42;
    /// <summary>Records the classifier is trained on at most (sampled evenly over chains).</summary>
    public int MaxTrainingRecords { get; set; } = 100_000;
    /// <summary>
    /// Below this probability the classifier's label is not given, for models trained before the threshold was
    /// calibrated; newer models carry their own (<see cref="ChainModelManifest.ChainThreshold"/>).
    /// </summary>
    public double MinModelConfidence { get; set; } = 0.5;
    /// <summary>The precision the chain classifier's threshold is chosen for, on seeds held out of its training.</summary>
    public double ChainTargetPrecision { get; set; } = 0.8;
    public int MaxSubTopics { get; set; } = 8;
    /// <summary>Members per chain the sub-topic KMeans is trained on at most.</summary>
    public int MaxSubTopicTrainingRecords { get; set; } = 5_000;
    public int TermsPerSubTopic { get; set; } = 3;
    /// <summary>The trainer of the section, field and chain classifiers (chosen by measurement: ADR-024).</summary>
    public ClassifierTrainer ClassifierTrainer { get; set; } = ClassifierTrainer.LbfgsMaximumEntropy;
    /// <summary>Passes (or iterations) of the trainer over the examples.</summary>
    public int ClassifierIterations { get; set; } = 100;
    public float ClassifierL2 { get; set; } = 1e-6f;
    /// <summary>Character n-grams up to this length beside the words: 0, 2 or 3.</summary>
    public int CharacterNgrams { get; set; } = 2;
    /// <summary>Bits of the hashed feature space; 0 builds a dictionary of n-grams instead.</summary>
    public int HashingBits { get; set; }
    /// <summary>How many times the title's tokens count against the abstract's and the first claim's.</summary>
    public int TitleWeight { get; set; } = 2;
    /// <summary>Characters of each abstract and first claim the classifiers read (0: all): the start says what the invention is, and jieba's time grows with the length.</summary>
    public int TextChars { get; set; } = 400;

    /// <summary>The classifiers' settings as <see cref="TextClassifier"/> takes them.</summary>
    public ClassifierSettings Classifier() => new()
    {
        Trainer = ClassifierTrainer,
        Iterations = ClassifierIterations,
        L2 = ClassifierL2,
        CharacterNgrams = CharacterNgrams,
        HashingBits = HashingBits,
        TitleWeight = TitleWeight,
    };
}

/// <summary>What a classifier reads in a text: each level's labels with their probabilities (most probable first), and the chain it gives.</summary>
/// <param name="Chain">The most probable chain when its probability reaches the model's calibrated threshold; null means "no chain".</param>
public sealed record TextPrediction(IReadOnlyList<ClassifiedLabel> Sections, IReadOnlyList<ClassifiedLabel> Fields, IReadOnlyList<ClassifiedLabel> Chains, string? Chain);

/// <summary>Every label the chain side gives one patent.</summary>
public sealed record ChainLabels(IReadOnlyList<ChainAssignment> Chains, IReadOnlyList<SubTopic> SubTopics, IReadOnlyList<TechnologyField> TechnologyFields);

/// <summary>
/// Industry-chain assignment: rule seeds (<see cref="ChainRules"/>), a classifier trained on them for
/// the patents the rules miss, and KMeans sub-topics inside each chain. Trained once, saved as files
/// in a folder (ML.NET zips plus a manifest), and reloaded to label any number of records in batches.
/// </summary>
public sealed class ChainModel : IDisposable
{
    public const string ManifestFile = "manifest.json";
    public const string ClassifierFile = "chains.zip";
    public const string FieldClassifierFile = "fields.zip";
    public const string SectionClassifierFile = "sections.zip";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ChainRules _rules;
    private readonly TextClassifier? _classifier;
    private readonly TextClassifier? _fieldClassifier;
    private readonly TextClassifier? _sectionClassifier;
    private readonly Dictionary<string, ISubTopicAssigner> _subTopicModels;
    private readonly ChainModelOptions _options;
    private readonly ThreadLocal<PatentTextTokenizer> _tokenizers = new(() => new PatentTextTokenizer());

    private ChainModel(ChainRules rules, TextClassifier? classifier, TextClassifier? fieldClassifier, TextClassifier? sectionClassifier,
        Dictionary<string, ISubTopicAssigner> subTopicModels, ChainModelManifest manifest, ChainModelOptions options)
    {
        _rules = rules;
        _classifier = classifier;
        _fieldClassifier = fieldClassifier;
        _sectionClassifier = sectionClassifier;
        // The text as the model was trained to read it (its manifest), whatever the options say now; older models read
        // titles once and 200 characters of abstract.
        TitleWeight = manifest.Classifier is { } spec ? ClassifierSettings.Parse(spec).TitleWeight : 1;
        TextChars = manifest.TextChars ?? 200;
        _subTopicModels = subTopicModels;
        Manifest = manifest;
        _options = options;
    }

    public ChainModelManifest Manifest { get; private set; }

    private int TitleWeight { get; }
    private int TextChars { get; }

    /// <summary>The rules the model was built over.</summary>
    public ChainRules Rules => _rules;

    /// <summary>Replaces the manifest (the store adds the version number, figures and validation before saving).</summary>
    public void Describe(Func<ChainModelManifest, ChainModelManifest> change) => Manifest = change(Manifest);

    public void Dispose() => _tokenizers.Dispose();

    /// <summary>
    /// Trains on <paramref name="records"/> and returns the model, not yet saved. Weak supervision from the whole input:
    /// every record with IPC codes teaches the section and technology-field classifiers its main code's section and field,
    /// and the chain classifier the one chain the taxonomy's code rules give it (records whose codes touch several chains
    /// teach no chain). The classifiers read text only (titles weighted over abstracts and first claims), so they label
    /// what has no codes, or codes the rules do not cover, and needs.
    /// </summary>
    public static ChainModel Train(IEnumerable<PatentRecord> records, ChainRules rules, ChainModelOptions options, IProgress<string>? progress = null)
    {
        var seeded = new Dictionary<string, List<PatentTextRow>>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<PatentTextRow>>(StringComparer.Ordinal);
        var fieldRows = new Dictionary<string, List<PatentTextRow>>(StringComparer.Ordinal);
        var sectionRows = new Dictionary<string, List<PatentTextRow>>(StringComparer.Ordinal);
        int fieldCount = 0, sectionCount = 0, seen = 0;
        DateOnly? earliest = null, latest = null;
        var settings = options.Classifier();
        var concordance = TechnologyFieldConcordance.Default;
        using var tokenizers = new ThreadLocal<PatentTextTokenizer>(() => new PatentTextTokenizer());
        foreach (var chunk in records.Chunk(10_000))
        {
            // Rules and segmentation in parallel, then gathered in input order so the seeds do not depend on scheduling.
            // The field and section examples are taken a chunk at a time until there are enough, for the same reason.
            var wantFields = fieldCount < options.MaxTrainingRecords;
            var wantSections = sectionCount < options.MaxTrainingRecords;
            var rows = new (string? Chain, string? Member, string? Field, string? Section, TokenizedText? Tokens)[chunk.Length];
            Parallel.For(0, chunk.Length, i =>
            {
                var record = chunk[i];
                var chains = CodeRuleChains(rules, record);
                var chain = chains.Count == 1 ? chains[0] : null;
                var field = wantFields && concordance.FieldsOf(record) is [var first, ..] ? first.NameEn : null;
                var section = wantSections ? MainSection(record) : null;
                // Sub-topics cluster every record the rules give a chain (its first, keywords included), as before.
                var member = rules.Apply(record) is [var ruled, ..] ? ruled.ChainId : null;
                if (member is null && field is null && section is null) return;
                rows[i] = (chain, member, field, section, tokenizers.Value!.Parts(record, options.TextChars));
            });
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i].ApplicationDate is { } filed)
                {
                    if (earliest is null || filed < earliest) earliest = filed;
                    if (latest is null || filed > latest) latest = filed;
                }
                var (chain, member, field, section, parts) = rows[i];
                if (parts is null) continue;
                if (member is not null) Add(members, member, parts.TitleAndAbstract);
                var tokens = parts.Weighted(settings.TitleWeight);
                if (tokens.Length == 0) continue;
                if (chain is not null) Add(seeded, chain, tokens);
                if (field is not null)
                {
                    Add(fieldRows, field, tokens);
                    fieldCount++;
                }
                if (section is not null)
                {
                    Add(sectionRows, section, tokens);
                    sectionCount++;
                }
            }
            seen += chunk.Length;
            progress?.Report($"rules: {seen:N0} records read, {seeded.Values.Sum(l => l.Count):N0} seeded");
        }
        var total = seeded.Values.Sum(l => l.Count);
        if (seeded.Count < 2)
            throw new InvalidOperationException($"The rules labelled {total} of {seen} records with {seeded.Count} chain(s): the classifier needs seeds in at least two chains.");

        // A fifth of the seeds (every fifth of each chain, in a seeded order) is held out of the chain classifier's training
        // to choose its probability threshold for the target precision: measured, not set by hand.
        var training = Sample(seeded, options.MaxTrainingRecords, options.Seed);
        var fit = training.Where((_, i) => i % 5 != 0).ToList();
        var calibration = training.Where((_, i) => i % 5 == 0).ToList();
        progress?.Report($"classifier: training on {fit.Count:N0} seeded records in {seeded.Count} chains");
        var classifier = TextClassifier.Train(fit, settings, options.Seed);
        var calibrated = classifier.Predict(calibration.Select(r => new PatentTextRow { Tokens = r.Tokens }).ToList());
        var threshold = ConfidenceThreshold.Choose(calibrated.Select((p, i) => (p.Confidence, p.Label == calibration[i].Label)).ToList(), options.ChainTargetPrecision);
        progress?.Report($"classifier: threshold {threshold.Threshold:0.000} gives precision {threshold.Precision:0.000} on {threshold.Coverage:P0} of {threshold.HeldOut:N0} held-out seeds");
        // The technology-field and section classifiers learn the text of records whose IPC maps to one; their held-out
        // figures travel in the manifest (issue 16), so a retrain that reads worse can be told apart.
        TextClassifier? fieldClassifier = null;
        var fieldTraining = new List<PatentTextRow>();
        if (fieldRows.Count >= 2)
        {
            fieldTraining = Sample(fieldRows, options.MaxTrainingRecords, options.Seed);
            progress?.Report($"technology fields: training on {fieldTraining.Count:N0} records in {fieldRows.Count} fields");
            fieldClassifier = TextClassifier.Train(fieldTraining, settings, options.Seed);
        }
        TextClassifier? sectionClassifier = null;
        var sectionTraining = new List<PatentTextRow>();
        if (sectionRows.Count >= 2)
        {
            sectionTraining = Sample(sectionRows, options.MaxTrainingRecords, options.Seed);
            progress?.Report($"IPC sections: training on {sectionTraining.Count:N0} records in {sectionRows.Count} sections");
            sectionClassifier = TextClassifier.Train(sectionTraining, settings, options.Seed);
        }

        var subTopics = new Dictionary<string, List<SubTopic>>(StringComparer.Ordinal);
        var choices = new Dictionary<string, ClusterCountChoice>(StringComparer.Ordinal);
        var models = new Dictionary<string, ISubTopicAssigner>(StringComparer.Ordinal);
        foreach (var (chain, chainMembers) in members.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var rows = Sample(new Dictionary<string, List<PatentTextRow>> { [chain] = chainMembers }, options.MaxSubTopicTrainingRecords, options.Seed);
            // KMeans cannot make more clusters than there are distinct texts (a chain of one repeated record has one).
            var distinct = rows.Select(r => r.Tokens).Distinct(StringComparer.Ordinal).Count();
            // A sub-topic of fewer than about ten patents is not worth reading: small chains get fewer candidates.
            var maxK = Math.Min(Math.Min(options.MaxSubTopics, distinct), rows.Count / 10);
            if (maxK < 2) continue;
            progress?.Report($"sub-topics: choosing k in 2…{maxK} over {rows.Count:N0} patents of {chain}");
            var model = SubTopicModel.Train(rows, new SubTopicSettings { MaxClusters = maxK }, options.Seed, out var clusters);
            if (model.ClusterCount < 2) continue;
            models[chain] = model;
            choices[chain] = model.Choice;
            subTopics[chain] = SubTopicNames.Name(chain, rows, clusters, model.ClusterCount, options.TermsPerSubTopic);
        }

        var manifest = new ChainModelManifest
        {
            TaxonomyVersion = rules.Taxonomy.Version,
            TrainedAt = DateTimeOffset.UtcNow,
            Seed = options.Seed,
            TrainingRecords = fit.Count,
            SeedLabelled = total,
            RecordsRead = seen,
            EarliestFiling = earliest,
            LatestFiling = latest,
            FieldTrainingRecords = fieldTraining.Count,
            SectionTrainingRecords = sectionTraining.Count,
            Classifier = settings.Spec,
            TextChars = options.TextChars,
            ChainThreshold = threshold,
            SeedsPerChain = seeded.ToDictionary(kv => kv.Key, kv => kv.Value.Count),
            SubTopics = subTopics,
            SubTopicChoices = choices,
        };
        return new ChainModel(rules, classifier, fieldClassifier, sectionClassifier, models, manifest, options);
    }

    private static void Add(Dictionary<string, List<PatentTextRow>> byLabel, string label, string tokens)
    {
        if (!byLabel.TryGetValue(label, out var list)) byLabel[label] = list = [];
        list.Add(new PatentTextRow { Tokens = tokens, Label = label });
    }

    /// <summary>The distinct chains the taxonomy's code rules (IPC patterns and SEI) give the record's codes, keywords left aside.</summary>
    internal static IReadOnlyList<string> CodeRuleChains(ChainRules rules, PatentRecord record)
    {
        if (record.IpcCodes.Count == 0) return [];
        var codesOnly = new PatentRecord { PublicationNumber = record.PublicationNumber, ApplicationNumber = record.ApplicationNumber, IpcCodes = record.IpcCodes };
        return rules.Apply(codesOnly).Select(a => a.ChainId).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The section of the record's main (first valid) IPC code, or null when it has none.</summary>
    private static string? MainSection(PatentRecord record)
    {
        foreach (var code in record.IpcCodes)
            if (Classification.TryNormalize(code, out var normalized, out _) && normalized.Length >= 4)
                return Classification.Section(normalized);
        return null;
    }

    /// <summary>
    /// The probability the chain classifier's label must reach: the threshold calibrated at training, or
    /// <see cref="ChainModelOptions.MinModelConfidence"/> for a model trained before thresholds were calibrated.
    /// </summary>
    public double ChainThreshold => Manifest.ChainThreshold?.Threshold ?? _options.MinModelConfidence;

    /// <summary>
    /// The classifier's chain for each record from its text alone (IPC left out, as for a record the rules cannot
    /// read), or null below <see cref="ChainThreshold"/>: what the held-out evaluation measures.
    /// </summary>
    public IReadOnlyList<string?> PredictChainsFromText(IReadOnlyList<PatentRecord> records)
    {
        if (_classifier is null || records.Count == 0) return records.Select(_ => (string?)null).ToList();
        var rows = TextRows(records);
        return _classifier.Predict(rows).Select(p => p.Confidence >= ChainThreshold ? p.Label : null).ToList();
    }

    /// <summary>The technology field the field classifier reads in each record's text; null when the model has no field classifier.</summary>
    public IReadOnlyList<string>? PredictFieldsFromText(IReadOnlyList<PatentRecord> records)
    {
        if (_fieldClassifier is null) return null;
        return records.Count == 0 ? [] : _fieldClassifier.Predict(TextRows(records)).Select(p => p.Label).ToList();
    }

    /// <summary>The IPC section the section classifier reads in each record's text; null when the model has no section classifier.</summary>
    public IReadOnlyList<string>? PredictSectionsFromText(IReadOnlyList<PatentRecord> records)
    {
        if (_sectionClassifier is null) return null;
        return records.Count == 0 ? [] : _sectionClassifier.Predict(TextRows(records)).Select(p => p.Label).ToList();
    }

    /// <summary>
    /// IPC section, WIPO technology field and industry chain read from free text (a need, a query, a record without
    /// codes), each with every label's probability, and the chain when it reaches <see cref="ChainThreshold"/>. A level
    /// the model has no classifier for (models from before it existed) comes back empty.
    /// </summary>
    public IReadOnlyList<TextPrediction> PredictFromText(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = new PatentTextRow[texts.Count];
        Parallel.For(0, texts.Count, i => rows[i] = new PatentTextRow { Tokens = _tokenizers.Value!.Tokenize(texts[i] ?? "") });
        IReadOnlyList<IReadOnlyList<ClassifiedLabel>> Of(TextClassifier? c) =>
            c is null || rows.Length == 0 ? rows.Select(_ => (IReadOnlyList<ClassifiedLabel>)[]).ToList() : c.PredictDistribution(rows);
        var sections = Of(_sectionClassifier);
        var fields = Of(_fieldClassifier);
        var chains = Of(_classifier);
        return Enumerable.Range(0, rows.Length)
            .Select(i => new TextPrediction(sections[i], fields[i], chains[i], chains[i] is [var top, ..] && top.Confidence >= ChainThreshold ? top.Label : null))
            .ToList();
    }

    private string Read(PatentRecord record) => _tokenizers.Value!.Parts(record, TextChars).Weighted(TitleWeight);

    private PatentTextRow[] TextRows(IReadOnlyList<PatentRecord> records)
    {
        var rows = new PatentTextRow[records.Count];
        Parallel.For(0, records.Count, i => rows[i] = new PatentTextRow { Tokens = Read(records[i]) });
        return rows;
    }

    /// <summary>An even sample over labels, deterministic for a seed: small chains keep all their members.</summary>
    private static List<PatentTextRow> Sample(Dictionary<string, List<PatentTextRow>> byLabel, int max, int seed)
    {
        var total = byLabel.Values.Sum(l => l.Count);
        if (total <= max) return byLabel.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value).ToList();
        var random = new Random(seed);
        var result = new List<PatentTextRow>(max);
        var remaining = max;
        var labels = byLabel.OrderBy(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < labels.Count; i++)
        {
            var share = remaining / (labels.Count - i);
            var list = labels[i].Value;
            var take = Math.Min(share, list.Count);
            result.AddRange(list.Count == take ? list : list.OrderBy(_ => random.Next()).Take(take));
            remaining -= take;
        }
        return result;
    }

    /// <summary>Terms named when the classifier explains a chain.</summary>
    public const int ExplanationTerms = 6;

    /// <summary>
    /// The chains of one patent with why, for people (the patent page): the rules with the code, pattern or keyword that
    /// fired, or, where no rule applies, the classifier's probability and the terms that weighed most towards its chain.
    /// </summary>
    public IReadOnlyList<ChainAssignment> Explain(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ruled = _rules.Apply(record);
        if (ruled.Count > 0 || _classifier is null) return ruled;
        var row = new PatentTextRow { Tokens = Read(record) };
        var p = _classifier.Predict([row])[0];
        if (p.Confidence < ChainThreshold) return [];
        var terms = _classifier.TopTerms(row, p.Label, ExplanationTerms);
        var probability = PhraseArgument.Number(p.Confidence, "0.00");
        return [new ChainAssignment(p.Label, ChainEvidence.Model, Math.Round(p.Confidence, 3), ModelReason(p.Confidence),
            terms.Count == 0
                ? Phrase.Of("no rule applies; the classifier gives this chain probability {0} from the title and abstract", probability)
                : Phrase.Of("no rule applies; the classifier gives this chain probability {0}, most from: {1}", probability, PhraseArgument.List(terms)))];
    }

    private static string ModelReason(double confidence) =>
        $"classifier on text (p = {confidence.ToString("0.00", CultureInfo.InvariantCulture)})";

    /// <summary>Labels a batch: rules, the classifier for what they miss, sub-topics, technology fields. Tokenises in parallel.</summary>
    public IReadOnlyList<ChainLabels> Label(IReadOnlyList<PatentRecord> records)
    {
        var rows = new PatentTextRow[records.Count];
        var classifierRows = new PatentTextRow[records.Count];
        var ruled = new IReadOnlyList<ChainAssignment>[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            ruled[i] = _rules.Apply(records[i]);
            // One segmentation: the classifier reads the title weighted, the sub-topics title and abstract once each.
            var parts = _tokenizers.Value!.Parts(records[i], TextChars);
            rows[i] = new PatentTextRow { Tokens = parts.TitleAndAbstract };
            if (ruled[i].Count == 0) classifierRows[i] = new PatentTextRow { Tokens = parts.Weighted(TitleWeight) };
        });

        var assignments = ruled.Select(r => r.ToList()).ToArray();
        var missed = Enumerable.Range(0, records.Count).Where(i => assignments[i].Count == 0).ToList();
        if (_classifier is not null && missed.Count > 0)
        {
            var predictions = _classifier.Predict(missed.Select(i => classifierRows[i]).ToList());
            for (var j = 0; j < missed.Count; j++)
            {
                var p = predictions[j];
                if (p.Confidence >= ChainThreshold)
                    assignments[missed[j]].Add(new ChainAssignment(p.Label, ChainEvidence.Model, Math.Round(p.Confidence, 3), ModelReason(p.Confidence)));
            }
        }

        // Each chain's KMeans model is separate, so the chains are assigned in parallel; results are
        // gathered per chain and merged in chain order, so the outcome does not depend on scheduling.
        var perChain = new (string Chain, List<int> Members, int[] Clusters)[_subTopicModels.Count];
        var models = _subTopicModels.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        Parallel.For(0, models.Count, c =>
        {
            var (chain, model) = models[c];
            var members = Enumerable.Range(0, records.Count).Where(i => assignments[i].Any(a => a.ChainId == chain)).ToList();
            perChain[c] = (chain, members, members.Count == 0 ? [] : model.Assign(members.Select(i => rows[i]).ToList()));
        });
        var subTopics = Enumerable.Range(0, records.Count).Select(_ => new List<SubTopic>()).ToArray();
        foreach (var (chain, members, clusters) in perChain)
        {
            var named = Manifest.SubTopics[chain];
            for (var j = 0; j < members.Count; j++)
                if (clusters[j] >= 0 && clusters[j] < named.Count) subTopics[members[j]].Add(named[clusters[j]]);
        }

        var concordance = TechnologyFieldConcordance.Default;
        return Enumerable.Range(0, records.Count)
            .Select(i => new ChainLabels(assignments[i], subTopics[i], concordance.FieldsOf(records[i])))
            .ToList();
    }

    /// <summary>Writes the labels into the record's generic label bag, where the search index finds them as facets.</summary>
    public static void Apply(PatentRecord record, ChainLabels labels)
    {
        Set(record, LabelFacets.Chain, labels.Chains.Select(c => c.ChainId));
        Set(record, LabelNames.ChainReason, labels.Chains.Select(c => $"{c.ChainId}: {c.Source.ToString().ToLowerInvariant()} {c.Confidence.ToString("0.00", CultureInfo.InvariantCulture)} — {c.Reason}"));
        Set(record, LabelFacets.SubTopic, labels.SubTopics.Select(s => s.Label));
        Set(record, LabelFacets.TechField, labels.TechnologyFields.Select(f => f.NameEn));
        foreach (var key in record.Scores.Keys.Where(k => k.StartsWith(LabelNames.ChainConfidencePrefix, StringComparison.Ordinal)).ToList())
            record.Scores.Remove(key);
        foreach (var c in labels.Chains)
            record.Scores[LabelNames.ChainConfidencePrefix + c.ChainId] = c.Confidence;
    }

    private static void Set(PatentRecord record, string name, IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) record.Labels.Remove(name);
        else record.Labels[name] = list;
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        _classifier?.Save(Path.Combine(folder, ClassifierFile));
        _fieldClassifier?.Save(Path.Combine(folder, FieldClassifierFile));
        _sectionClassifier?.Save(Path.Combine(folder, SectionClassifierFile));
        var subFolder = Path.Combine(folder, "subtopics");
        Directory.CreateDirectory(subFolder);
        foreach (var (chain, model) in _subTopicModels)
            SubTopicFiles.Save(model, subFolder, chain);
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(Manifest, Json));
    }

    /// <summary>The manifest of the model saved in <paramref name="folder"/>, or null when none is saved there.</summary>
    public static ChainModelManifest? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<ChainModelManifest>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Reloads a saved model; it must have been trained on the same taxonomy version as <paramref name="rules"/>.</summary>
    public static ChainModel Load(string folder, ChainRules rules, ChainModelOptions options)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"No trained chain model in {folder}: run 'Analytics train' first.", manifestPath);
        var manifest = JsonSerializer.Deserialize<ChainModelManifest>(File.ReadAllText(manifestPath), Json)
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        if (manifest.TaxonomyVersion != rules.Taxonomy.Version)
            throw new InvalidOperationException($"The model in {folder} was trained on taxonomy {manifest.TaxonomyVersion}, but the taxonomy is now {rules.Taxonomy.Version}: run 'Analytics train' again.");
        var classifier = TextClassifier.Load(Path.Combine(folder, ClassifierFile), manifest.Seed);
        // Models saved before the field classifier existed load without one.
        var fieldPath = Path.Combine(folder, FieldClassifierFile);
        var fieldClassifier = File.Exists(fieldPath) ? TextClassifier.Load(fieldPath, manifest.Seed) : null;
        var sectionPath = Path.Combine(folder, SectionClassifierFile);
        var sectionClassifier = File.Exists(sectionPath) ? TextClassifier.Load(sectionPath, manifest.Seed) : null;
        var models = new Dictionary<string, ISubTopicAssigner>(StringComparer.Ordinal);
        foreach (var (chain, topics) in manifest.SubTopics)
            models[chain] = SubTopicFiles.Load(Path.Combine(folder, "subtopics"), chain, topics.Count, manifest.Seed);
        return new ChainModel(rules, classifier, fieldClassifier, sectionClassifier, models, manifest, options);
    }

    /// <summary>Writes a manifest into a folder (the store rewrites a migrated model's manifest with its version number).</summary>
    public static void WriteManifest(string folder, ChainModelManifest manifest) =>
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));
}

/// <summary>Names of the labels and scores Analytics writes into <see cref="PatentRecord.Labels"/> and <see cref="PatentRecord.Scores"/> besides the facet fields.</summary>
public static class LabelNames
{
    public const string ChainReason = "chain_reason";
    public const string ChainConfidencePrefix = "chain_confidence:";
    public const string HighValue = Search.Indexer.Engine.LabelFacets.HighValue;
    public const string HighValueReason = "high_value_reason";
    public const string Sleeping = Search.Indexer.Engine.LabelFacets.Sleeping;
    public const string ValueIndex = Search.Indexer.Engine.LabelFacets.ValueIndexScore;
    /// <summary>The <see cref="PatentAnalytics.LabelVersion"/> a record's labels were made with.</summary>
    public const string Version = "label_version";

    /// <summary>
    /// Every label Analytics writes, and so replaces whole when it labels a record again; the others (the marketplace's
    /// open-licence label) are not its own and stay as stored.
    /// </summary>
    public static readonly IReadOnlyList<string> Written =
        [Search.Indexer.Engine.LabelFacets.Chain, ChainReason, Search.Indexer.Engine.LabelFacets.SubTopic, Search.Indexer.Engine.LabelFacets.TechField, HighValue, HighValueReason, Sleeping, Version];

    /// <summary>The families of scores Analytics writes: chain confidences, and the value index with its coverage and components.</summary>
    public static readonly IReadOnlyList<string> WrittenScorePrefixes = [ChainConfidencePrefix, ValueIndex];
}
