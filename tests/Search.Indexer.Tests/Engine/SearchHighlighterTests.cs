using Search.Indexer.Engine;
using Search.Indexer.Engine.Lucene;

namespace Search.Indexer.Tests.Engine;

/// <summary>The highlighter's shortcut (skip texts that cannot match) must never change a fragment.</summary>
public sealed class SearchHighlighterTests : IDisposable
{
    private readonly PatentAnalyzers _analyzers = new();

    [Theory]
    [InlineData("排水")]
    [InlineData("排水管")]
    [InlineData("\"无人机\"")]
    [InlineData("无人机 OR 储能")]
    [InlineData("无人机 NOT 储能")]
    [InlineData("电池")]
    [InlineData("清洗处理")]
    [InlineData("robot")]
    [InlineData("\"cleaning robot\"")]
    [InlineData("batteries")]
    [InlineData("title:排水 OR abstract:淤泥")]
    [InlineData("电*")]
    [InlineData("ipc:H01M AND 电池")]
    public void Highlight_with_the_shortcut_gives_the_same_fragments_as_without(string text)
    {
        var query = new LuceneQueryTranslator(_analyzers).Translate(QuerySyntax.Parse(text));
        Assert.NotNull(query);
        var highlighter = new SearchHighlighter(_analyzers);
        var fast = HighlightPlan.From(query);
        var full = HighlightPlan.From(query, prefilter: false);
        var marked = 0;
        foreach (var record in SampleRecords.All())
        {
            var expected = highlighter.Highlight(full, record);
            Assert.Equal(expected, highlighter.Highlight(fast, record));
            marked += expected.Count;
        }
        Assert.True(marked > 0 || text == "电*", $"no sample record has a highlight for {text}: the comparison proves nothing");
    }

    [Fact]
    public void Plan_text_without_the_Chinese_term_cannot_match()
    {
        var query = new LuceneQueryTranslator(_analyzers).Translate(QuerySyntax.Parse("排水"))!;
        var plan = HighlightPlan.From(query);
        Assert.False(plan.CanMatch(PatentFields.Title.ChineseBigrams, "一种无人机"));
        Assert.True(plan.CanMatch(PatentFields.Title.ChineseBigrams, "一种排水管道"));
        Assert.False(plan.CanMatch(PatentFields.Title.English, "drain pipe"));
    }

    public void Dispose() => _analyzers.Dispose();
}
