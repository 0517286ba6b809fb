using Marketplace.Web.Hardening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Web.Tests.Hardening;

/// <summary>The redacting logger factory on its own: what reaches a sink, and how often a message is formatted.</summary>
public sealed class SecretRedactionTests
{
    private sealed class RecordingProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recorder(Lines);

        public void Dispose() { }

        private sealed class Recorder(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Add(formatter(state, exception));
        }
    }

    private static (ILogger Logger, RecordingProvider Sink, ServiceProvider Services) Logger()
    {
        var sink = new RecordingProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug))
            .AddSecretRedactionInLogs()
            .BuildServiceProvider();
        return (services.GetRequiredService<ILoggerFactory>().CreateLogger("test"), sink, services);
    }

    [Fact]
    public void A_message_without_a_secret_is_formatted_once_and_reaches_the_sink_unchanged()
    {
        var (logger, sink, services) = Logger();
        using var _ = services;
        var formatted = 0;

        logger.Log(LogLevel.Information, default, "request /search?q=电池", null, (s, _) => { formatted++; return s; });

        Assert.Equal(["request /search?q=电池"], sink.Lines);
        Assert.Equal(1, formatted);
    }

    [Fact]
    public void A_code_in_a_link_is_redacted_before_any_sink_sees_it()
    {
        var (logger, sink, services) = Logger();
        using var _ = services;

        logger.LogInformation("Request starting GET /account/confirm?userId={UserId}&code={Code}", "42", "Q2ZESjhB");

        Assert.Equal(["Request starting GET /account/confirm?userId=42&code=[redacted]"], sink.Lines);
    }
}
