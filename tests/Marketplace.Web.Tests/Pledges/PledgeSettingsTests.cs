using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Pledges;

/// <summary>The dashboard's pledge-financing targets are checked when the site starts.</summary>
public sealed class PledgeSettingsTests
{
    [Theory]
    [InlineData("Pledges:AnnualAmountTargetYuan", "0")]
    [InlineData("Pledges:AnnualCountTarget", "-5")]
    public async Task Startup_with_a_target_out_of_range_stops_with_a_message_naming_the_key(string key, string value)
    {
        var site = MarketplaceSite.WithSettings(new Dictionary<string, string?> { [key] = value });
        try
        {
            var e = await Assert.ThrowsAsync<OptionsValidationException>(site.InitializeAsync);

            Assert.Contains(key, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }
}
