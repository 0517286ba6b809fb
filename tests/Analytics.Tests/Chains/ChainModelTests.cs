using Analytics.Chains;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Analytics.Tests.Chains;

/// <summary>The chain model trained once on every sample patent (about 6,000 real records).</summary>
public sealed class SampleChainModel : IDisposable
{
    public SampleChainModel()
    {
        Model = ChainModel.Train(Samples.All, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions());
        Labels = Model.Label(Samples.All);
        Model.Save(Folder.Path);
    }

    public ChainModel Model { get; }
    public IReadOnlyList<ChainLabels> Labels { get; }
    public TempFolder Folder { get; } = new();

    public void Dispose()
    {
        Model.Dispose();
        Folder.Dispose();
    }
}

public sealed class ChainModelTests(SampleChainModel trained) : IClassFixture<SampleChainModel>
{
    [Fact]
    public void Label_the_sample_corpus_populates_every_chain()
    {
        var counts = trained.Labels.SelectMany(l => l.Chains).GroupBy(c => c.ChainId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(IndustryTaxonomy.Default.Chains, c => Assert.True(counts.GetValueOrDefault(c.Id) >= 5, $"{c.Id}: {counts.GetValueOrDefault(c.Id)} patents"));
        Assert.True(trained.Labels.Count(l => l.Chains.Count > 0) > Samples.All.Count / 2);
    }

    [Fact]
    public void Label_what_the_rules_miss_gets_a_model_label_with_its_probability()
    {
        var byModel = trained.Labels.SelectMany(l => l.Chains).Where(c => c.Source == ChainEvidence.Model).ToList();
        Assert.NotEmpty(byModel);
        Assert.All(byModel, c =>
        {
            // The calibrated threshold, not the option (confidences are rounded to three places).
            Assert.InRange(c.Confidence, trained.Model.ChainThreshold - 0.0005, 1.0);
            Assert.StartsWith("classifier", c.Reason, StringComparison.Ordinal);
        });
        var rules = new ChainRules(IndustryTaxonomy.Default);
        for (var i = 0; i < Samples.All.Count; i++)
            if (trained.Labels[i].Chains.Any(c => c.Source == ChainEvidence.Model))
                Assert.Empty(rules.Apply(Samples.All[i]));
    }

    [Fact]
    public void Manifest_carries_the_classifier_settings_the_calibrated_threshold_and_the_training_data()
    {
        var m = trained.Model.Manifest;

        Assert.Equal(new ChainModelOptions().Classifier().Spec, m.Classifier);
        Assert.Equal(new ChainModelOptions().TextChars, m.TextChars);
        var threshold = Assert.IsType<ConfidenceThreshold>(m.ChainThreshold);
        Assert.Equal(threshold.Threshold, trained.Model.ChainThreshold);
        Assert.InRange(threshold.Threshold, 0.05, 1);
        // Chosen on the fifth of the seeds held out of the chain classifier's training, for the target precision.
        Assert.Equal(m.SeedLabelled, m.TrainingRecords + threshold.HeldOut);
        Assert.InRange(threshold.HeldOut, m.SeedLabelled / 5 - 11, m.SeedLabelled / 5 + 11);
        Assert.True(threshold.Precision >= new ChainModelOptions().ChainTargetPrecision, $"precision {threshold.Precision} on the held-out seeds");
        Assert.True(m.SectionTrainingRecords > Samples.All.Count / 2, $"{m.SectionTrainingRecords} section examples");
        Assert.True(m.FieldTrainingRecords > Samples.All.Count / 2, $"{m.FieldTrainingRecords} field examples");
        Assert.Equal(Samples.All.Count, m.RecordsRead);
        Assert.True(m.EarliestFiling < m.LatestFiling);

        var saved = ChainModel.ReadManifest(trained.Folder.Path)!;
        Assert.Equal((m.Classifier, m.ChainThreshold, m.TextChars, m.SectionTrainingRecords, m.EarliestFiling), (saved.Classifier, saved.ChainThreshold, saved.TextChars, saved.SectionTrainingRecords, saved.EarliestFiling));
    }

    [Fact]
    public void PredictFromText_reads_section_field_and_chain_with_probabilities_and_names_a_chain_only_at_the_threshold()
    {
        string[] texts = ["一种锂离子电池正极材料及其制备方法，所述正极材料包括磷酸铁锂", "运动鞋鞋底及其发泡成型工艺", "茶叶揉捻机"];

        var predictions = trained.Model.PredictFromText(texts);

        Assert.Equal(texts.Length, predictions.Count);
        Assert.All(predictions, p =>
        {
            Assert.All(new[] { p.Sections, p.Fields, p.Chains }, level =>
            {
                Assert.True(level.Count >= 2);
                Assert.InRange(level.Sum(l => l.Confidence), 0.999, 1.001);
            });
            Assert.Equal(p.Chains[0].Confidence >= trained.Model.ChainThreshold ? p.Chains[0].Label : null, p.Chain);
        });
        Assert.Contains(predictions[0].Sections[0].Label, new[] { "H", "C" });
        Assert.Equal("new-energy", predictions[0].Chains[0].Label);
        // Footwear (A43B) or moulding soles (B29D): both are where such a need's patents sit.
        Assert.Contains(predictions[1].Sections[0].Label, new[] { "A", "B" });
    }

    [Fact]
    public void Train_names_each_sub_topic_by_its_terms_and_labels_chain_members_with_one()
    {
        Assert.NotEmpty(trained.Model.Manifest.SubTopics);
        foreach (var (chain, topics) in trained.Model.Manifest.SubTopics)
        {
            Assert.InRange(topics.Count, 2, new ChainModelOptions().MaxSubTopics);
            Assert.Contains(topics, t => t.Terms.Count > 0);
            Assert.All(topics, t => Assert.StartsWith(chain + "/", t.Label, StringComparison.Ordinal));
        }
        var labelled = trained.Labels.First(l => l.Chains.Any(c => c.ChainId == "new-energy"));
        Assert.Contains(labelled.SubTopics, s => s.ChainId == "new-energy");
    }

    [Fact]
    public void Train_on_chains_whose_members_all_repeat_one_text_gives_them_no_sub_topics_and_still_labels()
    {
        // A bulk file of one template row repeated (numbers aside): each chain holds one distinct text, too few for KMeans.
        var rules = new ChainRules(IndustryTaxonomy.Default);
        var templates = Samples.All.Where(r => rules.Apply(r).Count == 1 && TextFeatures.IpcTokens(r.IpcCodes).Length > 0).DistinctBy(r => rules.Apply(r)[0].ChainId).Take(3).ToList();
        var records = templates.SelectMany((t, c) => Enumerable.Range(0, 120).Select(i =>
        {
            var copy = RecordJson.Deserialize(RecordJson.Serialize(t));
            copy.PublicationNumber = new PatentNumber("CN", (400_000_000 + c * 1_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "A");
            return copy;
        })).ToList();

        using var model = ChainModel.Train(records, rules, new ChainModelOptions());

        Assert.Equal(3, templates.Count);
        Assert.Empty(model.Manifest.SubTopics);
        Assert.All(model.Label(records), l => Assert.Single(l.Chains));
    }

    [Fact]
    public void Explain_names_the_code_that_fired_or_the_classifiers_probability_and_the_terms_that_weighed_most()
    {
        var rules = new ChainRules(IndustryTaxonomy.Default);
        var byRule = Samples.All.First(r => rules.Apply(r).Any(a => a.Source == ChainEvidence.Ipc));
        var ruled = trained.Model.Explain(byRule);
        Assert.Equal(rules.Apply(byRule).Select(a => a.ChainId), ruled.Select(a => a.ChainId));
        var ipc = ruled.First(a => a.Source == ChainEvidence.Ipc).Explanation!;
        Assert.Contains("IPC {0} matches the chain's pattern {1}", ipc.Key, StringComparison.Ordinal);
        Assert.Contains(ipc.Arguments[0].Text, byRule.IpcCodes);

        var index = Enumerable.Range(0, Samples.All.Count).First(i => trained.Labels[i].Chains.Any(c => c.Source == ChainEvidence.Model));
        var byModel = trained.Model.Explain(Samples.All[index]);
        var model = Assert.Single(byModel);
        Assert.Equal(trained.Labels[index].Chains.Single().ChainId, model.ChainId);
        Assert.Equal(ChainEvidence.Model, model.Source);
        Assert.Equal("no rule applies; the classifier gives this chain probability {0}, most from: {1}", model.Explanation!.Key);
        var terms = model.Explanation.Arguments[1].Text!.Split(", ");
        Assert.InRange(terms.Length, 1, ChainModel.ExplanationTerms);
        // Each term comes from this patent: its words or IPC codes, not the chain's vocabulary at large.
        var text = string.Concat(Samples.All[index].Titles.Concat(Samples.All[index].Abstracts).Select(t => t.Text)) + string.Join(' ', Samples.All[index].IpcCodes);
        Assert.All(terms, t => Assert.True(t.Split(' ').All(part => text.Contains(part, StringComparison.OrdinalIgnoreCase)), $"'{t}' is not in the patent: {string.Join(" / ", terms)}"));
    }

    [Fact]
    public void Load_the_saved_model_labels_exactly_as_the_trained_one()
    {
        using var reloaded = ChainModel.Load(trained.Folder.Path, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions());
        var sample = Samples.All.Where((_, i) => i % 7 == 0).ToList();
        var again = reloaded.Label(sample);
        var first = trained.Labels.Where((_, i) => i % 7 == 0).ToList();
        for (var i = 0; i < sample.Count; i++)
        {
            Assert.Equal(first[i].Chains, again[i].Chains);
            Assert.Equal(first[i].SubTopics.Select(s => s.Label), again[i].SubTopics.Select(s => s.Label));
        }
    }

    [Fact]
    public void Train_twice_with_the_same_seed_gives_the_same_model()
    {
        var subset = Samples.All.Where((_, i) => i % 8 == 0).ToList();
        using var a = ChainModel.Train(subset, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions());
        using var b = ChainModel.Train(subset, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions());
        Assert.Equal(a.Manifest.SeedsPerChain, b.Manifest.SeedsPerChain);
        Assert.Equal(a.Manifest.SubTopics.SelectMany(kv => kv.Value).Select(t => (t.Label, t.Size)), b.Manifest.SubTopics.SelectMany(kv => kv.Value).Select(t => (t.Label, t.Size)));
        Assert.Equal(a.Label(subset).SelectMany(l => l.Chains), b.Label(subset).SelectMany(l => l.Chains));
    }

    [Fact]
    public void Load_after_the_taxonomy_version_changed_asks_for_retraining()
    {
        using var folder = new TempFolder();
        foreach (var f in Directory.GetFiles(trained.Folder.Path)) File.Copy(f, Path.Combine(folder.Path, Path.GetFileName(f)));
        var manifest = Path.Combine(folder.Path, ChainModel.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace($"\"{IndustryTaxonomy.Default.Version}\"", "\"2000.1\"", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidOperationException>(() => ChainModel.Load(folder.Path, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions()));
        Assert.Contains("train", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_writes_chains_sub_topics_and_fields_as_facet_labels_with_confidence_scores()
    {
        var index = Samples.All.ToList().FindIndex(r => r.Id == "CN218751475U");
        var record = Samples.Get("CN218751475U");
        ChainModel.Apply(record, trained.Labels[index]);
        Assert.Contains("digital-economy", record.Labels[LabelFacets.Chain]);
        Assert.Equal(["Transport"], record.Labels[LabelFacets.TechField]);
        Assert.Contains(record.Labels[LabelNames.ChainReason], r => r.StartsWith("digital-economy: keyword", StringComparison.Ordinal));
        Assert.Equal(ChainRules.KeywordConfidence, record.Scores[LabelNames.ChainConfidencePrefix + "digital-economy"]);
    }
}
