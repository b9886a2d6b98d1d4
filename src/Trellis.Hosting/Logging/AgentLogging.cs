using Microsoft.Extensions.Logging;
using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Logging;

/// <summary>Builds the agent's logger factory from <c>log_level</c> and <c>log_json</c> (console; JSON formatter when asked).</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class AgentLogging
{
    public static ILoggerFactory CreateFactory(AgentConfig config) => LoggerFactory.Create(builder => Configure(builder, config));

    public static void Configure(ILoggingBuilder builder, AgentConfig config)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(ParseLevel(config.LogLevel));
        // Kestrel and routing chatter stays out of the agent log unless tracing.
        builder.AddFilter("Microsoft", ParseLevel(config.LogLevel) <= LogLevel.Trace ? LogLevel.Trace : LogLevel.Warning);

        // DotNext logs every heartbeat round at Debug; only show it when tracing.
        builder.AddFilter("DotNext", ParseLevel(config.LogLevel) <= LogLevel.Trace ? LogLevel.Trace : LogLevel.Information);
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
