namespace Trellis.Cli.Flags;

/// <summary>A command line that does not parse; the message is worded as Go's flag package words it, as Consul prints it.</summary>
public sealed class FlagParseException : Exception
{
    public FlagParseException(string message) : base(message) { }
}
