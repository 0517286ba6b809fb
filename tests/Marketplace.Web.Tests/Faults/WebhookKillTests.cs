using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Licensing;
using Marketplace.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Faults;

/// <summary>
/// The site killed (-9) in the middle of a burst of Stripe webhooks, started again, and every event delivered again as
/// Stripe does until it is acknowledged: each payment applied exactly once, none lost.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class WebhookKillTests(ITestOutputHelper output)
{
    private const int Orders = 60;

    /// <summary>The licensing site arranged in this process on a data folder the site process then starts on.</summary>
    private sealed class ArrangedLicensing(StripeStub stripe, string dataFolder) : LicensingSite(stripe, DatabaseProviders.Sqlite, dataFolder: dataFolder);

    [Fact]
    public async Task Every_payment_of_a_burst_cut_by_a_kill_is_applied_exactly_once_after_the_restart_and_redelivery()
    {
        await using var stripe = StripeStub.Start();
        var folder = Path.Combine(Path.GetTempPath(), "marketplace-faults-webhooks-" + Guid.NewGuid().ToString("N")[..8]);
        var sessions = new List<(Guid Order, string Session)>();
        var arrange = new ArrangedLicensing(stripe, folder);
        await arrange.InitializeAsync();
        try
        {
            for (var i = 0; i < Orders; i++)
            {
                var declaration = await arrange.PublishAsync(LicenseFee.LumpSum(1_000m + i));
                var (order, _) = await arrange.TakeAsync(declaration.Id, arrange.Enterprise);
                sessions.Add((order.Id, await arrange.CheckoutAsync(order.Id)));
            }
        }
        finally
        {
            await arrange.DisposeAsync();
        }

        await using var site = new SiteProcess(new Dictionary<string, string?>
        {
            ["Licensing__StripeSecretKey"] = "sk_test_licensing",
            ["Licensing__StripeWebhookSecret"] = StripeStub.WebhookSecret,
            ["Licensing__StripeApiBase"] = stripe.ApiBase,
            ["Licensing__PlatformFeePercent"] = "3",
        }, folder);
        try
        {
            await site.StartAsync();
            var events = sessions.Select((s, i) => StripeStub.Event($"evt_fault_{i:D3}_{s.Order:N}", "checkout.session.completed", stripe.Complete(s.Session))).ToList();

            // The burst, eight deliveries at a time; the kill lands once a quarter of them were acknowledged.
            var acknowledged = new ConcurrentBag<int>();
            var applied = new ConcurrentBag<int>();
            var killed = new TaskCompletionSource();
            var next = -1;
            var burst = Enumerable.Range(0, 8).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < events.Count)
                {
                    try
                    {
                        using var response = await PostAsync(site, events[i]);
                        if (response.StatusCode != HttpStatusCode.OK) continue;
                        acknowledged.Add(i);
                        if ((await response.Content.ReadAsStringAsync()).Contains("Applied", StringComparison.Ordinal)) applied.Add(i);
                        if (acknowledged.Count >= Orders / 4) killed.TrySetResult();
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // Cut by the kill: Stripe delivers it again later.
                    }
                }
            }).ToList();
            await killed.Task.WaitAsync(TimeSpan.FromMinutes(1));
            site.Kill();
            await Task.WhenAll(burst);
            var beforeKill = acknowledged.Count;
            Assert.True(beforeKill < Orders, "every event was acknowledged before the kill: the kill did not cut the burst");

            var restart = await site.RestartAsync();
            // Stripe retries what was not acknowledged; deliver every event again, acknowledged ones too (Stripe may).
            var outcomes = new List<string>();
            foreach (var e in events)
            {
                using var response = await PostAsync(site, e);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                outcomes.Add(await response.Content.ReadAsStringAsync());
            }
            output.WriteLine($"{beforeKill} of {Orders} webhooks acknowledged before the kill; restart ready in {restart.TotalSeconds:F1} s; " +
                $"redelivery: {outcomes.Count(o => o.Contains("Applied", StringComparison.Ordinal))} applied, {outcomes.Count(o => o.Contains("Duplicate", StringComparison.Ordinal))} duplicates.");

            // Acknowledged as applied before the kill means applied for good: never again after it.
            Assert.All(applied, i => Assert.Contains("Duplicate", outcomes[i], StringComparison.Ordinal));
            await using var db = site.OpenDatabase();
            foreach (var (order, session) in sessions)
            {
                var stored = await db.LicenseOrders.AsNoTracking().SingleAsync(o => o.Id == order);
                Assert.Equal(LicenseStatus.Effective, stored.Status);
                Assert.Equal(PaymentState.Paid, stored.Payment);
                Assert.Equal("pi_test_" + session[8..], stored.PaymentReference);
                Assert.Equal(1, await db.PaymentEvents.CountAsync(p => p.OrderId == order));
            }
        }
        finally
        {
            await site.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(SiteProcess site, string payload)
    {
        using var http = site.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, LicensingEndpoints.WebhookPath) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeStub.Sign(payload));
        return await http.SendAsync(request);
    }
}
