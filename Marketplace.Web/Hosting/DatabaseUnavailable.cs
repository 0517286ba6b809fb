using System.Globalization;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using Marketplace.Web.Localization;
using Marketplace.Web.Operations;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Marketplace.Web.Hosting;

/// <summary>
/// While the marketplace database cannot be reached (PostgreSQL stopped, restarting, out of connections), pages
/// answer a short localised 503 page and the API a 503 problem document, both with Retry-After, instead of the
/// generic error page (which would itself read the database for its layout). Nothing else changes: the request's
/// transaction was never committed, and the next request tries the database again, so the site recovers by itself.
/// </summary>
public static partial class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait: about what a database restart or failover takes.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database cannot be reached, as opposed to a query that failed.</summary>
    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Server-side refusals of the connection itself: connection exceptions (08…), shutdown and
                // "cannot connect now" (57P01–57P03), too many connections (53300). Not serialization failures.
                case PostgresException pg:
                    if (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300") return true;
                    break;
                // Npgsql's own errors are about the connection (refused, broken stream, timeout opening it).
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Turns database-unreachable exceptions from anything later in the pipeline into the 503 answers.</summary>
    public static WebApplication UseDatabaseUnavailableAnswers(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception ex) when (IsCause(ex) && !http.Response.HasStarted)
            {
                LogUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable)), http.Request.Path, ex);
                // Pooled connections to a server that went away are dead: drop them so the first requests after
                // it returns do not fail on them.
                NpgsqlConnection.ClearAllPools();
                await WriteAsync(http);
            }
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext http)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var title = localizer["The service is temporarily unavailable"].Value;
        var detail = localizer["The database cannot be reached right now. Nothing you sent was saved; please try again in a minute."].Value;
        var traceId = TraceIds.Of(http);
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/connect"))
        {
            await Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(http);
            return;
        }
        // A page of its own without the layout: the layout reads the database (the signed-in user, notifications).
        var html = HtmlEncoder.Default;
        var language = CultureInfo.CurrentUICulture.Name;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{html.Encode(language)}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{html.Encode(title)}</title>
            <link rel="stylesheet" href="/css/site.css" /></head>
            <body><main class="container" id="unavailable">
            <h1>{html.Encode(title)}</h1>
            <p id="unavailable-detail">{html.Encode(detail)}</p>
            <p class="error-trace">{html.Encode(localizer["If you report this problem, quote this reference:"].Value)} <code data-trace-id>{html.Encode(traceId)}</code></p>
            </main></body>
            </html>
            """);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "The database cannot be reached; {Path} answered 503")]
    private static partial void LogUnavailable(ILogger logger, string path, Exception exception);
}
