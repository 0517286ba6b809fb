using Analytics.Chains;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using JiebaNet.Segmenter;
using Search.Indexer.Engine;

namespace Analytics.Tests.Chains;

public sealed class SubTopicSpaceTests
{
    private static readonly PatentTextTokenizer Tokenizer = new();

    [Fact]
    public void Jacobi_eigen_finds_the_eigenvalues_of_a_symmetric_matrix()
    {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,-1)/√2.
        var (values, vectors) = RandomizedSvd.JacobiEigen([2, 1, 1, 2], 2);
        var order = values.Select((v, i) => (v, i)).OrderByDescending(x => x.v).ToList();
        Assert.Equal(3, order[0].v, 9);
        Assert.Equal(1, order[1].v, 9);
        var top = order[0].i;
        Assert.Equal(Math.Abs(vectors[0 * 2 + top]), Math.Abs(vectors[1 * 2 + top]), 9);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[top]), 9);
    }

    [Fact]
    public void Project_puts_patents_on_one_technology_nearer_each_other_than_patents_on_another()
    {
        var battery = Samples.All.Where(r => r.IpcCodes.Any(c => c.StartsWith("H01M", StringComparison.Ordinal))).Take(60).ToList();
        var medicines = Samples.All.Where(r => r.IpcCodes.Any(c => c.StartsWith("A61K", StringComparison.Ordinal))).Take(60).ToList();
        Assert.True(battery.Count >= 20 && medicines.Count >= 20, $"{battery.Count} battery and {medicines.Count} medicine patents in the samples");
        var texts = battery.Concat(medicines).Select(r => Tokenizer.Tokenize(r)).ToList();

        var space = LsaSpace.Fit(texts, new LsaSettings { Rank = 20 }, seed: 42);
        var points = space.Project(texts);

        Assert.All(points, p => Assert.True(p.All(x => x == 0) || Math.Abs(p.Sum(x => (double)x * x) - 1) < 1e-4, "a projection is not a unit vector"));
        double Mean(IEnumerable<(int A, int B)> pairs) => pairs.Average(x => SphericalKMeans.Dot(points[x.A], points[x.B]));
        var nb = battery.Count;
        var within = Mean(from a in Enumerable.Range(0, nb) from b in Enumerable.Range(0, nb) where a < b select (a, b));
        var across = Mean(from a in Enumerable.Range(0, nb) from b in Enumerable.Range(nb, medicines.Count) select (a, b));
        Assert.True(within > across + 0.1, $"cosine within batteries {within:0.000}, batteries to medicines {across:0.000}");
    }

    [Fact]
    public void ChooseK_picks_the_number_of_separate_groups_and_keeps_the_criterion_of_every_k_tried()
    {
        // Three tight groups around three orthogonal directions of an 8-dimensional space.
        var random = new Random(7);
        var points = new List<float[]>();
        for (var g = 0; g < 3; g++)
            for (var i = 0; i < 40; i++)
            {
                var p = new float[8];
                p[g] = 1;
                for (var d = 0; d < 8; d++) p[d] += (float)(random.NextDouble() * 0.2);
                LsaSpace.Normalise(p);
                points.Add(p);
            }

        var (clustering, choice) = SphericalKMeans.ChooseK(points, 2, 6, seed: 42);

        Assert.Equal(3, choice.K);
        Assert.Equal([2, 3, 4, 5, 6], choice.Values.Keys.Order());
        Assert.Equal(choice.Values.Values.Max(), choice.Values[3]);
        for (var g = 0; g < 3; g++)
            Assert.Single(clustering.Assignments.Skip(g * 40).Take(40).Distinct());
    }

    [Fact]
    public void Name_leaves_out_fragments_glued_to_particles_and_keeps_the_whole_word()
    {
        // The fragments issue 16 quotes from need texts, most frequent in the cluster, beside the words they were cut from.
        var rows = Enumerable.Range(0, 6).Select(i => new PatentTextRow { Tokens = i < 3 ? "的鞋底 的鞋底 鞋底 发泡 在组件 万块" : "或设备 电池 储能 电池" }).ToList();

        var topics = SubTopicNames.Name("x", rows, [0, 0, 0, 1, 1, 1], 2, 3);

        Assert.Equal(["发泡", "鞋底"], topics[0].Terms.Order(StringComparer.Ordinal));
        Assert.Equal(["储能", "电池"], topics[1].Terms.Order(StringComparer.Ordinal));
        Assert.Equal([3, 3], topics.Select(t => t.Size));
    }

    [Fact]
    public void Name_ranks_a_term_frequent_in_one_cluster_and_rare_in_the_others_first()
    {
        // 电池 is in every text of both clusters; 极片 only in the first: c-TF-IDF puts the distinctive one first.
        var rows = new[] { "电池 极片 涂布", "电池 极片", "电池 极片 涂布", "电池 电池 外壳", "电池 外壳 散热", "电池 散热" }
            .Select(t => new PatentTextRow { Tokens = t }).ToList();

        var topics = SubTopicNames.Name("x", rows, [0, 0, 0, 1, 1, 1], 2, 2);

        Assert.Equal("极片", topics[0].Terms[0]);
        Assert.DoesNotContain("电池", topics[0].Terms);
    }
}

/// <summary>The sub-topics of the chain model trained on every sample patent (the product's own training).</summary>
public sealed class SubTopicSampleTests(SampleChainModel trained) : IClassFixture<SampleChainModel>
{
    private const string Particles = "的在或和与及万等将把被对";

