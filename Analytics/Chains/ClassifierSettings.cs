using System.Globalization;

namespace Analytics.Chains;

/// <summary>The learning algorithm behind a <see cref="TextClassifier"/>.</summary>
public enum ClassifierTrainer
{
    /// <summary>Multiclass logistic regression (maximum entropy) by stochastic dual coordinate ascent, one thread.</summary>
    SdcaMaximumEntropy,
    /// <summary>Multiclass logistic regression (maximum entropy) by L-BFGS.</summary>
    LbfgsMaximumEntropy,
    /// <summary>One binary averaged perceptron per class, scores turned into probabilities by Platt scaling.</summary>
    AveragedPerceptronPlatt,
    /// <summary>One binary linear SVM per class, scores turned into probabilities by Platt scaling.</summary>
    LinearSvmPlatt,
    /// <summary>Gradient-boosted trees (LightGBM), multiclass.</summary>
    LightGbm,
}

/// <summary>
/// How a text classifier is built: trainer, features and how much the title weighs. Written as a short spec on the
/// command line (<c>lbfgs,chars=3,hash=18,title=2,iter=100,l2=1e-6</c>) so that <c>evaluate --classifier</c> can try
/// the combinations ADR-024 compares.
/// </summary>
public sealed record ClassifierSettings
{
    public ClassifierTrainer Trainer { get; init; } = ClassifierTrainer.SdcaMaximumEntropy;
    /// <summary>Character n-grams up to this length beside the words: 0 (none), 2 or 3.</summary>
    public int CharacterNgrams { get; init; } = 2;
    /// <summary>Bits of the hashed feature space per part; 0 builds a dictionary instead (TF-IDF weights).</summary>
    public int HashingBits { get; init; }
    /// <summary>How many times the title's tokens are repeated before the abstract's and the first claim's.</summary>
    public int TitleWeight { get; init; } = 1;
    /// <summary>Passes (SDCA, perceptron, SVM), or iterations (L-BFGS, LightGBM boosting rounds).</summary>
    public int Iterations { get; init; } = 100;
    public float L2 { get; init; } = 1e-6f;

    private static readonly Dictionary<string, ClassifierTrainer> TrainerNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sdca"] = ClassifierTrainer.SdcaMaximumEntropy,
        ["lbfgs"] = ClassifierTrainer.LbfgsMaximumEntropy,
        ["perceptron"] = ClassifierTrainer.AveragedPerceptronPlatt,
        ["svm"] = ClassifierTrainer.LinearSvmPlatt,
        ["lightgbm"] = ClassifierTrainer.LightGbm,
    };

    /// <summary>The short spec this parses from, e.g. <c>sdca,chars=2,hash=0,title=1,iter=100,l2=1E-06</c>.</summary>
    public string Spec => string.Create(CultureInfo.InvariantCulture,
        $"{TrainerNames.First(kv => kv.Value == Trainer).Key},chars={CharacterNgrams},hash={HashingBits},title={TitleWeight},iter={Iterations},l2={L2:G}");

    /// <summary>In words, for reports.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Trainer switch
        {
            ClassifierTrainer.SdcaMaximumEntropy => "SDCA maximum entropy",
            ClassifierTrainer.LbfgsMaximumEntropy => "L-BFGS maximum entropy",
            ClassifierTrainer.AveragedPerceptronPlatt => "one-vs-rest averaged perceptron + Platt",
            ClassifierTrainer.LinearSvmPlatt => "one-vs-rest linear SVM + Platt",
            _ => "LightGBM",
        }} on jieba words{(CharacterNgrams > 0 ? $" and character 1–{CharacterNgrams}-grams" : "")}, " +
        $"{(HashingBits > 0 ? $"hashed to 2^{HashingBits}" : "dictionary, TF-IDF")}, title ×{TitleWeight}, {Iterations} iterations, L2 {L2:G} ({Spec})");

    /// <summary>Reads a spec: comma-separated trainer name and <c>key=value</c> pairs; what is not named keeps its default.</summary>
    /// <exception cref="FormatException">An unknown trainer, key or value.</exception>
    public static ClassifierSettings Parse(string spec, ClassifierSettings? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = defaults ?? new ClassifierSettings();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                result = TrainerNames.TryGetValue(part, out var trainer) ? result with { Trainer = trainer }
                    : throw new FormatException($"'{part}' is not a trainer; expected one of {string.Join(", ", TrainerNames.Keys)}.");
                continue;
            }
            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            result = key.ToLowerInvariant() switch
            {
                "chars" => result with { CharacterNgrams = Int(key, value, 0, 3) is var c && c != 1 ? c : throw new FormatException("chars must be 0, 2 or 3.") },
                "hash" => result with { HashingBits = Int(key, value, 0, 24) is var b && (b == 0 || b >= 10) ? b : throw new FormatException("hash must be 0 (dictionary) or 10–24 bits.") },
                "title" => result with { TitleWeight = Int(key, value, 1, 5) },
                "iter" => result with { Iterations = Int(key, value, 1, 10_000) },
                "l2" => result with
                {
                    L2 = float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var l2) && l2 >= 0 && float.IsFinite(l2) ? l2
                        : throw new FormatException($"l2 must be a number of zero or more, not '{value}'."),
                },
                _ => throw new FormatException($"'{key}' is not a classifier setting; expected chars, hash, title, iter or l2."),
            };
        }
        return result;
    }

    private static int Int(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
            : throw new FormatException($"{key} must be a whole number from {min} to {max}, not '{value}'.");
}
