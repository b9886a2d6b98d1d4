namespace Trellis.Cli.Commands.Lock;

/// <summary>A lock step failed; the message is worded as Consul's api package words it.</summary>
public sealed class LockException : Exception
{
    public LockException(string message)
        : base(message)
    {
    }

    public LockException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
