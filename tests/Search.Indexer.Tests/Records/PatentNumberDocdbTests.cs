using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class PatentNumberDocdbTests
{
    [Fact]
    public void FromParts_DocdbPctApplicationFiledInTheUs_KeepsYearAndSixDigitSerial() =>
        Assert.Equal("US2013064552W", PatentNumber.FromParts("US", "2013064552", "W").Canonical);

    [Fact]
    public void FromParts_DocdbUsApplicationPublication_StillRegainsTheZeroAfterTheYear() =>
        Assert.Equal("US20140102795A1", PatentNumber.FromParts("US", "2014102795", "A1").Canonical);
}
