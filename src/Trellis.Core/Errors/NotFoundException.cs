namespace Trellis.Core.Errors;

/// <summary>HTTP 404: the requested object does not exist.</summary>
public sealed class NotFoundException : TrellisException
{
    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception inner) : base(message, inner) { }
}
