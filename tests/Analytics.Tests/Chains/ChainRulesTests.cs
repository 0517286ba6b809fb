using Analytics.Chains;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Records;

namespace Analytics.Tests.Chains;

public class ChainRulesTests
{
    private static readonly ChainRules Rules = new(IndustryTaxonomy.Default);

    private static PatentRecord Titled(string number, string title, params string[] ipc) =>
        new() { PublicationNumber = PatentNumber.Parse(number), Titles = [new LocalizedText("zh", title)], IpcCodes = [.. ipc] };

    [Fact]
    public void Apply_main_ipc_of_the_chain_gives_an_ipc_label_naming_code_and_pattern()
    {
        // Real row of cn-titles-ipc: CN114129661A 一种促进围绝经期女性补钙的中药组方, A61K|A61P.
        var a = Rules.Apply(Titled("CN114129661A", "一种促进围绝经期女性补钙的中药组方", "A61K", "A61P"));
        var bio = Assert.Single(a, x => x.ChainId == "biomedicine");
        Assert.Equal(1.0, bio.Confidence);
        Assert.Contains("IPC A61K matches A61K*", bio.Reason, StringComparison.Ordinal);
        Assert.Contains("keyword '中药'", bio.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_keyword_alone_gives_a_weaker_keyword_label()
    {
        // Real row: CN215771194U 一种胶膜平整机构及光伏组件生产线, H01L — H01L is the chip chain, 光伏 says new energy.
        var a = Rules.Apply(Titled("CN215771194U", "一种胶膜平整机构及光伏组件生产线", "H01L"));
        var energy = Assert.Single(a, x => x.ChainId == "new-energy");
        Assert.Equal(ChainEvidence.Keyword, energy.Source);
        Assert.Equal(ChainRules.KeywordConfidence, energy.Confidence);
        Assert.Contains("光伏", energy.Reason, StringComparison.Ordinal);
        Assert.Equal(ChainEvidence.Ipc, Assert.Single(a, x => x.ChainId == "semiconductors-chips").Source);
    }

    [Fact]
    public void Apply_chain_exclusion_keeps_an_excluded_code_out_of_the_chain()
    {
        // The chip chain takes H01L* but leaves photovoltaic cells (H01L31/04*) to new energy.
        var a = Rules.Apply(Titled("CN110800003A", "太阳能电池片", "H01L31/0445"));
        Assert.DoesNotContain(a, x => x.ChainId == "semiconductors-chips" && x.Source == ChainEvidence.Ipc);
        Assert.Contains(a, x => x.ChainId == "new-energy" && x.Reason.Contains("H01L31/04*", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_strategic_industry_of_a_chain_labels_with_the_sei_rule_as_reason()
    {
        // B65G (conveying) is in SEI 2.1 smart manufacturing equipment.
        var conveyor = Rules.Apply(Titled("CN216000000U", "新能源电池料盘堆叠装置", "B65G57/03"));
        var smart = Assert.Single(conveyor, x => x.ChainId == "smart-manufacturing");
        Assert.Equal(ChainEvidence.Sei, smart.Source);
        Assert.StartsWith("SEI 2.1 智能制造装备产业", smart.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_English_keywords_match_whole_words_and_plurals()
    {
        var us = Samples.All.First(r => r.Country == "US" && r.Title("en") is { } t && t.Contains("semiconductor", StringComparison.OrdinalIgnoreCase));
        var stripped = RecordJson.Deserialize(RecordJson.Serialize(us));
        stripped.IpcCodes.Clear();
        Assert.Contains(Rules.Apply(stripped), x => x.ChainId == "semiconductors-chips" && x.Source == ChainEvidence.Keyword);
        Assert.True(ChainRules.ContainsWord("stacked solar cells", "cell"));
        Assert.False(ChainRules.ContainsWord("cellular network", "cell"));
    }

    [Fact]
    public void Apply_real_export_record_finds_the_digital_chain_from_its_abstract()
    {
        // CN218751475U 一种无人机机载多功能盒: B64U is no chain's, but the abstract sends data to a cloud server.
        var a = Rules.Apply(Samples.Export("CN218751475U"));
        var digital = Assert.Single(a, x => x.ChainId == "digital-economy");
        Assert.Equal(ChainEvidence.Keyword, digital.Source);
    }

    [Fact]
    public void Apply_nothing_matches_gives_no_label()
    {
        Assert.Empty(Rules.Apply(Titled("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "A01M")));
    }
}
