using System.Globalization;
using System.Text;
using Analytics.Taxonomy;
using Analytics.Tests.Support;

namespace Analytics.Tests.Taxonomy;

public class IndustryTaxonomyTests
{
    private static readonly IndustryTaxonomy Shipped = IndustryTaxonomy.Default;

    [Fact]
    public void Default_holds_quanzhous_chains_and_nine_first_and_forty_second_level_industries()
    {
        Assert.Equal(9, Shipped.Industries.Count);
        Assert.Equal(40, Shipped.SubIndustries.Count);
        Assert.Equal(11, Shipped.Chains.Count);
        Assert.Contains(Shipped.Chains, c => c.Id == "tea-food" && c.KeywordsZh.Contains("铁观音"));
        Assert.All(Shipped.Chains, c => Assert.NotEmpty(c.KeywordsEn));
        Assert.False(string.IsNullOrWhiteSpace(Shipped.Version));
    }

    [Fact]
    public void Default_carries_every_pattern_and_exclusion_of_the_sei_concordance_table()
    {
        var lines = File.ReadAllLines(Path.Combine(Samples.Folder, "sei_ipc_concordance.tsv"), Encoding.UTF8).Skip(1)
            .Select(l => l.Split('\t')).Where(c => c[0] == "sei").ToList();
        Assert.Equal(1689, lines.Count);
        foreach (var c in lines)
        {
            var rule = Shipped.SubIndustry(c[1])!.Rules[int.Parse(c[8]) - 1];
            Assert.Contains(c[4], rule.Patterns.Select(p => p.Text));
            Assert.Equal(c[5].Split('|', StringSplitOptions.RemoveEmptyEntries), rule.Exclusions.Select(p => p.Text));
        }
    }

    [Fact]
    public void MatchSei_applies_a_rules_exclusions()
    {
        // 1.1 rule 1 lists G06F21* but excludes G06F21/60.
        var rule = Shipped.SubIndustry("1.1")!.Rules[0];
        Assert.Contains("G06F21*", rule.Patterns.Select(p => p.Text));
        Assert.True(IpcParts.TryParse("G06F21/60", out var excluded));
        Assert.True(rule.Excludes(excluded));
        Assert.True(IpcParts.TryParse("G06F21/31", out var kept));
        Assert.False(rule.Excludes(kept));
        Assert.Contains(Shipped.MatchSei(["G06F21/31"]), m => m.SubIndustry.Code == "1.1" && m.Rule == 1);
    }

    [Fact]
    public void MatchSei_names_the_industry_code_and_pattern_in_its_reason()
    {
        var match = Assert.Single(Shipped.MatchSei(["H02S40/38"]), m => m.SubIndustry.Code == "6.3");
        Assert.Contains("SEI 6.3 太阳能产业", match.Reason, StringComparison.Ordinal);
        Assert.Contains("H02S40/38", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_an_edited_file_with_mistakes_names_every_problem()
    {
        const string json = """
            { "version": "x", "chains": [
              { "id": "Bad Id", "nameZh": "甲", "nameEn": "A", "ipc": ["H01L*", "H0"], "sei": ["9.9"] },
              { "id": "ok", "nameZh": "乙", "nameEn": "B", "keywordsZh": ["茶"] } ] }
            """;
        var e = Assert.Throws<InvalidDataException>(() => IndustryTaxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "edited.json"));
        Assert.Contains("edited.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("'id' must be", e.Message, StringComparison.Ordinal);
        Assert.Contains("'H0' is not an IPC pattern", e.Message, StringComparison.Ordinal);
        Assert.Contains("strategic industry '9.9' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_reads_the_copy_shipped_beside_the_binaries()
    {
        var fromFile = IndustryTaxonomy.LoadFile(Path.Combine(AppContext.BaseDirectory, "taxonomy.json"));
        Assert.Equal(Shipped.Version, fromFile.Version);
        Assert.Equal(Shipped.Chains.Select(c => c.Id), fromFile.Chains.Select(c => c.Id));
    }

    [Fact]
    public void ChainName_is_English_for_English_Chinese_otherwise_and_the_id_when_unknown()
    {
        var taxonomy = IndustryTaxonomy.Default;
        var chain = taxonomy.Chains[0];

        Assert.Equal(chain.NameEn, taxonomy.ChainName(chain.Id, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(chain.NameZh, taxonomy.ChainName(chain.Id, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(chain.NameZh, taxonomy.ChainName(chain.Id, CultureInfo.InvariantCulture));
        Assert.Equal("no-such-chain", taxonomy.ChainName("no-such-chain", CultureInfo.GetCultureInfo("en")));
    }
}
