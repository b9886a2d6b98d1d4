using System.Runtime.InteropServices;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// <c>trellis lock [options] PREFIX CHILD...</c>: holds a lock at <c>PREFIX/.lock</c> (Consul's lock helper) while a
/// child command runs; kills the child if the lock is lost, releases the lock and destroys the session afterwards.
/// </summary>
/// <remarks>Stateless; each run owns its flags, client, lock and child.</remarks>
public static class LockCommand
{
    public const string Synopsis = "Execute a command holding a lock";

    /// <summary>Consul's lockKillGracePeriod: time between SIGTERM and SIGKILL of a child whose lock is lost.</summary>
    public static readonly TimeSpan KillGracePeriod = TimeSpan.FromSeconds(5);

    private const int SigInt = 2;
    private const int SigTerm = 15;

    private const string Help = """
        Usage: trellis lock [options] prefix child...

          Acquires a lock or semaphore at a given path and runs a child process once
          it holds it; the child may assume the lock is held while it runs. If the
          lock is lost or the agent cannot be reached, the child gets SIGTERM and a
          grace period to exit before it is killed.

          With -n=1 (the default) there is a single holder (mutual exclusion); a
          higher value switches to a semaphore with that many holders.

          The prefix must be writable with the token used.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("lock");
        var childExitCode = flags.Bool("child-exit-code", "Exit 2 if the child process exited with an error if this is true, otherwise this doesn't propagate an error from the child. The default value is false.");
        var limit = flags.Int("n", "Optional limit on the number of concurrent lock holders. The underlying implementation switches from a lock to a semaphore when the value is greater than 1. The default value is 1.", 1);
        var monitorRetry = flags.Int("monitor-retry", "Number of times to retry if the agent returns a 500 error while monitoring the lock. The default value is 3, with a 1s wait between retries. Set this value to 0 to disable retries.", 3);
        var name = flags.String("name", "Optional name to associate with the lock session. If not provided, one is generated based on the provided child command.", "");
        var passStdin = flags.Bool("pass-stdin", "Pass stdin to the child process.");
        var shell = flags.Bool("shell", "Use a shell to run the command (can set a custom shell via the SHELL environment variable).", defaultValue: true);
        var timeout = flags.Duration("timeout", "Maximum amount of time to wait to acquire the lock, specified as a duration like \"1s\" or \"3h\". The default value is 0.");
        var verbose = flags.Bool("verbose", "Enable verbose (debugging) output.");
        var tryFlag = flags.Duration("try", "DEPRECATED. Use -timeout instead.");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (limit.Value <= 0)
        {
            io.Error.WriteLine("Lock holder limit must be positive");
            return 1;
        }

        var extra = flags.Arguments;
        if (extra.Count < 2)
        {
            io.Error.WriteLine("Key prefix and child command must be specified");
            return 1;
        }

        // Consul compat: -try is an alias of -timeout; the one given last on the command line wins there, here
        // -timeout wins when both are given.
        var wait = flags.IsSet("timeout") ? timeout.Value : tryFlag.Value;
        if (wait < TimeSpan.Zero)
        {
            io.Error.WriteLine("Timeout must be positive");
            return 1;
        }

        var prefix = CommandLine.TrimKey(extra[0]);
        var child = extra.Skip(1).ToArray();
        var sessionName = string.IsNullOrEmpty(name.Value)
            ? $"Consul lock for '{string.Join(' ', child)}' at '{prefix}'"
            : name.Value;
        if (monitorRetry.Value < 0)
        {
            io.Error.WriteLine("Number for 'monitor-retry' must be >= 0");
            return 1;
        }

        using var client = await ApiFailure.TryConnectAsync(http, io, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return 1;
        }

        void Info(string line)
        {
            if (verbose.Value)
            {
                io.Out.WriteLine(line);
            }
        }

        var settings = new LockSettings
        {
            Key = JoinKey(prefix, ".lock"),
            SessionName = sessionName,
            TryOnceWait = wait > TimeSpan.Zero ? wait : null,
            MonitorRetries = monitorRetry.Value,
        };
        ILockHolder holder;
        if (limit.Value == 1)
        {
            Info($"Setting up lock at path: {settings.Key}");
            holder = new KvLock(client, settings);
        }
        else if (prefix.Length == 0)
        {
            // Consul compat: api.SemaphoreOpts refuses an empty prefix.
            io.Error.WriteLine("Lock setup failed: missing prefix");
            return 1;
        }
        else
        {
            Info($"Setting up semaphore (limit {limit.Value}) at prefix: {prefix}");
            holder = new KvSemaphore(client, settings, prefix, limit.Value);
        }

        await using var owned = holder;
        // Consul compat: SIGTERM (like Ctrl+C, which cancels cancellationToken) is a shutdown: it aborts the
        // acquisition or, once the child runs, is forwarded to it before the child is terminated.
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = new ChildSignals(io);
        using var term = OperatingSystem.IsWindows()
            ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                signals.Forward(SigTerm);
                shutdown.Cancel();
            });
        using var interrupt = OperatingSystem.IsWindows()
            ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => signals.Forward(SigInt));
        return await RunHeldAsync(holder, child, shell.Value, passStdin.Value, childExitCode.Value, io, Info, signals,
            shutdown.Token).ConfigureAwait(false);
    }

    private static async Task<int> RunHeldAsync(ILockHolder holder, IReadOnlyList<string> command, bool shell,
        bool passStdin, bool propagateChildCode, CommandIo io, Action<string> info, ChildSignals signals,
        CancellationToken shutdown)
    {
        info("Attempting lock acquisition");
        bool held;
        try
        {
            held = await holder.AcquireAsync(shutdown).ConfigureAwait(false);
        }
        catch (LockException ex)
        {
            io.Error.WriteLine($"Lock acquisition failed: {ex.Message}");
            return 1;
        }

        if (!held)
        {
            io.Error.WriteLine("Shutdown triggered or timeout during lock acquisition");
            return 1;
        }

        var childCode = 0;
        if (shutdown.IsCancellationRequested)
        {
            io.Error.WriteLine("Shutdown triggered during lock acquisition");
        }
        else
        {
            childCode = await RunChildAsync(holder, command, shell, passStdin, io, info, signals, shutdown).ConfigureAwait(false);
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await holder.ReleaseAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (LockException ex)
        {
            io.Error.WriteLine($"Lock release failed: {ex.Message}");
            return 1;
        }

        try
        {
            if (await holder.CleanupAsync(bounded.Token).ConfigureAwait(false))
            {
                info("Cleanup succeeded");
            }
            else
            {
                info("Cleanup aborted, lock in use");
            }
        }
        catch (LockException ex)
        {
            io.Error.WriteLine($"Lock cleanup failed: {ex.Message}");
            return 1;
        }

        return propagateChildCode ? childCode : 0;
    }

    /// <summary>Runs the child while the lock is held; 2 when it failed (Consul's child code), else 0.</summary>
    private static async Task<int> RunChildAsync(ILockHolder holder, IReadOnlyList<string> command, bool shell,
        bool passStdin, CommandIo io, Action<string> info, ChildSignals signals, CancellationToken shutdown)
    {
        info("Starting handler");
        LockChild child;
        try
        {
            child = LockChild.Start(command, shell, passStdin, io);
        }
        catch (InvalidOperationException ex)
        {
            io.Error.WriteLine($"Error starting handler: {ex.Message}");
            return 2;
        }

        using (child)
        {
            try
            {
                return await SuperviseAsync(holder, child, passStdin, io, info, signals, shutdown).ConfigureAwait(false);
            }
            finally
            {
                signals.Child = null;
            }
        }
    }

    /// <summary>Waits for the child to end, the lock to be lost or a shutdown; terminates the child in the latter cases.</summary>
    private static async Task<int> SuperviseAsync(ILockHolder holder, LockChild child, bool passStdin, CommandIo io,
        Action<string> info, ChildSignals signals, CancellationToken shutdown)
    {
        if (passStdin)
        {
            info("Stdin passed to handler process");
        }

        signals.Child = child;
        var shutdownTask = Task.Delay(Timeout.Infinite, shutdown);
        var first = await Task.WhenAny(child.Exited, holder.Lost, shutdownTask).ConfigureAwait(false);
        if (first == child.Exited)
        {
            var code = await child.Exited.ConfigureAwait(false);
            info("Child terminated, releasing lock");
            if (code != 0)
            {
                io.Error.WriteLine($"Error running handler: exit status {code}");
                return 2;
            }

            return 0;
        }

        if (first == shutdownTask)
        {
            info("Shutdown triggered, killing child");
        }
        else
        {
            info("Lock lost, killing child");
        }

        var error = await child.TerminateAsync(KillGracePeriod, info).ConfigureAwait(false);
        if (error is not null)
        {
            io.Error.WriteLine(error);
        }

        // Bounded: after SIGKILL the child is gone promptly.
        await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Go's path.Join for a key prefix and a name: empty parts dropped, duplicate slashes collapsed.</summary>
    public static string JoinKey(string prefix, string name)
    {
        var parts = prefix.Split('/', StringSplitOptions.RemoveEmptyEntries).Append(name);
        return string.Join('/', parts);
    }
}
