using System.Collections.Concurrent;
using System.Diagnostics;
using Trellis.TestKit;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>
/// A long-running <c>trellis</c> CLI verb (monitor, watch) whose output the test reads while it runs: stdout lines
/// are collected as they come; disposing kills the process tree if it still runs.
/// </summary>
public sealed class TrellisCliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly Task<string> _stderr;

    public TrellisCliProcess(params string[] args)
    {
        var info = new ProcessStartInfo(RepoLayout.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoLayout.TrellisDll }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        // The agent address comes from the arguments only, never from the test host's environment.
        info.Environment.Remove("CONSUL_HTTP_ADDR");
        info.Environment.Remove("TRELLIS_HTTP_ADDR");
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>The stdout lines printed so far.</summary>
    public IReadOnlyList<string> Lines => [.. _stdout];

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits (bounded) for the process to exit on its own.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(bound.Token);
    }

    /// <summary>What it printed on stderr, if it has exited (else what is known after a short wait).</summary>
    public async Task<string> ErrorsAsync() =>
        await Task.WhenAny(_stderr, Task.Delay(TimeSpan.FromSeconds(1))) == _stderr ? await _stderr : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
