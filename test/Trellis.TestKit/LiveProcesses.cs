using System.Diagnostics;

namespace Trellis.TestKit;

/// <summary>
/// Every process TestKit started and has not yet reaped; killed when the test host exits, so a crashed or
/// aborted test run does not leave agents behind.
/// </summary>
/// <remarks>Thread-safe: guarded by a lock.</remarks>
internal static class LiveProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Processes = [];

    static LiveProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static void Add(Process process)
    {
        lock (Gate)
        {
            Processes.Add(process);
        }
    }

    public static void Remove(Process process)
    {
        lock (Gate)
        {
            Processes.Remove(process);
        }
    }

    /// <summary>Kills a process tree, ignoring a process that already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // exiting while we asked
        }
    }

    private static void KillAll()
    {
        Process[] all;
        lock (Gate)
        {
            all = [.. Processes];
            Processes.Clear();
        }

        foreach (var process in all)
        {
            KillTree(process);
        }
    }
}
