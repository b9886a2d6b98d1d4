using System.Diagnostics;
using System.Runtime.InteropServices;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// The child command of <c>trellis lock</c>: started through the shell (<c>$SHELL -c</c>, default <c>/bin/sh</c>;
/// <c>cmd /C</c> on Windows) with the arguments joined by spaces, or directly with -shell=false; with
/// <c>CONSUL_LOCK_HELD=true</c> in its environment, no standard input unless -pass-stdin, and its output copied to
/// the command's output.
/// </summary>
/// <remarks>
/// One instance per run. <see cref="Signal"/> and <see cref="TerminateAsync"/> may be called from a signal handler
/// thread while <see cref="Exited"/> is awaited elsewhere; the process object is only read after start.
/// </remarks>
public sealed class LockChild : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Task _pumps;

    private LockChild(Process process, Task pumps)
    {
        _process = process;
        _pumps = pumps;
        Exited = WaitAsync();
    }

    /// <summary>Completes with the child's exit code once it has exited (and its copied output has ended, briefly bounded).</summary>
    public Task<int> Exited { get; }

    public int Pid => _process.Id;

    /// <summary>The program and arguments a child command line runs as.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Command(IReadOnlyList<string> command, bool shell,
        Func<string, string?> getEnvironmentVariable)
    {
        if (!shell)
        {
            return (command[0], command.Skip(1).ToArray());
        }

        var script = string.Join(' ', command);
        if (OperatingSystem.IsWindows())
        {
            return ("cmd", ["/C", script]);
        }

        var sh = getEnvironmentVariable("SHELL");
        return (string.IsNullOrEmpty(sh) ? "/bin/sh" : sh, ["-c", script]);
    }

    /// <summary>Starts the child; throws <see cref="InvalidOperationException"/> with the reason when it cannot.</summary>
    public static LockChild Start(IReadOnlyList<string> command, bool shell, bool passStdin, CommandIo io)
    {
        var (fileName, arguments) = Command(command, shell, io.GetEnvironmentVariable);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = !passStdin,
            // Consul compat: the child writes straight to our standard output and error (inherited) when those are
            // the console; captured writers (tests, embedders) get a copy.
            RedirectStandardOutput = !ReferenceEquals(io.Out, Console.Out),
            RedirectStandardError = !ReferenceEquals(io.Error, Console.Error),
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CONSUL_LOCK_HELD"] = "true";
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException(ex.Message, ex);
        }

        if (!passStdin)
        {
            // Consul compat: without -pass-stdin the child's standard input is empty.
            process.StandardInput.Close();
        }

        var pumps = Task.WhenAll(
            info.RedirectStandardOutput ? TextPump.CopyAsync(process.StandardOutput, io.Out) : Task.CompletedTask,
            info.RedirectStandardError ? TextPump.CopyAsync(process.StandardError, io.Error) : Task.CompletedTask);
        return new LockChild(process, pumps);
    }

    private async Task<int> WaitAsync()
    {
        // Not WaitForExitAsync: it also waits for the output to end, which a grandchild left running may hold open.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => exited.TrySetResult();
        if (_process.HasExited)
        {
            exited.TrySetResult();
        }

        await exited.Task.ConfigureAwait(false);

        // Copy what is already buffered; a grandchild still holding the pipes does not keep us waiting long.
        await Task.WhenAny(_pumps, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal to the child (SIGTERM, SIGINT…); on Windows kills it. False when that failed.</summary>
    public bool Signal(int signal)
    {
        try
        {
            if (_process.HasExited)
            {
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            // Disposed: the child is gone.
            return true;
        }

        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
            return true;
        }

        return Kill(_process.Id, signal) == 0;
    }

    /// <summary>
    /// Consul's killChild: SIGTERM, then SIGKILL when the child has not exited after <paramref name="grace"/>.
    /// Returns Consul's error text when a signal could not be sent, else null.
    /// </summary>
    public async Task<string?> TerminateAsync(TimeSpan grace, Action<string> verbose)
    {
        verbose($"Terminating child pid {Pid}");
        if (!Signal(SigTerm))
        {
            return $"Failed to terminate {Pid}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        if (await Task.WhenAny(Exited, Task.Delay(grace, CancellationToken.None)).ConfigureAwait(false) == Exited)
        {
            verbose("Child terminated");
            return null;
        }

        verbose($"Child did not exit after grace period of {Core.Formats.GoDuration.Format(grace)}");
        verbose($"Killing child pid {Pid}");
        if (!Signal(SigKill))
        {
            return $"Failed to kill {Pid}: {Marshal.GetLastPInvokeErrorMessage()}";
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
