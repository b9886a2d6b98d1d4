namespace Trellis.TestKit;

/// <summary>An agent did not come up (exited, or had no leader within the bound); the message carries its output.</summary>
/// <remarks>Immutable once thrown.</remarks>
public sealed class AgentStartException : Exception
{
    public AgentStartException()
    {
    }

    public AgentStartException(string message)
        : base(message)
    {
    }

    public AgentStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
