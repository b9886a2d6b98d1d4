using System.Diagnostics;
using System.Text;

namespace Trellis.TestKit;

/// <summary>Runs one-shot processes (the <c>trellis</c> CLI, node scripts) with a bounded wait.</summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class ProcessRunner
{
    /// <summary>Runs <c>trellis &lt;args&gt;</c> (the built trellis.dll).</summary>
    public static Task<ProcessResult> RunTrellisAsync(
        IEnumerable<string> args, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(RepoLayout.DotnetHost, [RepoLayout.TrellisDll, .. args], timeout, null, null, cancellationToken);

    /// <summary>
    /// Runs a process to completion; on timeout or cancellation kills its tree and throws
    /// <see cref="TimeoutException"/> carrying what it printed so far.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> args,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        ScrubEnvironment(info);
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
        }

        var commandLine = fileName + " " + string.Join(' ', args.Select(Quote));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start '{fileName}' ({ex.Message}); is it installed and on PATH?", ex);
        }

        LiveProcesses.Add(process);
        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                LiveProcesses.KillTree(process);
                throw new TimeoutException(
                    $"process did not finish within {timeout}: {commandLine}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Snapshot(stdout)}--- stderr ---{Environment.NewLine}{Snapshot(stderr)}");
            }

            // WaitForExitAsync has also drained the redirected streams by now.
            return new ProcessResult(process.ExitCode, Snapshot(stdout), Snapshot(stderr), commandLine);
        }
        finally
        {
            LiveProcesses.KillTree(process);
            LiveProcesses.Remove(process);
        }
    }

    /// <summary>Removes settings inherited from the developer's shell that would redirect a Consul-compatible client.</summary>
    internal static void ScrubEnvironment(ProcessStartInfo info)
    {
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("CONSUL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
    }

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sink)
        {
            sink.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder sink)
    {
        lock (sink)
        {
            return sink.ToString();
        }
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"'{arg}'" : arg;
}
