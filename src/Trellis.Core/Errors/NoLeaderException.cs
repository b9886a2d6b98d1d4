namespace Trellis.Core.Errors;

/// <summary>HTTP 500: no cluster leader is known (Consul answers "No cluster leader").</summary>
public sealed class NoLeaderException : TrellisException
{
    public NoLeaderException(string message) : base(message) { }

    public NoLeaderException(string message, Exception inner) : base(message, inner) { }
}
