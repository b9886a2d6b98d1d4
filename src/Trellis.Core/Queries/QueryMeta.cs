namespace Trellis.Core.Queries;

/// <summary>
/// What a read reports besides its result: the index it depends on (<c>X-Consul-Index</c>),
/// whether the answering server knows a leader and how long since it heard from it.
/// </summary>
public sealed record QueryMeta
{
    public ulong Index { get; init; }

    public bool KnownLeader { get; init; }

    public TimeSpan LastContact { get; init; }
}
