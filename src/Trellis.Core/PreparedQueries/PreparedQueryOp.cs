namespace Trellis.Core.PreparedQueries;

/// <summary>The write operations on prepared queries (Consul's <c>PreparedQueryOp</c>). Persisted: append only.</summary>
public enum PreparedQueryOp
{
    Create = 1,
    Update = 2,
    Delete = 3,
}
