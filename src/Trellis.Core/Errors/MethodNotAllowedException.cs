namespace Trellis.Core.Errors;

/// <summary>HTTP 405: the path exists but not with this HTTP method.</summary>
public sealed class MethodNotAllowedException : TrellisException
{
    public MethodNotAllowedException(string message) : base(message) { }

    public MethodNotAllowedException(string message, Exception inner) : base(message, inner) { }
}
