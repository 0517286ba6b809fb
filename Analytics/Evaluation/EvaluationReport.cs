namespace Analytics.Evaluation;

/// <summary>One clustering run: which text view, against which gold level, and its scores.</summary>
public sealed record ClusteringRun(string View, string Gold, ClusteringScores Scores, double Seconds)
{
    /// <summary>The view is the one the product's sub-topic clusterer uses.</summary>
    public bool Product { get; init; }
    /// <summary>How k was chosen when a criterion chose it (its value for every k tried); null when k is the gold's number of classes.</summary>
    public Chains.ClusterCountChoice? Choice { get; init; }
}

/// <summary>A baseline's accuracy and macro-F1, and the share of items it gives any label.</summary>
public sealed record Baseline(string Description, double Accuracy, double MacroF1, double Coverage);

/// <summary>The model's cross-validated scores (predictions of every fold pooled) and each fold's accuracy.</summary>
public sealed record ModelScores(string Description, ClassificationScores Scores, IReadOnlyList<double> FoldAccuracy)
{
    /// <summary>Seconds spent training, all folds together (on a shared machine: compare only within one run).</summary>
    public double TrainSeconds { get; init; }
}

/// <summary>
/// The chain classifier with its calibrated probability threshold, as the product labels: the precision of its labels on
/// held-out records whose chain the code rules know, the share of those it labels, and the share of the records no rule
/// gives a chain (what the classifier exists for) that it labels.
/// </summary>
/// <param name="Thresholds">Each fold's threshold, chosen on the other folds' held-out predictions.</param>
public sealed record CalibratedChains(double TargetPrecision, IReadOnlyList<double> Thresholds, double Precision, double KnownCoverage, int WithoutChain, double WithoutChainCoverage);

/// <summary>One level of labels predicted from text: its gold, the model and the baselines.</summary>
public sealed record LevelReport
{
    /// <summary>Stable id: <c>ipc-section</c>, <c>technology-field</c> or <c>industry-chain</c>.</summary>
    public required string Level { get; init; }
    public required string Gold { get; init; }
    /// <summary>Records with a gold label at this level.</summary>
    public int Items { get; init; }
    public int Excluded { get; init; }
    public string? ExcludedWhy { get; init; }
    public int Classes { get; init; }
    /// <summary>Why the level was not scored (too few records or classes); null when it was.</summary>
    public string? Skipped { get; init; }
    public ModelScores? Model { get; init; }
    public Baseline? Majority { get; init; }
    /// <summary>The taxonomy's rules as a baseline, where they apply (chains); null elsewhere.</summary>
    public Baseline? Rules { get; init; }
    /// <summary>Chains only: the classifier's labels above its calibrated threshold; null elsewhere.</summary>
    public CalibratedChains? Calibrated { get; init; }
}

/// <summary>
/// Everything <c>Analytics evaluate</c> prints and writes with <c>--json</c>. The JSON keys are the
/// camel-cased property names and are kept stable (<see cref="SchemaVersion"/> changes when they do):
/// later work compares its figures with these.
/// </summary>
public sealed record EvaluationReport
{
    public const string SchemaVersion = "analytics-evaluate/1";

    public string Schema { get; init; } = SchemaVersion;
    public required IReadOnlyList<EvaluationInputFile> Inputs { get; init; }
    public int Records { get; init; }
    public int Duplicates { get; init; }
    public int RejectedRecords { get; init; }
    public IReadOnlyList<string> FirstRejections { get; init; } = [];
    /// <summary>Records with text and a gold classification: what every level and clustering draws from.</summary>
    public int Items { get; init; }
    /// <summary>Items whose gold codes are CPC because the record has no IPC (CPC shares IPC's sections, classes and subclasses).</summary>
    public int GoldFromCpc { get; init; }
    public int WithAbstract { get; init; }
    public int WithFirstClaim { get; init; }
    public EvaluationText Text { get; init; }
    public int Folds { get; init; }
    public int Seed { get; init; }
    public required string TaxonomyVersion { get; init; }
    /// <summary>The classifiers' trainer and features (<see cref="Chains.ClassifierSettings.Spec"/>).</summary>
    public string? Classifier { get; init; }
    public required IReadOnlyList<LevelReport> Levels { get; init; }
    public required IReadOnlyList<ClusteringRun> Clustering { get; init; }
    public string ReferencePoints { get; init; } =
        "Literature: BERT-CNN on CNIPA applications 84.3 % accuracy at section/class level; NMI / V-measure 0.3–0.5 for text clustering against patent classes (PatenTEB ≈ 0.49); ARI 0.5–0.76 in the best published study.";
}
