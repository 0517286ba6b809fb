using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Analytics.Chains;

/// <summary>One patent as the models see it: segmented text tokens, IPC tokens and (for training) a label.</summary>
public sealed class PatentTextRow
{
    /// <summary>Space-separated tokens from <see cref="PatentTextTokenizer"/>.</summary>
    public string Tokens { get; set; } = "";
    /// <summary>Space-separated IPC subclasses and main groups (<c>H01L H01L21</c>); empty when the model ignores IPC.</summary>
    public string Ipc { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>
/// The feature pipeline the classifier and the clusterings share. Tokens (already segmented) become
/// keys, then word uni- and bigrams weighted by TF-IDF and L2-normalised; IPC tokens become a
/// separate normalised bag, so that text and classification weigh alike.
/// </summary>
public static class TextFeatures
{
    public const string Features = "Features";
    public const string TextFeaturesColumn = "TextFeatures";

    /// <summary>Text features only, into <see cref="Features"/>.</summary>
    /// <param name="characters">Add character uni- and bigrams beside the words (better on short titles; measured by <c>evaluate</c>).</param>
    public static IEstimator<ITransformer> TextOnly(MLContext ml, bool characters = true, int maximumNgrams = 200_000) =>
        TextPart(ml, Features, characters, maximumNgrams);

    /// <summary>Text and IPC features, concatenated into <see cref="Features"/>.</summary>
    public static IEstimator<ITransformer> TextAndIpc(MLContext ml, bool characters = true, int maximumNgrams = 200_000) =>
        TextPart(ml, TextFeaturesColumn, characters, maximumNgrams)
            .Append(ml.Transforms.Text.TokenizeIntoWords("IpcWords", nameof(PatentTextRow.Ipc), [' ']))
            .Append(ml.Transforms.Conversion.MapValueToKey("IpcKeys", "IpcWords"))
            .Append(ml.Transforms.Text.ProduceNgrams("IpcBag", "IpcKeys", ngramLength: 1, useAllLengths: false))
            .Append(ml.Transforms.NormalizeLpNorm("IpcFeatures", "IpcBag"))
            .Append(ml.Transforms.Concatenate(Features, TextFeaturesColumn, "IpcFeatures"));

    private static EstimatorChain<LpNormNormalizingTransformer> TextPart(MLContext ml, string output, bool characters, int maximumNgrams)
    {
        var words = ml.Transforms.Text.TokenizeIntoWords("Words", nameof(PatentTextRow.Tokens), [' '])
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordNgrams", "WordKeys", ngramLength: 2, useAllLengths: true,
                maximumNgramsCount: maximumNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf));
        if (!characters) return words.Append(ml.Transforms.NormalizeLpNorm(output, "WordNgrams"));
        // Character uni- and bigrams beside the words: short titles share few whole words, and a word
        // jieba does not know still shares characters with its relatives.
        return words
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(PatentTextRow.Tokens), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceNgrams("CharNgrams", "Chars", ngramLength: 2, useAllLengths: true,
                maximumNgramsCount: maximumNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("WordPart", "WordNgrams"))
            .Append(ml.Transforms.NormalizeLpNorm("CharPart", "CharNgrams"))
            .Append(ml.Transforms.Concatenate("TextConcat", "WordPart", "CharPart"))
            .Append(ml.Transforms.NormalizeLpNorm(output, "TextConcat"));
    }

    /// <summary>
    /// The classifier's text features as <paramref name="settings"/> say: jieba word uni- and bigrams, optionally character
    /// n-grams beside them, each part either from a dictionary with TF-IDF weights or hashed (no dictionary to build, so
    /// training on many records costs less memory and time), each part L2-normalised and the whole again.
    /// </summary>
    public static IEstimator<ITransformer> Text(MLContext ml, ClassifierSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.HashingBits == 0 && settings.CharacterNgrams is 0 or 2)
            return TextPart(ml, Features, settings.CharacterNgrams == 2, 200_000);
        var bits = settings.HashingBits == 0 ? 18 : settings.HashingBits;
        var words = ml.Transforms.Text.TokenizeIntoWords("Words", nameof(PatentTextRow.Tokens), [' ']);
        IEstimator<ITransformer> chain = settings.HashingBits == 0
            ? words.Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
                .Append(ml.Transforms.Text.ProduceNgrams("WordNgrams", "WordKeys", ngramLength: 2, useAllLengths: true,
                    maximumNgramsCount: 200_000, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            // Words to keys (a dictionary of single words only, which stays small), their uni- and bigrams hashed into a
            // fixed space; slot names are kept for one term each so that explanations can still name the terms that weighed most.
            : words.Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
                .Append(ml.Transforms.Text.ProduceHashedNgrams("WordNgrams", "WordKeys", numberOfBits: bits, ngramLength: 2, useAllLengths: true, maximumNumberOfInverts: 1));
        chain = chain.Append(ml.Transforms.NormalizeLpNorm("WordPart", "WordNgrams"));
        if (settings.CharacterNgrams == 0)
            return chain.Append(ml.Transforms.CopyColumns(Features, "WordPart"));
        chain = chain.Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(PatentTextRow.Tokens), useMarkerCharacters: false));
        chain = settings.HashingBits == 0
            ? chain.Append(ml.Transforms.Text.ProduceNgrams("CharNgrams", "Chars", ngramLength: settings.CharacterNgrams, useAllLengths: true,
                maximumNgramsCount: 300_000, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            // Character keys carry no text to name a hashed slot by: explanations name words only.
            : chain.Append(ml.Transforms.Text.ProduceHashedNgrams("CharNgrams", "Chars", numberOfBits: bits, ngramLength: settings.CharacterNgrams, useAllLengths: true));
        return chain
            .Append(ml.Transforms.NormalizeLpNorm("CharPart", "CharNgrams"))
            .Append(ml.Transforms.Concatenate("TextConcat", "WordPart", "CharPart"))
            .Append(ml.Transforms.NormalizeLpNorm(Features, "TextConcat"));
    }

    /// <summary>The IPC tokens of a patent: each subclass and main group once.</summary>
    public static string IpcTokens(IEnumerable<string> ipcCodes)
    {
        var tokens = new List<string>();
        foreach (var code in ipcCodes)
        {
            if (!Taxonomy.IpcParts.TryParse(code, out var p) || p.Subclass is null) continue;
            if (!tokens.Contains(p.Subclass)) tokens.Add(p.Subclass);
            if (p.MainGroupKey is { } g && !tokens.Contains(g)) tokens.Add(g);
        }
        return string.Join(' ', tokens);
    }
}

/// <summary>A class prediction as ML.NET returns it.</summary>
internal sealed class ClassPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}

/// <summary>A cluster assignment as ML.NET returns it (1-based cluster id).</summary>
internal sealed class ClusterPrediction
{
    [ColumnName("PredictedLabel")]
    public uint Cluster { get; set; }
    public float[] Score { get; set; } = [];
}
