namespace Trellis.Core.Errors;

/// <summary>HTTP 403: the token lacks the permission.</summary>
public sealed class PermissionDeniedException : TrellisException
{
    public PermissionDeniedException(string message) : base(message) { }

    public PermissionDeniedException(string message, Exception inner) : base(message, inner) { }
}
