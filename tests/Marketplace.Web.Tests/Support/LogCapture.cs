using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Support;

/// <summary>
/// Every log event of a site as text: level, category, the formatted message, each structured value and scope value,
/// and the exception, so a secret in any part a log sink could write is found.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Count => _lines.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) line.Append($" | {key}={value}");
            capture._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" | scope ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) text.Append($" {key}={value}");
            }, line);
            if (exception is not null) line.Append(" | ").Append(exception);
            capture._lines.Enqueue(line.ToString());
        }
    }
}
