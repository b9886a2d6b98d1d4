using System.Runtime.InteropServices;
using Trellis.Cli.Flags;
using Trellis.Hosting;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Agent;

/// <summary>
/// <c>trellis agent</c>: parses Consul's agent flags, loads the configuration (defaults, dev source, config files and
/// directories, flags, <c>-hcl</c> fragments), prints the startup banner and runs the agent until it stops.
/// </summary>
/// <remarks>Stateless; each call parses its own command line. The writers are used from the calling flow only.</remarks>
public static class AgentCommand
{
    public const string Synopsis = "Runs a Trellis agent";

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(args, stdout, stderr, RunHostAsync, ct);

    /// <summary>As <see cref="RunAsync(IReadOnlyList{string}, TextWriter, TextWriter, CancellationToken)"/> with another way to run the agent.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter stdout,
        TextWriter stderr,
        AgentRunner runner,
        CancellationToken ct)
    {
        if (args.Any(a => a is "-h" or "-help" or "--help" or "--h"))
        {
            await stdout.WriteAsync(Usage());
            return 0;
        }

        AgentConfig config;
        try
        {
            config = BuildConfig(args);
        }
        catch (FlagParseException ex)
        {
            // Consul compat: Go's flag package prints the error and the usage, then the agent reports the failure.
            await stderr.WriteLineAsync(ex.Message);
            await stderr.WriteAsync(Usage());
            await stderr.WriteLineAsync($"==> error parsing flags: {ex.Message}");
            return 1;
        }
        catch (ConfigException ex)
        {
            await stderr.WriteLineAsync($"==> {ex.Message}");
            return 1;
        }

        await stdout.WriteLineAsync("==> Starting Trellis agent...");
        try
        {
            await runner(config, effective => WriteBanner(stdout, effective), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or NotSupportedException
            or UnauthorizedAccessException or System.Net.Sockets.SocketException or ArgumentException or FormatException)
        {
            await stderr.WriteLineAsync($"==> Error starting agent: {ex.Message}");
            return 1;
        }

        await stdout.WriteLineAsync("==> Trellis agent stopped");
        return 0;
    }

    /// <summary>Parses the agent's command line and loads its configuration; throws <see cref="FlagParseException"/> or <see cref="ConfigException"/>.</summary>
    public static AgentConfig BuildConfig(IReadOnlyList<string> args)
    {
        var flags = new AgentFlags();
        var options = flags.Parse(args);
        if (flags.Arguments.Count > 0)
        {
            throw new ConfigException($"config: Unknown extra arguments: [{string.Join(' ', flags.Arguments)}]");
        }

        return ConfigLoader.Load(options);
    }

    /// <summary>For <c>trellis validate</c>: loads and checks config files and directories without starting anything.</summary>
    public static AgentConfig ValidateConfig(IReadOnlyList<string> files) => ConfigLoader.ValidateConfig(files);

    /// <summary>The banner printed once the agent serves, in the shape of Consul's.</summary>
    public static string FormatBanner(AgentConfig c)
    {
        static string Row(string name, string value) => $"{name,18}: {value}\n";
        return Row("Version", $"'{Trellis.Agent.AgentVersion.TrellisVersion}'")
            + (c.NodeId is null ? "" : Row("Node ID", $"'{c.NodeId}'"))
            + Row("Node name", $"'{c.NodeName}'")
            + Row("Datacenter", $"'{c.Datacenter}'")
            + Row("Server", $"{(c.Server ? "true" : "false")} (Bootstrap: {(c.Bootstrap ? "true" : "false")})")
            + Row("Client Addr", $"[{c.ClientAddr}] (HTTP: {c.HttpPort}, HTTPS: -1, gRPC: -1, DNS: {c.DnsPort})")
            + Row("Cluster Addr", $"{c.AdvertiseAddr ?? c.BindAddr} (Server: {c.ServerPort})")
            + "\n==> Trellis agent running!\n\n==> Log data will now stream in as it occurs:\n\n";
    }

    public static string Usage()
    {
        var text = "Usage: trellis agent [options]\n\n  Starts the Trellis agent and runs until an interrupt is received. The\n  agent represents a single node in a cluster.\n\n";
        foreach (var flag in new AgentFlags().Flags)
        {
            text += $"  -{flag.Name}{(flag.IsBool ? "" : "=<value>")}\n     {flag.Usage}\n\n";
        }

        return text;
    }

    private static void WriteBanner(TextWriter stdout, AgentConfig config)
    {
        stdout.Write(FormatBanner(config));
        stdout.Flush();
    }

    private static async Task RunHostAsync(AgentConfig config, Action<AgentConfig> started, CancellationToken ct)
    {
        await using var host = new AgentHost(config);
        await host.StartAsync(ct);
        started(host.Config);

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            host.Agent.RequestLeave();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            await host.Stopped.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
