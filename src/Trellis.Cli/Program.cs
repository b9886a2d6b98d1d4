using Trellis.Cli.Commands.Common;

namespace Trellis.Cli;

/// <summary>Entry point of the <c>trellis</c> binary: dispatches to a verb (see <see cref="CommandTable"/>).</summary>
/// <remarks>Runs on the main thread; Ctrl+C cancels the running verb.</remarks>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return await RunAsync(args, CommandIo.FromConsole(), cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return 1;
        }
    }

    /// <summary>Runs one command line against the given streams; what tests and embedders call.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken) =>
        CommandTable.CreateRouter().RunAsync(args, io, cancellationToken);
}
