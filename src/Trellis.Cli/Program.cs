namespace Trellis.Cli;

/// <summary>Entry point of the <c>trellis</c> binary: dispatches to a verb.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await Task.Yield();
        Console.Error.WriteLine("Usage: trellis <command> [args]");
        return args.Length == 0 ? 1 : 127;
    }
}
