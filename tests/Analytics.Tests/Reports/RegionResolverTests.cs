using Analytics.Reports;
using Search.Indexer.Records;

namespace Analytics.Tests.Reports;

public sealed class RegionResolverTests
{
    private readonly RegionResolver _quanzhou = new(new CityDefinition());

    [Theory]
    [InlineData("362000福建省泉州市丰泽区东海街道泉州大道1号", "丰泽区")]
    [InlineData("福建省晋江市陈埭镇江头村", "晋江市")]
    [InlineData("晋江市安海镇成功路8号", "晋江市")]
    [InlineData("福建省泉州市台商投资区东园镇", "泉州台商投资区")]
    [InlineData("泉州市经济技术开发区清濛园区", "泉州经济技术开发区")]
    [InlineData("福建省德化县浔中镇", "德化县")]
    public void Address_in_a_Quanzhou_county_is_placed_in_the_city_and_county(string address, string county)
    {
        var place = _quanzhou.ResolveAddress(address);
        Assert.True(place.InCity);
        Assert.Equal(county, place.County);
        Assert.Equal("35", place.ProvinceCode);
    }

    [Fact]
    public void Address_naming_only_the_city_is_in_the_city_without_county()
    {
        var place = _quanzhou.ResolveAddress("福建省泉州市某某路88号");
        Assert.True(place.InCity);
        Assert.Null(place.County);
    }

    [Fact]
    public void Postcode_of_Quanzhou_places_an_address_that_names_no_city()
    {
        var place = _quanzhou.ResolveAddress("362100 某镇工业区");
        Assert.True(place.InCity);
        Assert.Equal("35", place.ProvinceCode);
    }

    [Theory]
    [InlineData("350000福建省福州市鼓楼区工业路523号", "35")]
    [InlineData("361005福建省厦门市思明区思明南路422号", "35")]
    [InlineData("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", "41")]
    [InlineData("广东省广州市天河区经济技术开发区", "44")]
    [InlineData("北京市海淀区中关村大街1号", "11")]
    public void Address_elsewhere_is_placed_in_its_province_but_not_the_city(string address, string province)
    {
        var place = _quanzhou.ResolveAddress(address);
        Assert.False(place.InCity);
        Assert.Null(place.County);
        Assert.Equal(province, place.ProvinceCode);
    }

    [Theory]
    [InlineData("35", "35")]
    [InlineData("福建", "35")]
    [InlineData("41", "41")]
    [InlineData("US", null)]
    [InlineData("99", null)]
    [InlineData("", null)]
    public void RegionCode_gives_the_province(string code, string? expected) =>
        Assert.Equal(expected, RegionResolver.ProvinceFromCode(code));

    [Fact]
    public void Record_without_address_falls_back_to_the_region_code()
    {
        var record = new PatentRecord
        {
            PublicationNumber = new PatentNumber("CN", "1", "A"),
            Applicants = [new Party { Name = "某公司" }],
            RegionCode = "35",
        };
        var place = _quanzhou.Resolve(record);
        Assert.Equal("35", place.ProvinceCode);
        Assert.False(place.InCity);
    }

    [Fact]
    public void Population_override_replaces_the_listed_figure()
    {
        var city = new CityDefinition { Population = { ["晋江市"] = 2_100_000 } };
        Assert.Equal(2_100_000, city.EffectiveCounties.Single(c => c.Name == "晋江市").Population);
        Assert.Equal(CityDefinition.QuanzhouCounties.Sum(c => c.Population) - 2_088_000 + 2_100_000, city.TotalPopulation);
    }

    [Fact]
    public void Constructor_refuses_an_unknown_province_code() =>
        Assert.Throws<ArgumentException>(() => new RegionResolver(new CityDefinition { ProvinceCode = "99" }));
}
