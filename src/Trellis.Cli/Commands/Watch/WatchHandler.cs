using System.Diagnostics;
using System.Globalization;
using System.Text;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Watch;

/// <summary>
/// Runs a watch's child command for one result, as Consul does: through the shell (<c>$SHELL -c</c>, default
/// <c>/bin/sh</c>; <c>cmd /C</c> on Windows) unless -shell=false, with the result as JSON on standard input and
/// <c>CONSUL_INDEX</c> in the environment; its output goes to the watch's own output.
/// </summary>
/// <remarks>One instance per watch run; invoked from one thread at a time.</remarks>
public sealed class WatchHandler
{
    private readonly IReadOnlyList<string> _command;
    private readonly bool _shell;
    private readonly CommandIo _io;

    public WatchHandler(IReadOnlyList<string> command, bool shell, CommandIo io)
    {
        _command = command;
        _shell = shell;
        _io = io;
    }

    /// <summary>The program and arguments the child is started with.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) StartInfo()
    {
        if (!_shell)
        {
            return (_command[0], _command.Skip(1).ToArray());
        }

        var script = string.Join(' ', _command);
        if (OperatingSystem.IsWindows())
        {
            return ("cmd", ["/C", script]);
        }

        var shell = _io.GetEnvironmentVariable("SHELL");
        return (string.IsNullOrEmpty(shell) ? "/bin/sh" : shell, ["-c", script]);
    }

    /// <summary>Runs the child to completion; false (after printing Consul's error) when it cannot start or fails.</summary>
    public async Task<bool> RunAsync(ulong index, string json, CancellationToken cancellationToken)
    {
        var (fileName, arguments) = StartInfo();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CONSUL_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _io.Error.WriteLine($"Error starting handler: {ex.Message}");
            return false;
        }

        try
        {
            var stdout = TextPump.CopyAsync(process.StandardOutput, _io.Out);
            var stderr = TextPump.CopyAsync(process.StandardError, _io.Error);
            try
            {
                // Consul compat: the input is the encoder's compact JSON followed by a newline.
                await process.StandardInput.WriteAsync(new StringBuilder(json).Append('\n'), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child did not read its input; its exit status decides.
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                _io.Error.WriteLine($"Error executing handler: exit status {process.ExitCode}");
                return false;
            }

            return true;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
