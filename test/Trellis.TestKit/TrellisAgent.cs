using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace Trellis.TestKit;

/// <summary>
/// One real <c>trellis agent</c> process on its own loopback address and free ports. Start with
/// <see cref="StartAsync"/>; it returns once the agent reports a leader and its node is in the catalog. <see cref="Kill"/> is kill -9,
/// <see cref="StopAsync"/> is SIGTERM then kill; <see cref="RestartAsync"/> starts it again with the same
/// ports and data dir. Disposing kills the process and deletes the temporary directory.
/// </summary>
/// <remarks>
/// Control methods (start/stop/kill/restart/dispose) are meant to be called by one test at a time; the
/// properties and <see cref="Log"/> are safe from any thread.
/// </remarks>
public sealed class TrellisAgent : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };
    private static int _sequence;

    private readonly string _tempDir;
    private Process? _process;
    private bool _disposed;

    private TrellisAgent(AgentOptions options)
    {
        Options = options;
        Address = Loopback.NextAddress();
        HttpPort = Loopback.FreePort(Address);
        ServerPort = Loopback.FreePort(Address);
        DnsPort = Loopback.FreePort(Address);
        NodeName = options.NodeName ?? $"node-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";
        _tempDir = Path.Combine(Path.GetTempPath(), "trellis-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_tempDir);
        DataDir = options.Dev ? null : Directory.CreateDirectory(Path.Combine(_tempDir, "data")).FullName;
    }

    public AgentOptions Options { get; }

    /// <summary>The loopback address the agent binds (both <c>-bind</c> and <c>-client</c>).</summary>
    public IPAddress Address { get; }

    public int HttpPort { get; }

    public int ServerPort { get; }

    public int DnsPort { get; }

    public string NodeName { get; }

    /// <summary>The data dir (server mode), null for a dev agent.</summary>
    public string? DataDir { get; }

    /// <summary>A scratch directory deleted with the agent (for snapshot files and the like).</summary>
    public string ScratchDir => _tempDir;

    /// <summary><c>http://ip:port</c>, the value for <c>-http-addr</c>.</summary>
    public string HttpAddr => $"http://{Address}:{HttpPort}";

    /// <summary>Base address for an <see cref="HttpClient"/>.</summary>
    public Uri HttpUri => new(HttpAddr + "/");

    /// <summary>The Raft/RPC address the agent should report as leader and peer.</summary>
    public string ServerAddr => $"{Address}:{ServerPort}";

    /// <summary>Everything the process printed (all starts), prefixed with the stream name.</summary>
    public AgentLog Log { get; } = new();

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Starts an agent and waits (bounded by <see cref="AgentOptions.StartTimeout"/>) for a leader.</summary>
    public static async Task<TrellisAgent> StartAsync(AgentOptions? options = null, CancellationToken cancellationToken = default)
    {
        var agent = new TrellisAgent(options ?? AgentOptions.DevMode());
        try
        {
            await agent.LaunchAsync(cancellationToken);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>An <see cref="HttpClient"/> for this agent's HTTP API with a bounded timeout.</summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = HttpUri, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>Runs <c>trellis &lt;args&gt; -http-addr=&lt;this agent&gt;</c>: the address flag goes right after the verb words.</summary>
    public Task<ProcessResult> RunCliAsync(string[] verb, string[] args, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunTrellisAsync([.. verb, "-http-addr=" + HttpAddr, .. args], timeout ?? TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>kill -9 (the whole process tree), then waits for it to be gone.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        LiveProcesses.KillTree(_process);
        _process.WaitForExit(10_000);
        Log.Append($"[testkit] killed (-9) at {Now()}");
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/> (default 10 s) for exit, then kill -9.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _ = SysKill(_process.Id, SigTerm);
        using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            Log.Append($"[testkit] stopped (SIGTERM) at {Now()}");
        }
        catch (OperationCanceledException)
        {
            Log.Append($"[testkit] did not stop within the grace period; killing");
            Kill();
        }
    }

    /// <summary>
    /// Sends SIGHUP to the agent process itself (not to the <c>timeout(1)</c> wrapper, which would pass it on to its
    /// whole process group): the agent reloads its configuration.
    /// </summary>
    public void Hangup()
    {
        if (_process is null || _process.HasExited)
        {
            throw new InvalidOperationException("The agent is not running.");
        }

        var pid = _process.Id;
        var children = $"/proc/{pid}/task/{pid}/children";
        if (File.Exists(children) && File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var child, ..])
        {
            pid = int.Parse(child, CultureInfo.InvariantCulture);
        }

        _ = SysKill(pid, SigHup);
        Log.Append($"[testkit] SIGHUP to {pid} at {Now()}");
    }

    /// <summary>Starts the process again (after <see cref="Kill"/> or <see cref="StopAsync"/>) with the same ports and data dir.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!HasExited)
        {
            throw new InvalidOperationException("the agent is still running; Kill or Stop it first");
        }

        _process?.Dispose();
        _process = null;
        await LaunchAsync(cancellationToken);
    }

    /// <summary>Waits (bounded) until <c>GET /v1/status/leader</c> names a leader; throws <see cref="AgentStartException"/> otherwise.</summary>
    public async Task WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string last = "(no answer yet)";
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                await DrainOutputAsync();
                throw new AgentStartException(
                    $"agent {NodeName} exited with code {_process?.ExitCode} before it had a leader{Environment.NewLine}{Log.Tail()}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(HttpUri, "v1/status/leader"), cancellationToken);
                var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
                last = $"{(int)response.StatusCode} {body}";
                if (response.IsSuccessStatusCode && body.Length > 2 && body != "\"\"")
                {
                    Log.Append($"[testkit] leader {body} after {clock.ElapsedMilliseconds} ms");
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new AgentStartException(
            $"agent {NodeName} had no leader within {timeout} (last answer: {last}){Environment.NewLine}{Log.Tail()}");
    }

    /// <summary>
    /// Waits (bounded) until the leader has registered this agent's node in the catalog (<c>/v1/catalog/node/:node</c>
    /// is not null): sessions and health queries depend on it. Throws <see cref="AgentStartException"/> otherwise.
    /// </summary>
    public async Task WaitForNodeRegisteredAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string last = "(no answer yet)";
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var response = await Probe.GetAsync(new Uri(HttpUri, "v1/catalog/node/" + Uri.EscapeDataString(NodeName)), cancellationToken);
                var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
                last = $"{(int)response.StatusCode} {body}";
                if (response.IsSuccessStatusCode && body.Length > 0 && body != "null")
                {
                    Log.Append($"[testkit] node {NodeName} registered after {clock.ElapsedMilliseconds} ms");
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new AgentStartException(
            $"agent {NodeName} did not register its node within {timeout} (last answer: {last}){Environment.NewLine}{Log.Tail()}");
    }

    /// <summary>Kills the process (if running) and deletes the temporary directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_process is not null)
        {
            Kill();
            LiveProcesses.Remove(_process);
            _process.Dispose();
            _process = null;
        }

        for (var attempt = 0; attempt < 5 && Directory.Exists(_tempDir); attempt++)
        {
            try
            {
                Directory.Delete(_tempDir, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
            catch (UnauthorizedAccessException)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The command line arguments (after <c>trellis</c>) this agent is started with.</summary>
    public IReadOnlyList<string> AgentArguments()
    {
        var args = new List<string> { "agent" };
        if (Options.Dev)
        {
            args.Add("-dev");
        }
        else
        {
            args.AddRange(["-server", "-bootstrap", "-data-dir=" + DataDir]);
        }

        var ip = Address.ToString();
        args.AddRange(
        [
            "-node=" + NodeName,
            "-bind=" + ip,
            "-client=" + ip,
            "-http-port=" + HttpPort.ToString(CultureInfo.InvariantCulture),
            "-server-port=" + ServerPort.ToString(CultureInfo.InvariantCulture),
            "-dns-port=" + DnsPort.ToString(CultureInfo.InvariantCulture),
        ]);
        foreach (var hcl in Options.Hcl)
        {
            args.Add("-hcl=" + hcl);
        }

        var configDir = Path.Combine(_tempDir, "config");
        foreach (var (fileName, content) in Options.ConfigFiles)
        {
            Directory.CreateDirectory(configDir);
            var path = Path.Combine(configDir, fileName);
            File.WriteAllText(path, content);
            args.Add("-config-file=" + path);
        }

        args.AddRange(Options.ExtraArgs);
        return args;
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var agentArgs = AgentArguments();
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _tempDir,
        };

        // timeout(1) bounds the agent's life even if the test host is killed before it can clean up.
        if (File.Exists("/usr/bin/timeout"))
        {
            info.FileName = "/usr/bin/timeout";
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add("KILL");
            info.ArgumentList.Add(((int)Options.MaxLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(RepoLayout.DotnetHost);
        }
        else
        {
            info.FileName = RepoLayout.DotnetHost;
        }

        info.ArgumentList.Add(RepoLayout.TrellisDll);
        foreach (var arg in agentArgs)
        {
            info.ArgumentList.Add(arg);
        }

        ProcessRunner.ScrubEnvironment(info);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.Append("[out] " + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.Append("[err] " + e.Data);
            }
        };

        Log.Append($"[testkit] {Now()} starting: trellis {string.Join(' ', agentArgs)}");
        process.Start();
        _process = process;
        LiveProcesses.Add(process);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForLeaderAsync(Options.StartTimeout, cancellationToken);
        await WaitForNodeRegisteredAsync(Options.StartTimeout, cancellationToken);
    }

    /// <summary>After exit, waits (bounded) until the redirected streams are read to the end.</summary>
    private async Task DrainOutputAsync()
    {
        if (_process is null)
        {
            return;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Append("[testkit] output not drained within 5 s");
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private const int SigTerm = 15;

    private const int SigHup = 1;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
