using Search.Indexer.Normalization;

namespace Search.Indexer.Tests.Normalization;

public class ClassificationTests
{
    [Theory]
    [InlineData("H01L 21/02", "H01L21/02")]
    [InlineData("H01L21/02", "H01L21/02")]
    [InlineData("H01L0021020000", "H01L21/02")]
    [InlineData("H01L0021023100", "H01L21/0231")]
    [InlineData("A41B001/00", "A41B1/00")]
    [InlineData("H01L 21/02 (2006.01)", "H01L21/02")]
    [InlineData("H04L  29/06        20060101AFI20150925BHEP", "H04L29/06")]
    [InlineData("b64u20/80", "B64U20/80")]
    [InlineData("Ｂ６４Ｕ２０／８０", "B64U20/80")]
    [InlineData("G06F", "G06F")]
    [InlineData("H01", "H01")]
    [InlineData("Y02E10/50", "Y02E10/50")]
    public void Normalize_written_forms_give_one_form(string raw, string expected)
    {
        Assert.Equal(expected, Classification.Normalize(raw));
    }

    [Theory]
    [InlineData("")]
    [InlineData("XYZ")]
    [InlineData("H01L/")]
    [InlineData("一种")]
    public void TryNormalize_not_a_symbol_fails_with_a_reason(string raw)
    {
        Assert.False(Classification.TryNormalize(raw, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Hierarchy_lists_every_level_from_section_down()
    {
        Assert.Equal(["H", "H01", "H01L", "H01L21/00", "H01L21/02"], Classification.Hierarchy("H01L21/02"));
        Assert.Equal(["H", "H01", "H01L", "H01L21/00"], Classification.Hierarchy("H01L21/00"));
        Assert.Equal(["G", "G06", "G06F"], Classification.Hierarchy("G06F"));
    }

    [Theory]
    [InlineData("H01L21", "H01L21/00")]
    [InlineData("h01l", "H01L")]
    [InlineData("H01L 21/02", "H01L21/02")]
    [InlineData("nonsense", null)]
    public void ToFilterLevel_turns_typed_prefixes_into_hierarchy_levels(string typed, string? level)
    {
        Assert.Equal(level, Classification.ToFilterLevel(typed));
    }
}
