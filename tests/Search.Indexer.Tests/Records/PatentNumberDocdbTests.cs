using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class PatentNumberDocdbTests
{
    [Fact]
    public void FromParts_docdb_pct_application_filed_in_the_us_keeps_year_and_six_digit_serial() =>
        Assert.Equal("US2013064552W", PatentNumber.FromParts("US", "2013064552", "W").Canonical);

    [Fact]
    public void FromParts_docdb_us_application_publication_still_regains_the_zero_after_the_year() =>
        Assert.Equal("US20140102795A1", PatentNumber.FromParts("US", "2014102795", "A1").Canonical);
}
