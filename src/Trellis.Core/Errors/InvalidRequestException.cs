namespace Trellis.Core.Errors;

/// <summary>HTTP 400: the request is malformed or violates a rule.</summary>
public sealed class InvalidRequestException : TrellisException
{
    public InvalidRequestException(string message) : base(message) { }

    public InvalidRequestException(string message, Exception inner) : base(message, inner) { }
}
