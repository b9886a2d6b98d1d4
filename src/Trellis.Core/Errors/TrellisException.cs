namespace Trellis.Core.Errors;

/// <summary>
/// Base of the typed errors that cross the API. The HTTP layer maps each subtype to one status
/// code in one place; <see cref="Exception.Message"/> is the text the client sees, worded as Consul words it.
/// </summary>
public abstract class TrellisException : Exception
{
    protected TrellisException(string message) : base(message) { }

    protected TrellisException(string message, Exception inner) : base(message, inner) { }
}
