using Analytics.Chains;
using Analytics.Matching;
using Analytics.Matching.Evaluation;
using Analytics.Taxonomy;

namespace Analytics.Tests.Matching;

public sealed class NeedAnalyzerTests
{
    private static readonly NeedAnalyzer Analyzer = new(new ChainRules(IndustryTaxonomy.Default));

    [Fact]
    public void KeyTerms_are_the_needs_specific_words_with_title_words_first()
    {
        var profile = Analyzer.Analyze(new TechnicalNeed
        {
            Title = "动力电池包散热",
            Description = "夏季快充时电池包温度过高，需要冷却方案，防止热失控。",
        });
        var terms = profile.Terms.Select(t => t.Term).ToList();
        Assert.Contains("散热", terms);
        Assert.Contains("冷却", terms);
        Assert.DoesNotContain("需要", terms.Take(3));
        Assert.True(profile.Terms.SequenceEqual(profile.Terms.OrderByDescending(t => t.Weight)));
        // Without the index's matching model no word stands in for another: there is no hand-written synonym list.
        Assert.All(profile.Terms, t => Assert.Null(t.SynonymOf));
    }

    [Fact]
    public void Terms_and_elements_hold_no_fragment_of_a_function_word_or_a_number()
    {
        // The fragments issue 16 quotes: 在组件, 的鞋底, 或设备 (a preposition, particle or conjunction glued to the word
        // after it) and 万块 (a numeral with its measure word).
        var need = new TechnicalNeed
        {
            Title = "光伏组件积灰清扫",
            Description = "积灰落在组件表面，每年损失十几万块钱。运动鞋的鞋底容易开裂，希望找到清扫机器人或设备，也可以在组件上加装喷淋装置。",
        };
        var profile = Analyzer.Analyze(need);
        var elements = profile.Elements.All.ToList();
        var terms = profile.Terms.Select(t => t.Term).ToList();
        foreach (var fragment in new[] { "在组件", "的鞋底", "或设备", "万块" })
        {
            Assert.DoesNotContain(fragment, elements);
            Assert.DoesNotContain(fragment, terms);
        }
        Assert.All(elements.Concat(terms), w => Assert.False("的在或和与万".Contains(w[0], StringComparison.Ordinal), $"'{w}' starts with a function word or numeral"));
        Assert.Contains("鞋底", elements);
        Assert.Contains("积灰", terms);
        Assert.Contains("清扫", terms);
    }

    [Fact]
    public void ProposeElements_finds_material_method_effect_product_and_application()
    {
        var e = Analyzer.ProposeElements("采用石墨烯涂层和激光焊接工艺，提高散热效率，用于新能源汽车电池包。");
        Assert.Contains(e.Materials, m => m.Contains("石墨烯", StringComparison.Ordinal) || m.Contains("涂层", StringComparison.Ordinal));
        Assert.Contains(e.Methods, m => m.Contains("工艺", StringComparison.Ordinal));
        Assert.Contains(e.Effects, x => x.StartsWith("提高散热", StringComparison.Ordinal));
        Assert.Contains(e.Applications, a => a.StartsWith("新能源汽车", StringComparison.Ordinal));
        Assert.Contains(e.Products, p => p.Contains("电池", StringComparison.Ordinal));

        var en = Analyzer.ProposeElements("A process for coating steel sheets to reduce corrosion, suitable for marine engines.");
        Assert.Contains("coating steel sheets", en.Methods);
        Assert.Contains(en.Effects, x => x.StartsWith("reduce corrosion", StringComparison.Ordinal));
        Assert.Contains("marine engines", en.Applications);
    }

    [Fact]
    public void Analyze_keeps_the_authors_corrected_elements_and_chosen_chain()
    {
        var chain = IndustryTaxonomy.Default.Chains[0].Id;
        var profile = Analyzer.Analyze(new TechnicalNeed
        {
            Title = "鞋底缓震",
            ChainId = chain,
            Elements = new NeedElements { Materials = ["发泡材料"] },
        });
        Assert.Equal(["发泡材料"], profile.Elements.Materials);
        Assert.Equal(chain, profile.Chains[0].ChainId);
        Assert.Equal(ChainEvidence.Stated, profile.Chains[0].Source);
    }

    [Fact]
    public void Derive_uses_the_abstracts_problem_statement_and_judges_the_source_and_its_group()
    {
        var corpus = Support.Samples.All;
        var needs = MatchingEvaluation.Derive(corpus, max: 50);
        Assert.NotEmpty(needs);
        foreach (var n in needs)
        {
            var source = n.Id["derived:".Length..];
            Assert.Equal(2, n.Relevant[source]);
            var record = corpus.First(r => r.Id == source);
            Assert.DoesNotContain(n.Need.Description, record.Titles[0].Text, StringComparison.Ordinal);
            Assert.All(n.Relevant.Where(kv => kv.Value == 1), kv => Assert.NotEqual(source, kv.Key));
        }
    }

    [Fact]
    public void LoadHandJudged_refuses_grades_other_than_one_or_two()
    {
        using var bad = new MemoryStream("""{"needs":[{"id":"x","title":"t","description":"d","relevant":{"CN1A":3}}]}"""u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => MatchingEvaluation.LoadHandJudged(bad));
        Assert.Contains("CN1A", e.Message, StringComparison.Ordinal);
        using var shipped = MatchingEvaluation.OpenShippedHandJudged();
        Assert.Equal(6, MatchingEvaluation.LoadHandJudged(shipped).Count);
    }
}
