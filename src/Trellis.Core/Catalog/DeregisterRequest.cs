namespace Trellis.Core.Catalog;

/// <summary>
/// The body of <c>PUT /v1/catalog/deregister</c>: with only <see cref="Node"/> the node and everything on it go;
/// with <see cref="ServiceID"/> one service and its checks; with <see cref="CheckID"/> one check.
/// </summary>
public sealed record DeregisterRequest
{
    public string Datacenter { get; init; } = "";

    public required string Node { get; init; }

    public string? ServiceID { get; init; }

    public string? CheckID { get; init; }
}
