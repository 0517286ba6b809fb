using Analytics.Chains;
using Analytics.Evaluation;
using Analytics.Tests.Support;
using Search.Indexer.Normalization;

namespace Analytics.Tests.Chains;

/// <summary>The classifier's settings, trainers, title weighting and calibrated threshold, on real sample titles.</summary>
public sealed class TextClassifierTests
{
    /// <summary>600 real titles labelled with their main IPC's section (the first 600 rows with a title and a code).</summary>
    private static readonly Lazy<List<PatentTextRow>> SectionRows = new(() =>
    {
        var tokenizer = new PatentTextTokenizer();
        return Samples.Read(Samples.TitlesCsv)
            .Where(r => r.Titles.Count > 0 && r.IpcCodes.Count > 0 && Classification.TryNormalize(r.IpcCodes[0], out _, out _))
            .Take(600)
            .Select(r => new PatentTextRow { Tokens = tokenizer.Tokenize(r.Titles[0].Text), Label = Classification.Section(Classification.Normalize(r.IpcCodes[0])) })
            .ToList();
    });

    [Theory]
    [InlineData("sdca,chars=2,iter=20")]
    [InlineData("lbfgs,chars=3,hash=16,iter=30")]
    [InlineData("perceptron,chars=0,iter=5")]
    [InlineData("svm,chars=2,hash=16,iter=5")]
    [InlineData("lightgbm,chars=0,hash=14,iter=20")]
    public void Every_trainer_gives_each_title_a_probability_per_section_that_sums_to_one_and_beats_the_majority(string spec)
    {
        var rows = SectionRows.Value;
        var (train, test) = (rows.Where((_, i) => i % 4 != 0).ToList(), rows.Where((_, i) => i % 4 == 0).ToList());

        var classifier = TextClassifier.Train(train, ClassifierSettings.Parse(spec));
        var distributions = classifier.PredictDistribution(test.Select(r => new PatentTextRow { Tokens = r.Tokens }).ToList());
        var labels = classifier.Predict(test.Select(r => new PatentTextRow { Tokens = r.Tokens }).ToList());

        Assert.All(distributions, d =>
        {
            Assert.Equal(classifier.Labels.Count, d.Count);
            Assert.InRange(d.Sum(l => l.Confidence), 0.999, 1.001);
            Assert.True(d[0].Confidence >= d[^1].Confidence);
        });
        Assert.Equal(distributions.Select(d => d[0].Label), labels.Select(l => l.Label));
        var majority = train.GroupBy(r => r.Label).MaxBy(g => g.Count())!.Key;
        var accuracy = (double)labels.Where((l, i) => l.Label == test[i].Label).Count() / test.Count;
        var baseline = (double)test.Count(r => r.Label == majority) / test.Count;
        Assert.True(accuracy > baseline, $"{spec}: accuracy {accuracy:0.000} not above the majority's {baseline:0.000}");
    }

    [Fact]
    public void Parse_reads_the_spec_it_writes_and_keeps_defaults_for_what_it_does_not_name()
    {
        var settings = ClassifierSettings.Parse("lbfgs,chars=3,hash=18,title=2,iter=50,l2=1e-4");

        Assert.Equal(ClassifierTrainer.LbfgsMaximumEntropy, settings.Trainer);
        Assert.Equal((3, 18, 2, 50, 1e-4f), (settings.CharacterNgrams, settings.HashingBits, settings.TitleWeight, settings.Iterations, settings.L2));
        Assert.Equal(settings, ClassifierSettings.Parse(settings.Spec));
        Assert.Equal(new ClassifierSettings() with { Trainer = ClassifierTrainer.LinearSvmPlatt }, ClassifierSettings.Parse("svm"));
    }

    [Theory]
    [InlineData("forest")]
    [InlineData("sdca,chars=1")]
    [InlineData("sdca,hash=40")]
    [InlineData("sdca,depth=3")]
    [InlineData("sdca,l2=-1")]
    public void Parse_refuses_an_unknown_trainer_setting_or_value(string spec) =>
        Assert.Throws<FormatException>(() => ClassifierSettings.Parse(spec));

    [Fact]
    public void Weighted_text_repeats_the_titles_tokens_before_the_abstract_and_the_first_claim()
    {
        var record = Samples.Read(Path.Combine(Samples.Folder, "uspto-xml", "ipa061228.one.xml")).Single();
        var parts = new PatentTextTokenizer().Parts(record, bodyChars: 0);

        Assert.NotEmpty(parts.Title);
        Assert.NotEmpty(parts.Abstract);
        Assert.NotEmpty(parts.Claim);
        Assert.Equal($"{parts.Title} {parts.Title} {parts.Abstract} {parts.Claim}", parts.Weighted(2));
        Assert.Equal($"{parts.Title} {parts.Abstract}", parts.Weighted(1, EvaluationText.TitleAbstract));
        Assert.Equal($"{parts.Title} {parts.Title} {parts.Title}", parts.Weighted(3, EvaluationText.Title));
        Assert.True(new PatentTextTokenizer().Parts(record, bodyChars: 40).Abstract.Length < parts.Abstract.Length);
    }

    [Fact]
    public void Threshold_is_the_lowest_probability_whose_labels_reach_the_target_precision()
    {
        (double, bool)[] heldOut = [(0.95, true), (0.9, true), (0.8, true), (0.7, false), (0.6, true), (0.5, false), (0.4, false), (0.3, false)];

        var chosen = ConfidenceThreshold.Choose(heldOut, 0.8);

        // At 0.6: 4 of 5 right (0.8); at 0.5: 4 of 6 (0.67).
        Assert.Equal(0.6, chosen.Threshold);
        Assert.Equal(0.8, chosen.Precision, 6);
        Assert.Equal(5.0 / 8, chosen.Coverage, 6);
        Assert.Equal(8, chosen.HeldOut);
    }

    [Fact]
    public void Threshold_labels_nothing_when_no_threshold_reaches_the_target_and_keeps_ties_together()
    {
        var none = ConfidenceThreshold.Choose([(0.9, false), (0.8, true), (0.7, false)], 0.8);
        Assert.Equal(1.0, none.Threshold);
        Assert.Equal(0, none.Coverage);

        // The two at 0.9 go together: 1 of 2 right, below 0.8, so only the 0.95 is labelled.
        var tied = ConfidenceThreshold.Choose([(0.95, true), (0.9, true), (0.9, false), (0.5, false)], 0.8);
        Assert.Equal(0.95, tied.Threshold);
    }
}
