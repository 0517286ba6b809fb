using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Marketplace.Web.Operations;

/// <summary>
/// Development's console: one short line per event a newcomer can read while <c>dotnet run</c> starts the product
/// (<c>04:03:07Z info FirstStartSampleLoader  Loading samples …</c>), the trace id at the end when the event belongs to a
/// request or job, and an exception's stack below it. Production writes JSON instead (<see cref="OperationsHostingExtensions"/>).
/// </summary>
public sealed class ReadableConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "readable";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null) return;
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        // UTC like every time inside the product (DESIGN.md), marked so nobody reads it as local time.
        textWriter.Write(DateTime.UtcNow.ToString("HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(category);
        textWriter.Write("  ");
        textWriter.Write(message);
        if (Activity.Current is { } activity)
        {
            textWriter.Write("  [trace ");
            textWriter.Write(activity.TraceId.ToHexString());
            textWriter.Write(']');
        }
        textWriter.WriteLine();
        if (logEntry.Exception is { } exception) textWriter.WriteLine(exception.ToString());
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };
}
