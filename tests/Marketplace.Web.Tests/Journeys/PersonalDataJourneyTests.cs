using System.Text.Json;
using Marketplace.Web.Accounts;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Journeys;

/// <summary>
/// Personal information in Chromium: a person reads the privacy notice from the footer, downloads their data from
/// their account menu and deletes their account; the university's only owner is refused deletion with the reason.
/// </summary>
[Collection(JourneySiteGroup.Name)]
public sealed class PersonalDataJourneyTests(JourneySite site, Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(Walk.Laptop)]
    [InlineData(Walk.Phone)]
    public async Task A_person_downloads_their_data_the_only_owner_is_refused_deletion_and_the_person_deletes_their_account(int width)
    {
        var email = await PersonAsync();
        await using var walk = new Walk(site, browser, "pipl", width);

        var page = await walk.AsAsync(email);
        await page.GotoAsync("/");
        await page.Locator("#footer-privacy").ClickAsync();
        await Assertions.Expect(page.Locator("#privacy-notice")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "privacy-notice");

        await page.Locator("#nav-mine summary").ClickAsync();
        await page.Locator("#nav-personal-data").ClickAsync();
        await Assertions.Expect(page.Locator("#delete-account-form")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "personal-data");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-personal-data").ClickAsync());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
            Assert.Equal(email, json.RootElement.GetProperty("account").GetProperty("email").GetString());

        var owner = await walk.AsAsync(JourneySite.UniversityOwner);
        await owner.GotoAsync("/account/personal-data");
        await owner.Locator("#Input_Password").FillAsync(DemoData.Password);
        await owner.Locator("#Input_Confirm").CheckAsync();
        await owner.Locator("#delete-account").ClickAsync();
        await Assertions.Expect(owner.Locator("#deletion-blockers")).ToContainTextAsync(JourneySite.UniversityName);
        await Assertions.Expect(owner.Locator("#sign-out")).ToBeVisibleAsync();
        await walk.CheckAsync(owner, "deletion-refused");

        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("#Input_Confirm").CheckAsync();
        await page.Locator("#delete-account").ClickAsync();
        await Assertions.Expect(page.Locator("#account-deleted")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kept li")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#nav-sign-in")).ToBeVisibleAsync();
        await walk.CheckAsync(page, "account-deleted");

        walk.AssertClean();
    }

    /// <summary>A new person with the demo password and a confirmed address, so the walk signs in as them through the form.</summary>
    private async Task<string> PersonAsync()
    {
        await using var scope = site.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketplaceUser>>();
        var email = $"pipl-journey-{Guid.NewGuid():N}@example.org";
        var result = await users.CreateAsync(new MarketplaceUser(email, "个人信息演示用户", DateTime.UtcNow) { EmailConfirmed = true }, DemoData.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return email;
    }
}
