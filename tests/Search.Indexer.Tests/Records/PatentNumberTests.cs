using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class PatentNumberTests
{
    [Theory]
    [InlineData("CN202223220665.2", "CN202223220665", "CN202223220665.2")]
    [InlineData("CN 2022232206652", "CN202223220665", "CN202223220665.2")]
    [InlineData("ZL202223220665.2", "CN202223220665", "CN202223220665.2")]
    [InlineData("ＣＮ２０２２２３２２０６６５．２", "CN202223220665", "CN202223220665.2")]
    public void Parse_Chinese_application_numbers_keep_the_check_digit_apart(string text, string canonical, string written)
    {
        var n = PatentNumber.Parse(text);
        Assert.Equal(canonical, n.Canonical);
        Assert.Equal('2', n.CheckDigit);
        Assert.Equal(written, n.ToString());
    }

    [Theory]
    [InlineData("CN218751475U", "CN", "218751475", "U")]
    [InlineData("US 7,123,456 B2", "US", "7123456", "B2")]
    [InlineData("EP 2906782 A2", "EP", "2906782", "A2")]
    [InlineData("WO2018148832A1", "WO", "2018148832", "A1")]
    [InlineData("WO 2018/148832 A1", "WO", "2018148832", "A1")]
    [InlineData("US.2014102795.A1", "US", "20140102795", "A1")]
    [InlineData("US20140102795A1", "US", "20140102795", "A1")]
    [InlineData("EP.2906782.A2", "EP", "2906782", "A2")]
    [InlineData("USD512345S", "US", "D512345", "S")]
    [InlineData("cn114081026a", "CN", "114081026", "A")]
    [InlineData("US9231827", "US", "9231827", null)]
    public void Parse_written_forms_give_one_canonical_form(string text, string country, string number, string? kind)
    {
        var n = PatentNumber.Parse(text);
        Assert.Equal(country, n.Country);
        Assert.Equal(number, n.Number);
        Assert.Equal(kind, n.Kind);
        Assert.Equal(country + number + kind, n.Canonical);
        Assert.Equal(country + number, n.Key);
    }

    [Theory]
    [InlineData("US", "07123456", "B2", "US7123456B2")]
    [InlineData("US", "D0512345", "S1", "USD512345S1")]
    [InlineData("US", "RE041234", "E", "USRE41234E")]
    [InlineData("US", "20040000002", "A1", "US20040000002A1")]
    [InlineData("US", "2014102795", "A1", "US20140102795A1")]
    [InlineData("EP", "02906782", "A2", "EP2906782A2")]
    [InlineData("CN", "CN218751475", "U", "CN218751475U")]
    public void FromParts_applies_each_offices_conventions(string country, string docNumber, string kind, string canonical)
    {
        Assert.Equal(canonical, PatentNumber.FromParts(country, docNumber, kind).Canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("一种无人机")]
    [InlineData("12345")]
    [InlineData("CN-ABC")]
    public void TryParse_not_a_number_fails_with_a_reason(string text)
    {
        Assert.False(PatentNumber.TryParse(text, out var n, out var error));
        Assert.Null(n);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_without_country_uses_the_default_country()
    {
        Assert.True(PatentNumber.TryParse("218751475U", out var n, defaultCountry: "CN"));
        Assert.Equal("CN218751475U", n.Canonical);
    }

    [Fact]
    public void Json_round_trips_the_parts()
    {
        var n = PatentNumber.Parse("CN202223220665.2");
        var json = System.Text.Json.JsonSerializer.Serialize(n, RecordJson.Options);
        Assert.Equal(n, System.Text.Json.JsonSerializer.Deserialize<PatentNumber>(json, RecordJson.Options));
    }
}
