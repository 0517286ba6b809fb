using Analytics.Taxonomy;

namespace Analytics.Tests.Taxonomy;

public class IpcPatternTests
{
    private static bool Matches(string pattern, string code) =>
        IpcParts.TryParse(code, out var parts) && IpcPattern.Parse(pattern).Matches(parts);

    [Theory]
    [InlineData("H04L1*", "H04L1/00", true)]
    [InlineData("H04L1*", "H04L1/0045", true)]
    [InlineData("H04L1*", "H04L12/24", false)]
    [InlineData("H04B*", "H04B7/185", true)]
    [InlineData("G16*", "G16H50/20", true)]
    [InlineData("G16*", "G06F16/35", false)]
    [InlineData("G06F3/048*", "G06F3/0481", true)]
    [InlineData("G06F3/048*", "G06F3/04895", true)]
    [InlineData("G06F3/048*", "G06F3/01", false)]
    [InlineData("G06F9/44", "G06F9/44", true)]
    [InlineData("G06F9/44", "G06F9/445", false)]
    [InlineData("H03M13", "H03M13/11", true)]
    [InlineData("G16H", "G16H10/60", true)]
    public void Matches_compares_field_by_field_as_the_cnipa_concordance_means(string pattern, string code, bool expected)
    {
        Assert.Equal(expected, Matches(pattern, code));
    }

    [Fact]
    public void Matches_a_subclass_pattern_covers_a_record_that_only_knows_its_subclass()
    {
        // cn-titles-ipc gives gold subclasses only: H01L on 一种胶膜平整机构及光伏组件生产线.
        Assert.True(Matches("H01L*", "H01L"));
        Assert.False(Matches("H01L31*", "H01L"));
    }

    [Theory]
    [InlineData("H04")]
    [InlineData("not a code")]
    [InlineData("H04L1/*x")]
    public void TryParse_refuses_text_that_is_no_pattern_and_says_what_it_expected(string raw)
    {
        Assert.False(IpcPattern.TryParse(raw, out _, out var error));
        Assert.Contains("expected", error, StringComparison.Ordinal);
    }
}
