using Search.Indexer.Normalization;

namespace Search.Indexer.Tests.Normalization;

public class IpcSchemeTests
{
    [Fact]
    public void Default_loads_the_shipped_Chinese_scheme()
    {
        var scheme = IpcScheme.Default;
        Assert.Equal(77_242, scheme.Count); // every data row of ipc_2026.01_zh.tsv, one code each
        Assert.Equal("人类生活必需", scheme.TitleOf("A"));
        Assert.True(scheme.Contains("A01B1/02"));
        Assert.Equal("锹；铲", scheme.TitleOf("A01B1/02"));
    }

    [Fact]
    public void TitleOf_subclass_keeps_the_heading_without_notes()
    {
        var title = IpcScheme.Default.TitleOf("B64U");
        Assert.StartsWith("无人驾驶飞行器", title);
        Assert.DoesNotContain("注意", title);
    }

    [Fact]
    public void TitleOf_unknown_symbol_falls_back_to_its_nearest_known_ancestor()
    {
        // H01L is among the entries the source table misses; G06F99/99 does not exist.
        Assert.Equal(IpcScheme.Default.TitleOf("G06F"), IpcScheme.Default.TitleOf("G06F99/99"));
        Assert.False(IpcScheme.Default.Contains("G06F99/99"));
        Assert.True(IpcScheme.Default.KnowsSubclassOf("G06F99/99"));
    }
}
