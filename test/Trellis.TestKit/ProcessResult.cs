namespace Trellis.TestKit;

/// <summary>What a finished one-shot process printed and returned.</summary>
/// <remarks>Immutable record.</remarks>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, string CommandLine)
{
    /// <summary>A description for assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}{Environment.NewLine}exit {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{StdOut}--- stderr ---{Environment.NewLine}{StdErr}";
}
