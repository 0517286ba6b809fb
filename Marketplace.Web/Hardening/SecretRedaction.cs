using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hardening;

/// <summary>
/// Keeps one-time codes and tokens that travel in URLs out of every log sink. E-mail confirmation and password-reset
/// links carry their code in the query string, and ASP.NET Core writes whole URLs into its request lines (Information)
/// and link-generation events (Debug); the OIDC endpoints can too. The logger factory itself is wrapped, so every
/// provider (console, OTLP, whatever a deployment adds later) gets the message and its structured values with the
/// value after <c>code=</c>, <c>token=</c>, <c>password=</c>, <c>client_secret=</c> … replaced by <c>[redacted]</c>.
/// Messages without such a pair pass through untouched.
/// </summary>
public static partial class SecretRedaction
{
    public const string Replacement = "[redacted]";

    [GeneratedRegex(@"(?<name>\b(?:code|token|password|secret|client_secret|access_token|refresh_token|id_token|code_verifier|assertion)=\[?)(?<value>[^&\]\s,;""'<>]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();

    public static string Redact(string text) => SecretPair().Replace(text, m => m.Groups["name"].Value + Replacement);

    public static bool HoldsSecret(string? text) => text is not null && SecretPair().IsMatch(text);

    /// <summary>Replaces the host's logger factory with one whose loggers redact (all providers, including ones added after this call).</summary>
    public static IServiceCollection AddSecretRedactionInLogs(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            var values = state as IEnumerable<KeyValuePair<string, object?>>;
            if (!HoldsSecret(message) && (values is null || !values.Any(v => HoldsSecret(v.Value?.ToString()))))
            {
                // The message is formatted once, here; the sinks get that text rather than formatting it again.
                inner.Log(logLevel, eventId, state, exception, (_, _) => message);
                return;
            }
            var redacted = new RedactedState(Redact(message),
                values?.Select(v => new KeyValuePair<string, object?>(v.Key, HoldsSecret(v.Value?.ToString()) ? Redact(v.Value!.ToString()!) : v.Value)).ToList() ?? []);
            inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.Message);
        }
    }

    /// <summary>The structured values of an event with the secrets taken out; reads like the original to every formatter.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
