namespace Trellis.Core.Catalog;

/// <summary>An address and port of a service's <c>TaggedAddresses</c> entry.</summary>
public sealed record ServiceAddress
{
    public string Address { get; init; } = "";

    public int Port { get; init; }
}
