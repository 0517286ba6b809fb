using Search.Indexer.Normalization;

namespace Search.Indexer.Tests.Normalization;

public class ClassificationDocdbTests
{
    [Theory]
    [InlineData("E21B   7/    00            A I                    ", "E21B7/00")]
    [InlineData("E21B  47/   022            A I                    ", "E21B47/022")]
    [InlineData("G06F  15/   173            A I                    ", "G06F15/173")]
    [InlineData("H04L  29/06  20060101AFI20150925BHEP", "H04L29/06")]
    public void Normalize_ops_and_docdb_ipcr_text_gives_the_symbol_without_its_suffix(string raw, string expected) =>
        Assert.Equal(expected, Classification.Normalize(raw));
}
