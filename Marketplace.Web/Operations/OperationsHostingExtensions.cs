using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Search.Indexer;

namespace Marketplace.Web.Operations;

/// <summary>What operators see and do: logs, traces and metrics (OpenTelemetry), the trace id in every error, backups.</summary>
public static class OperationsHostingExtensions
{
    /// <summary>The standard variable; when set, traces, metrics and logs also go there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        AddLogging(builder);

        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section)
            .Validate(o => o.Token is null || o.Token.Trim().Length >= 32, "Operations:Token must be at least 32 characters (for example: openssl rand -hex 32).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.BackupPath), "Operations:BackupPath must name a folder.")
            .ValidateOnStart();
        builder.Services.AddSingleton<MarketplaceMetrics>();
        builder.Services.AddScoped<BackupService>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperationsAccess.Policy, p => p.RequireAssertion(c => c.Resource is HttpContext http && OperationsAccess.Allows(http)));

        // A user's report quotes the trace id of the failed request: API problems carry it, as the error pages do.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["traceId"] = TraceIds.Of(c.HttpContext));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("patent-marketplace", serviceVersion: typeof(OperationsHostingExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                // The scrape itself and the health probes would be most of the traces and say nothing.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(SearchTelemetry.Name, MarketplaceMetrics.SourceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SearchTelemetry.Name, MarketplaceMetrics.SourceName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
            telemetry.WithLogging().UseOtlpExporter();
        return builder;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    /// <summary>
    /// Development: one readable line per event (<see cref="ReadableConsoleFormatter"/>). Elsewhere one JSON object per
    /// line, what log shippers expect. Both carry the trace id of the request or job the event belongs to.
    /// </summary>
    private static void AddLogging(IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddConsole(o => o.FormatterName = ReadableConsoleFormatter.FormatterName)
                .AddConsoleFormatter<ReadableConsoleFormatter, ConsoleFormatterOptions>();
            return;
        }
        builder.Logging.AddJsonConsole(o =>
        {
            // Scopes hold the trace and span ids (ActivityTrackingOptions above).
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            // Chinese names and messages stay readable in the log instead of \uXXXX escapes.
            o.JsonWriterOptions = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
    }

    /// <summary><c>/metrics</c> (Prometheus text) and <c>POST /ops/backup</c>, for operators and their tools only (ADR-016).</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(OperationsAccess.Policy);
        // No form is bound, so no antiforgery token: a cross-site form cannot send the SameSite=Lax sign-in cookie with a POST.
        app.MapPost("/ops/backup", async (BackupService backups, CancellationToken ct) => TypedResults.Ok(await backups.BackUpAsync(ct)))
            .RequireAuthorization(OperationsAccess.Policy);
        return app;
    }
}
