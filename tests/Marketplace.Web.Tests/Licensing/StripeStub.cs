using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>
/// A local stand-in for Stripe's API on a loopback port (the SDK points at it through <c>ApiBase</c>):
/// creates and reads Checkout Sessions, answers a repeated Idempotency-Key with the first answer as
/// Stripe does, and signs webhook payloads exactly as Stripe does (<c>t=…,v1=hex HMAC-SHA256("{t}.{body}")</c>).
/// </summary>
public sealed class StripeStub : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_licensing_0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byIdempotencyKey = new(StringComparer.Ordinal);
    private int _next;

    private StripeStub(WebApplication app) => _app = app;

    public string ApiBase { get; private set; } = "";

    /// <summary>Every create call's Idempotency-Key header, in order (null when missing).</summary>
    public ConcurrentQueue<string?> CreateKeys { get; } = new();

    /// <summary>The form fields of every create call that made a new session.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> CreatedForms { get; } = new();

    public int SessionCount => _sessions.Count;

    public static StripeStub Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // An explicit loopback listener on a free port: the default (5000) is what the shared site uses.
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StripeStub(app);
        app.MapPost("/v1/checkout/sessions", (Func<HttpContext, Task<IResult>>)stub.CreateAsync);
        app.MapGet("/v1/checkout/sessions/{id}", (string id) => stub._sessions.TryGetValue(id, out var s)
            ? Results.Content(s.ToJsonString(), "application/json")
            : Results.Json(new { error = new { type = "invalid_request_error", code = "resource_missing", message = $"No such checkout.session: '{id}'" } }, statusCode: 404));
        app.MapGet("/pay/{id}", (string id) => Results.Content(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Stripe test checkout</title></head><body style=\"font-family:sans-serif;padding:2em\"><h1>Stripe Checkout (test stub)</h1><p id=\"session\">{id}</p><p id=\"amount\">{(stub._sessions.TryGetValue(id, out var s) ? s["amount_total"] : "")} fen</p></body></html>",
            "text/html; charset=utf-8"));
        app.StartAsync().GetAwaiter().GetResult();
        stub.ApiBase = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (stub.ApiBase.EndsWith(":5000", StringComparison.Ordinal)) throw new InvalidOperationException($"The Stripe stub took the default port: {stub.ApiBase}");
        return stub;
    }

    private async Task<IResult> CreateAsync(HttpContext http)
    {
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        CreateKeys.Enqueue(key);
        if (key is not null && _byIdempotencyKey.TryGetValue(key, out var known)) return Results.Content(_sessions[known].ToJsonString(), "application/json");
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var id = "cs_test_" + Interlocked.Increment(ref _next).ToString("D6", CultureInfo.InvariantCulture);
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["url"] = $"{ApiBase}/pay/{id}",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"], CultureInfo.InvariantCulture),
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["payment_intent"] = null,
            ["metadata"] = new JsonObject { ["license_order_id"] = form.GetValueOrDefault("metadata[license_order_id]"), ["reference"] = form.GetValueOrDefault("metadata[reference]") },
            ["livemode"] = false,
        };
        _sessions[id] = session;
        if (key is not null) _byIdempotencyKey[key] = id;
        CreatedForms.Enqueue(form);
        return Results.Content(session.ToJsonString(), "application/json");
    }

    public JsonObject Session(string id) => _sessions[id];

    public string SessionFor(Guid orderId) =>
        _sessions.Values.First(s => s["metadata"]!["license_order_id"]!.GetValue<string>() == orderId.ToString())["id"]!.GetValue<string>();

    /// <summary>The customer paid: the session is complete and paid.</summary>
    public JsonObject Complete(string id)
    {
        var s = _sessions[id];
        s["status"] = "complete";
        s["payment_status"] = "paid";
        s["payment_intent"] = "pi_test_" + id[8..];
        return s;
    }

    public JsonObject Expire(string id)
    {
        var s = _sessions[id];
        s["status"] = "expired";
        return s;
    }

    /// <summary>An event as Stripe sends it, with a copy of the session as it is now.</summary>
    public static string Event(string eventId, string type, JsonObject session) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["data"] = new JsonObject { ["object"] = JsonNode.Parse(session.ToJsonString()) },
    }.ToJsonString();

    /// <summary>The Stripe-Signature header for <paramref name="payload"/>, exactly as Stripe computes it.</summary>
    public static string Sign(string payload, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
