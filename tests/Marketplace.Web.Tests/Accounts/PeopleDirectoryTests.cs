using Marketplace.Web.Accounts;
using Marketplace.Web.Contests;
using Marketplace.Web.Needs;
using Marketplace.Web.Organizations;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>People are named by one lookup that every feature uses.</summary>
[Collection(SqliteSiteGroup.Name)]
public sealed class PeopleDirectoryTests(SqliteSite site)
{
    [Fact]
    public async Task The_lookup_names_each_known_person_once_and_leaves_unknown_ids_out()
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MarketplaceUser>>();
        var email = $"people-{Guid.NewGuid():N}@example.org";
        var person = new MarketplaceUser(email, "张三（测试）", DateTime.UtcNow);
        Assert.True((await users.CreateAsync(person, Marketplace.Web.Demo.DemoData.Password)).Succeeded);
        var unknown = Guid.NewGuid();

        var people = await scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindAsync([person.Id, person.Id, unknown]);

        Assert.Equal([person.Id], people.Keys);
        Assert.Equal(("张三（测试）", email), people[person.Id]);
    }

    [Fact]
    public void Contests_deals_and_organisations_have_no_people_lookup_of_their_own()
    {
        var own = new[] { typeof(ContestService), typeof(DealService), typeof(OrganizationService) }
            .SelectMany(t => t.GetMethods().Where(m => m.DeclaringType == t && m.Name.StartsWith("People", StringComparison.Ordinal)).Select(m => $"{t.Name}.{m.Name}"));

        Assert.Empty(own);
    }
}
