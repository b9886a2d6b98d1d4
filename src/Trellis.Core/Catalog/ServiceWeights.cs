namespace Trellis.Core.Catalog;

/// <summary>DNS SRV weights of a service instance by its health (Consul's defaults: passing 1, warning 1).</summary>
public sealed record ServiceWeights
{
    public static readonly ServiceWeights Default = new();

    public int Passing { get; init; } = 1;

    public int Warning { get; init; } = 1;
}
