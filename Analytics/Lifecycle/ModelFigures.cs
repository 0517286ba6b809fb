using System.Globalization;
using Analytics.Chains;
using Analytics.Evaluation;
using Analytics.TechnologyFields;
using Search.Indexer.Records;

namespace Analytics.Lifecycle;

/// <summary>
/// A model's evaluation figures on held-out records: chain precision and coverage of the classifier reading text
/// alone (gold: the chain the IPC rules give), and technology-field accuracy and macro-F1 (gold: the field the IPC
/// maps to). Field figures are null for a model without a field classifier (trained before versions existed).
/// </summary>
public sealed record ModelFigures(double ChainPrecision, double ChainCoverage, double? FieldAccuracy, double? FieldMacroF1, int ChainHeldOut, int FieldHeldOut)
{
    /// <summary>IPC-section accuracy from text (gold: the main IPC's section); null for a model without a section classifier.</summary>
    public double? SectionAccuracy { get; init; }
    public int SectionHeldOut { get; init; }
    /// <summary>
    /// Share of the held-out records no rule gives a chain that the classifier labels (what it exists for); null when the
    /// held-out records hold none.
    /// </summary>
    public double? WithoutChainCoverage { get; init; }
    public int WithoutChainHeldOut { get; init; }

    /// <summary>The figures validation compares, by name, in a fixed order.</summary>
    public IEnumerable<(string Name, double? Value)> Compared()
    {
        yield return ("chain precision", ChainPrecision);
        yield return ("chain coverage", ChainCoverage);
        yield return ("technology-field accuracy", FieldAccuracy);
        yield return ("technology-field macro-F1", FieldMacroF1);
        yield return ("IPC-section accuracy", SectionAccuracy);
    }
}

/// <summary>Measures models on held-out records with the evaluation code <c>Analytics evaluate</c> uses.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// The held-out fifth, chosen by a stable (FNV-1a) hash of the record's id: the same records are held out of every
    /// training, so the active model and a candidate are measured on records neither saw.
    /// </summary>
    public static bool IsHeldOut(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        uint h = 2166136261;
        foreach (var c in record.Id)
        {
            h ^= c;
            h *= 16777619;
        }
        return h % 5 == 0;
    }

    public static ModelFigures Measure(ChainModel model, IReadOnlyList<PatentRecord> heldOut)
    {
        var rules = model.Rules;
        var chainGold = new List<(PatentRecord Record, HashSet<string> Chains)>();
        var withoutChain = new List<PatentRecord>();
        foreach (var r in heldOut)
        {
            var chains = rules.Apply(r);
            if (chains.Count > 0) chainGold.Add((r, chains.Select(c => c.ChainId).ToHashSet(StringComparer.Ordinal)));
            else withoutChain.Add(r);
        }
        double? withoutChainCoverage = withoutChain.Count == 0 ? null
            : Math.Round((double)model.PredictChainsFromText(withoutChain).Count(c => c is not null) / withoutChain.Count, 4);
        var predicted = model.PredictChainsFromText(chainGold.Select(g => g.Record).ToList());
        int given = 0, right = 0;
        for (var i = 0; i < chainGold.Count; i++)
        {
            if (predicted[i] is not { } chain) continue;
            given++;
            if (chainGold[i].Chains.Contains(chain)) right++;
        }

        var concordance = TechnologyFieldConcordance.Default;
        var fieldGold = heldOut.Select(r => (Record: r, Field: concordance.FieldsOf(r) is [var f, ..] ? f.NameEn : null))
            .Where(x => x.Field is not null).ToList();
        double? accuracy = null, macroF1 = null;
        if (model.PredictFieldsFromText(fieldGold.Select(x => x.Record).ToList()) is { } fields && fieldGold.Count > 0)
        {
            var gold = fieldGold.Select(x => x.Field!).ToList();
            var scores = ClassificationMetrics.Score(gold, fields);
            accuracy = Math.Round(scores.Accuracy, 4);
            macroF1 = Math.Round(scores.MacroF1, 4);
        }
        var sectionGold = heldOut.Select(r => (Record: r, Section: r.IpcCodes.Select(c => Search.Indexer.Normalization.Classification.TryNormalize(c, out var n, out _) && n.Length >= 4 ? n[..1] : null)
            .FirstOrDefault(s => s is not null))).Where(x => x.Section is not null).ToList();
        double? sectionAccuracy = null;
        if (model.PredictSectionsFromText(sectionGold.Select(x => x.Record).ToList()) is { } sections && sectionGold.Count > 0)
            sectionAccuracy = Math.Round((double)sections.Where((s, i) => s == sectionGold[i].Section).Count() / sectionGold.Count, 4);
        return new ModelFigures(
            given == 0 ? 0 : Math.Round((double)right / given, 4),
            chainGold.Count == 0 ? 0 : Math.Round((double)given / chainGold.Count, 4),
            accuracy, macroF1, chainGold.Count, fieldGold.Count)
        {
            SectionAccuracy = sectionAccuracy,
            SectionHeldOut = sectionGold.Count,
            WithoutChainCoverage = withoutChainCoverage,
            WithoutChainHeldOut = withoutChain.Count,
        };
    }
}

/// <summary>
/// The rule a candidate must pass to be activated: none of its figures may fall more than <see cref="Tolerance"/>
/// (absolute) below the active model's figure on the same held-out records. A figure the active model lacks
/// (a model from before versions) constrains nothing. Ties and small noise pass; a real drop keeps the candidate inactive.
/// </summary>
public sealed record ModelValidation(double Tolerance)
{
    public (bool Passed, string Reason) Judge(ModelFigures candidate, ModelFigures? active, int? activeVersion)
    {
        if (active is null || activeVersion is null) return (true, "no active model to compare with");
        var worse = candidate.Compared().Zip(active.Compared())
            .Where(p => p.First.Value is { } c && p.Second.Value is { } a && c < a - Tolerance)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First.Name} {p.First.Value:0.000} < {p.Second.Value:0.000} of version {activeVersion}"))
            .ToList();
        return worse.Count == 0
            ? (true, string.Create(CultureInfo.InvariantCulture, $"no figure below version {activeVersion} by more than {Tolerance:0.###}"))
            : (false, string.Join("; ", worse) + string.Create(CultureInfo.InvariantCulture, $" (tolerance {Tolerance:0.###})"));
    }
}