    [Fact]
    public void Train_names_sub_topics_on_the_real_samples_with_whole_words_and_each_labels_some_record()
    {
        var manifest = trained.Model.Manifest;
        Assert.NotEmpty(manifest.SubTopics);
        var tokenizer = new PatentTextTokenizer();
        // Titles and whole abstracts: training reads abstracts cut at ChainModelOptions.TextChars, never more.
        var corpusWords = Samples.All.SelectMany(r => tokenizer.Parts(r, 0).TitleAndAbstract.Split(' ')).ToHashSet(StringComparer.Ordinal);
        foreach (var (chain, topics) in manifest.SubTopics)
            foreach (var topic in topics)
            {
                Assert.NotEmpty(topic.Terms);
                Assert.Contains(trained.Labels, l => l.SubTopics.Any(s => s.Label == topic.Label));
                foreach (var term in topic.Terms)
                {
                    var chinese = term.All(c => c >= '\u3400');
                    Assert.True(chinese ? term.Length >= 2 : term.Length >= 3, $"{topic.Label}: '{term}' is too short to name anything");
                    Assert.True(!chinese || WordDictionary.Instance.ContainsWord(term) || (!Particles.Contains(term[0]) && !Particles.Contains(term[^1])),
                        $"{topic.Label}: '{term}' is a fragment glued to a particle");
                    // Names come from words of at least two of the records the sub-topic was trained on. Labelling assigns records again
                    // (only those the chain classifier's calibrated threshold gives the chain, read whole rather than cut), so the
                    // labelled members need not hold every name: the word must be one the segmentation makes of some sample.
                    Assert.True(corpusWords.Contains(term), $"{topic.Label}: '{term}' is no whole word of any sample");
                }
            }
    }

    [Fact]
    public void Train_chooses_each_chains_number_of_sub_topics_by_the_silhouette_and_keeps_its_values()
    {
        var manifest = trained.Model.Manifest;
        Assert.Equal(manifest.SubTopics.Keys.Order(), manifest.SubTopicChoices.Keys.Order());
        foreach (var (chain, choice) in manifest.SubTopicChoices)
        {
            Assert.Equal(ClusterCountChoice.SilhouetteGain, choice.Criterion);
            Assert.Equal(manifest.SubTopics[chain].Count, choice.K);
            Assert.Equal(2, choice.Values.Keys.Min());
            Assert.Equal(choice.Values.Values.Max(), choice.Values[choice.K]);
        }
        // Not one fixed k: the criterion gives chains of different shapes different numbers.
        Assert.True(manifest.SubTopicChoices.Values.Select(c => c.K).Distinct().Count() > 1,
            string.Join("; ", manifest.SubTopicChoices.Select(kv => $"{kv.Key} {kv.Value.Describe()}")));
    }

    [Fact]
    public void Load_a_model_whose_sub_topics_were_saved_as_kmeans_files_before_lsa_labels_with_them()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(trained.Folder.Path, ChainModel.ManifestFile), Path.Combine(folder.Path, ChainModel.ManifestFile));
        File.Copy(Path.Combine(trained.Folder.Path, ChainModel.ClassifierFile), Path.Combine(folder.Path, ChainModel.ClassifierFile));
        // What the earlier code wrote: one ML.NET KMeans zip per chain, as many clusters as the manifest names.
        var rules = new ChainRules(IndustryTaxonomy.Default);
        var tokenizer = new PatentTextTokenizer();
        var (chain, topics) = trained.Model.Manifest.SubTopics.OrderBy(kv => kv.Key, StringComparer.Ordinal).First();
        var members = Samples.All.Where(r => rules.Apply(r).Any(a => a.ChainId == chain)).ToList();
        foreach (var (c, t) in trained.Model.Manifest.SubTopics)
        {
            var rows = Samples.All.Where(r => rules.Apply(r).Any(a => a.ChainId == c)).Select(r => new PatentTextRow { Tokens = tokenizer.Tokenize(r) }).ToList();
            TextClusterer.Train(rows, t.Count, 42, m => TextFeatures.TextOnly(m, characters: false)).Save(Path.Combine(folder.Path, "subtopics", c + ".zip"));
        }

        using var legacy = ChainModel.Load(folder.Path, rules, new ChainModelOptions());
        var labels = legacy.Label(members);

        var names = topics.Select(t => t.Label).ToList();
        Assert.All(labels, l => Assert.Contains(l.SubTopics, s => names.Contains(s.Label)));
    }

    [Fact]
    public void Load_a_model_whose_sub_topic_file_is_missing_says_which_chain_and_to_train_again()
    {
        using var folder = new TempFolder();
        foreach (var f in Directory.GetFiles(trained.Folder.Path)) File.Copy(f, Path.Combine(folder.Path, Path.GetFileName(f)));
        var chain = trained.Model.Manifest.SubTopics.Keys.Order(StringComparer.Ordinal).First();

        var e = Assert.Throws<FileNotFoundException>(() => ChainModel.Load(folder.Path, new ChainRules(IndustryTaxonomy.Default), new ChainModelOptions()));

        Assert.Contains(chain, e.Message, StringComparison.Ordinal);
        Assert.Contains("train", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_writes_the_new_sub_topic_as_the_facet_value_the_site_shows()
    {
        var index = Enumerable.Range(0, Samples.All.Count).First(i => trained.Labels[i].SubTopics.Count > 0);
        var record = Samples.Get(Samples.All[index].Id);
        ChainModel.Apply(record, trained.Labels[index]);
        Assert.Equal(trained.Labels[index].SubTopics.Select(s => s.Label), record.Labels[LabelFacets.SubTopic]);
    }
}
