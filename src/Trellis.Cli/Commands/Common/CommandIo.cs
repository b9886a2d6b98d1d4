namespace Trellis.Cli.Commands.Common;

/// <summary>What a command reads and writes: output, error output, standard input and environment variables.</summary>
/// <remarks>Immutable; a command runs on one thread at a time and writes through these writers only.</remarks>
public sealed record CommandIo(
    TextWriter Out,
    TextWriter Error,
    Func<Stream> OpenStdin,
    Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>The process's console and environment.</summary>
    public static CommandIo FromConsole() =>
        new(Console.Out, Console.Error, Console.OpenStandardInput, Environment.GetEnvironmentVariable);
}
