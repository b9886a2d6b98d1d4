namespace Trellis.State.Commands;

/// <summary>Session command verbs. Persisted: append only.</summary>
public enum SessionOp
{
    Create = 1,
    Destroy = 2,
}
