using System.Diagnostics;
using Trellis.Core.Checks;
using Trellis.Core.Formats;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>args</c>: runs the command (no shell) with stdout and stderr captured together; exit 0 is passing, 1 warning,
/// anything else critical (the Nagios plugin convention). At the timeout (default 30s) the whole process tree is
/// killed and the check is critical with "Timed out (30s) running check".
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>. At most one process of a runner is alive at a time.</remarks>
internal sealed class ScriptCheckRunner(
    string checkId, IReadOnlyList<string> args, TimeSpan interval, TimeSpan timeout, int outputMaxSize, ICheckStatusSink sink, bool stagger)
    : IntervalCheckRunner(checkId, "script", interval, timeout, sink, stagger)
{
    protected override async Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var output = new TailBuffer(outputMaxSize);
        var start = new ProcessStartInfo(args[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            return new CheckResult(HealthStatus.Critical, $"exec: \"{args[0]}\": {ex.Message}");
        }

        process.StandardInput.Close();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, output),
            PumpAsync(process.StandardError.BaseStream, output));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await pumps.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            // Let the pipes drain what was written before the kill (bounded: a surviving grandchild may hold them).
            await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
            var message = $"Timed out ({GoDuration.Format(Timeout)}) running check";
            var captured = Captured(output);
            return new CheckResult(HealthStatus.Critical, captured.Length > 0 ? message + "\n\n" + captured : message);
        }
        catch (TimeoutException)
        {
            // A grandchild still holds the pipes open; report what we have.
        }

        var status = process.ExitCode switch
        {
            0 => HealthStatus.Passing,
            1 => HealthStatus.Warning,
            _ => HealthStatus.Critical,
        };
        return new CheckResult(status, Captured(output));
    }

    private static string Captured(TailBuffer output)
    {
        var text = output.ToString();
        var kept = output.Retained;
        return output.TotalWritten > kept
            ? $"Captured {kept} of {output.TotalWritten} bytes\n...\n{text}"
            : text;
    }

    private static async Task PumpAsync(Stream stream, TailBuffer output)
    {
        var chunk = new byte[4096];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                output.Write(chunk.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
