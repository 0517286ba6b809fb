using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Accounts;

[Collection(SqliteSiteGroup.Name)]
public sealed class DemoDataTests(SqliteSite site)
{
    public static TheoryData<string> DemoEmails => [.. DemoData.Accounts.Select(a => a.Email)];

    [Theory]
    [MemberData(nameof(DemoEmails))]
    public async Task Every_demo_account_signs_in_with_the_printed_credentials(string email)
    {
        using var client = await site.CreateClient().SignInAsDemoAsync(email);
        using var response = await client.GetAsync("/organizations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("（演示）", (await Html.ReadAsync(response)).QuerySelector("#memberships")!.TextContent);
    }

    [Fact]
    public void The_README_prints_the_same_demo_credentials_the_seed_uses()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains(DemoData.Password, readme);
        Assert.Contains(DemoData.StaffAuthenticatorKey, readme);
        Assert.Contains(DemoData.UniversityClientId, readme);
        Assert.Contains(DemoData.UniversityClientSecret, readme);
        Assert.All(DemoData.Accounts, a => Assert.Contains(a.Email, readme));
    }
}
