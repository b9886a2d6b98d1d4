namespace Trellis.Core.Errors;

/// <summary>HTTP 409: a precondition failed (for example a transaction's checks).</summary>
public sealed class ConflictException : TrellisException
{
    public ConflictException(string message) : base(message) { }

    public ConflictException(string message, Exception inner) : base(message, inner) { }
}
