using Trellis.Core.Checks;
using Trellis.Core.Errors;

namespace Trellis.Agent.Checks;

/// <summary>
/// Builds the runner for a check definition: validates it (Consul's messages), applies Consul's defaults
/// (timeouts 10s for network checks and 30s for scripts, the 1s minimum interval, the 4 KiB output cap), refuses
/// script checks that the agent's flags do not allow and kinds this agent cannot run, and puts the
/// <c>success_before_passing</c>/<c>failures_before_*</c> handler in front of the sink.
/// </summary>
/// <remarks>Immutable after construction; <see cref="Create"/> may be called from any thread.</remarks>
public sealed class CheckRunnerFactory(CheckRunnerOptions options)
{
    /// <summary>Consul's default output cap (<c>check_output_max_size</c>).</summary>
    public const int DefaultOutputMaxSize = 4 * 1024;

    public const string ScriptsDisabledLocal =
        "Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or 'enable_local_script_checks' to true";

    public const string ScriptsDisabledRemote =
        "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true";

    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);

    public CheckRunnerOptions Options { get; } = options;

    /// <summary>
    /// Builds a stopped runner for <paramref name="checkId"/>; call <see cref="ICheckRunner.Start"/> to run it. A TTL
    /// definition gives a <see cref="TtlCheck"/>. Throws <see cref="InvalidRequestException"/> with Consul's text when the
    /// definition is invalid or not allowed here.
    /// </summary>
    public ICheckRunner Create(string checkId, CheckDefinition definition, ICheckStatusSink sink, CheckSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkId);
        var error = CheckDefinitionValidator.Validate(definition);
        if (error is not null)
        {
            throw new InvalidRequestException(error);
        }

        _ = CheckTiming.TryParse(definition, out var timing, out _);
        var type = CheckDefinitionValidator.TypeOf(definition);
        if (type == "script")
        {
            // Consul compat: enable_script_checks allows both sources, enable_local_script_checks only config files.
            if (source == CheckSource.Local && !Options.EnableScriptChecks && !Options.EnableLocalScriptChecks)
            {
                throw new InvalidRequestException(ScriptsDisabledLocal);
            }

            if (source == CheckSource.Remote && !Options.EnableScriptChecks)
            {
                throw new InvalidRequestException(ScriptsDisabledRemote);
            }
        }

        var outputMax = definition.OutputMaxSize > 0 ? definition.OutputMaxSize
            : Options.CheckOutputMaxSize > 0 ? Options.CheckOutputMaxSize : DefaultOutputMaxSize;
        var interval = timing.Interval < Options.MinInterval ? Options.MinInterval : timing.Interval;
        var timeout = timing.Timeout > TimeSpan.Zero ? timing.Timeout : type == "script" ? ScriptTimeout : NetworkTimeout;
        var stagger = Options.InitialStagger;
        ICheckStatusSink Thresholds() => new CheckThresholdSink(
            sink, definition.SuccessBeforePassing, definition.FailuresBeforeWarning, definition.FailuresBeforeCritical);

        return type switch
        {
            "ttl" => new TtlCheck(checkId, timing.Ttl, outputMax, sink, TimeProvider.System),
            "http" => new HttpCheckRunner(checkId, definition, interval, timeout, outputMax, Thresholds(), stagger),
            "tcp" => new TcpCheckRunner(checkId, definition, interval, timeout, Thresholds(), stagger),
            "udp" => new UdpCheckRunner(checkId, definition.UDP!, interval, timeout, Thresholds(), stagger),
            "grpc" => new GrpcCheckRunner(checkId, definition, interval, timeout, Thresholds(), stagger),
            "h2ping" => new H2PingCheckRunner(checkId, definition, interval, timeout, Thresholds(), stagger),
            "script" => new ScriptCheckRunner(checkId, definition.Args!, interval, timeout, outputMax, Thresholds(), stagger),
            "alias" => new AliasCheckRunner(
                checkId,
                definition.AliasNode ?? "",
                definition.AliasService ?? "",
                Options.AliasSource ?? throw new InvalidRequestException("Alias checks are not available on this agent: it has no source of check state"),
                sink),
            "docker" => throw new InvalidRequestException(
                "Docker checks are not supported by this agent (docker_container_id): Trellis does not run commands in containers; use a script, HTTP or TCP check"),
            "os_service" => throw new InvalidRequestException(
                "OS service checks are not supported by this agent (os_service): Trellis does not query systemd or Windows services; use a script check"),
            _ => throw new InvalidRequestException(CheckDefinitionValidator.TtlRequired),
        };
    }
}
