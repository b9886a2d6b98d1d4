using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Logging;

/// <summary>Builds the agent's logger factory from <c>log_level</c> and <c>log_json</c> (console; JSON formatter when asked).</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class AgentLogging
{
    public static ILoggerFactory CreateFactory(AgentConfig config, LogMonitor? monitor = null) =>
        LoggerFactory.Create(builder => Configure(builder, config, monitor));

    /// <summary>
    /// Console output at <c>log_level</c>; with <paramref name="monitor"/>, every level also goes to it (it formats
    /// only what its readers ask for), so <c>consul monitor -log-level=debug</c> sees debug lines of an info agent.
    /// </summary>
    public static void Configure(ILoggingBuilder builder, AgentConfig config, LogMonitor? monitor = null)
    {
        var level = ParseLevel(config.LogLevel);
        builder.ClearProviders();
        builder.SetMinimumLevel(monitor is null ? level : LogLevel.Trace);

        // Kestrel and routing chatter stays out of the agent log unless tracing; DotNext logs every heartbeat round
        // at Debug, shown only when tracing. These hold for every provider.
        var aspNet = level <= LogLevel.Trace ? LogLevel.Trace : LogLevel.Warning;
        var dotNext = level <= LogLevel.Trace ? LogLevel.Trace : LogLevel.Information;
        builder.AddFilter("Microsoft", aspNet);
        builder.AddFilter("DotNext", dotNext);

        // The console keeps log_level. Provider rules win over the ones above, so they repeat the category limits.
        builder.AddFilter<ConsoleLoggerProvider>(null, level);
        builder.AddFilter<ConsoleLoggerProvider>("Microsoft", Max(level, aspNet));
        builder.AddFilter<ConsoleLoggerProvider>("DotNext", Max(level, dotNext));
        if (monitor is not null)
        {
            builder.AddProvider(monitor);
        }

        if (config.LogJson)
        {
            builder.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz");
        }
        else
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
            });
        }
    }

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;

    /// <summary>Consul's levels: trace, debug, info, warn, error (case-insensitive; "warning" and "err" too).</summary>
    public static LogLevel ParseLevel(string? level) => (level ?? "info").Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "err" or "error" => LogLevel.Error,
        "off" => LogLevel.None,
        _ => throw new ArgumentException($"Invalid log level: {level}", nameof(level)),
    };
}
