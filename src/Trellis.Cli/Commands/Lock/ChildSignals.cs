using System.Runtime.InteropServices;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Lock;

/// <summary>Forwards the signals <c>trellis lock</c> receives (SIGINT, SIGTERM) to its child, once there is one.</summary>
/// <remarks>
/// <see cref="Child"/> is set by the run's flow and read from signal-handler threads (volatile); a signal that
/// arrives before the child starts is not forwarded.
/// </remarks>
public sealed class ChildSignals
{
    private readonly CommandIo _io;
    private volatile LockChild? _child;

    public ChildSignals(CommandIo io) => _io = io;

    public LockChild? Child
    {
        get => _child;
        set => _child = value;
    }

    public void Forward(int signal)
    {
        var child = _child;
        if (child is not null && !child.Signal(signal))
        {
            _io.Error.WriteLine($"Warning, could not forward signal: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
