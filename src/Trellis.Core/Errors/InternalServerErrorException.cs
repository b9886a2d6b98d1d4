namespace Trellis.Core.Errors;

/// <summary>
/// HTTP 500: a server-side failure that Consul reports as a plain RPC error (for example
/// "invalid session \"…\"" when locking with an unknown session). The message is the text the client sees.
/// </summary>
public sealed class InternalServerErrorException : TrellisException
{
    public InternalServerErrorException(string message) : base(message) { }

    public InternalServerErrorException(string message, Exception inner) : base(message, inner) { }
}
