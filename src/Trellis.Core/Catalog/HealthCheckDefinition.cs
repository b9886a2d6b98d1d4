namespace Trellis.Core.Catalog;

/// <summary>
/// How a check is run, as the catalog records it for display (Consul's <c>HealthCheckDefinition</c>);
/// durations are Go duration strings.
/// </summary>
public sealed record HealthCheckDefinition
{
    public string? HTTP { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Header { get; init; }

    public string? Method { get; init; }

    public string? Body { get; init; }

    public bool TLSSkipVerify { get; init; }

    public string? TLSServerName { get; init; }

    public string? TCP { get; init; }

    public string? UDP { get; init; }

    public string? GRPC { get; init; }

    public bool GRPCUseTLS { get; init; }

    public string? H2PING { get; init; }

    public string? Interval { get; init; }

    public string? Timeout { get; init; }

    public string? DeregisterCriticalServiceAfter { get; init; }
}
