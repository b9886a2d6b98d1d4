namespace Trellis.Cli.Commands.Kv;

/// <summary>A DATA argument that could not be read (missing file, unreadable stdin).</summary>
public sealed class KvDataException : Exception
{
    public KvDataException(string message, Exception inner) : base(message, inner) { }
}
