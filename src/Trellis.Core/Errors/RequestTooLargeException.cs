namespace Trellis.Core.Errors;

/// <summary>HTTP 413: a body, value or transaction exceeds a limit.</summary>
public sealed class RequestTooLargeException : TrellisException
{
    public RequestTooLargeException(string message) : base(message) { }

    public RequestTooLargeException(string message, Exception inner) : base(message, inner) { }
}
