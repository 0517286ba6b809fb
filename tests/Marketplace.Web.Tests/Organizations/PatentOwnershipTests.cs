using Marketplace.Web.Organizations;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Organizations;

public sealed class PatentOwnershipTests
{
    private static Organization University(string name) =>
        Organization.Create(name, OrganizationType.University, Marketplace.Web.Demo.DemoData.UniversityCode, Guid.NewGuid(), DateTime.UtcNow);

    private static PatentRecord Record(params string[] applicants) => new()
    {
        PublicationNumber = PatentNumber.Parse("CN115000000A"),
        Applicants = [.. applicants.Select(a => new Party { Name = a })],
    };

    [Theory]
    [InlineData("浙江大学", "浙江大学")]
    [InlineData("浙江大学", "浙江大学 ")]
    [InlineData("Zhejiang University", "ZHEJIANG  UNIVERSITY")]
    [InlineData("Zhejiang University", "Ｚｈｅｊｉａｎｇ University")]
    public async Task Owns_when_a_cleaned_applicant_name_equals_the_organisations_name(string organization, string applicant)
    {
        var answer = await new NameMatchPatentOwnership().CheckAsync(University(organization), Record("某某公司", applicant));
        Assert.True(answer.Owns);
        Assert.Equal(applicant, answer.MatchedName);
    }

    [Theory]
    [InlineData("浙江大学", "浙江工业大学")]
    [InlineData("浙江大学", "浙江大学城市学院")]
    public async Task DoesNotOwn_when_no_applicant_is_the_organisation(string organization, string applicant)
    {
        var answer = await new NameMatchPatentOwnership().CheckAsync(University(organization), Record(applicant));
        Assert.False(answer.Owns);
        Assert.Null(answer.MatchedName);
    }
}
