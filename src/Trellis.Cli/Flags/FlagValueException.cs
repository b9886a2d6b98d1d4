namespace Trellis.Cli.Flags;

/// <summary>A flag value that does not parse, with the reason Go's flag.Value.Set would give.</summary>
public sealed class FlagValueException : FormatException
{
    public FlagValueException(string message) : base(message) { }
}
