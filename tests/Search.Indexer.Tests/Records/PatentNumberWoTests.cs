using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

/// <summary>WO numbers from their XML parts, as USPTO grants cite their PCT publications.</summary>
public class PatentNumberWoTests
{
    [Theory]
    [InlineData("WO00/29629", "WO0029629A")]
    [InlineData("WO03/098038", "WO03098038A")]
    [InlineData("WO98/47522", "WO9847522A")]
    [InlineData("WO2004/019393", "WO2004019393A")]
    public void FromParts_old_two_digit_year_form_keeps_the_leading_zero_of_the_year(string docNumber, string canonical) =>
        Assert.Equal(canonical, PatentNumber.FromParts("WO", docNumber, "A").Canonical);
}
