using Trellis.Core.Checks;

namespace Trellis.Core.Catalog;

/// <summary>
/// A check's current state as stored in the catalog (Consul's <c>structs.HealthCheck</c>): returned by
/// <c>/v1/health/*</c> and <c>/v1/agent/checks</c>. A node check has an empty <see cref="ServiceID"/>.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record HealthCheck
{
    public string Node { get; init; } = "";

    public required string CheckID { get; init; }

    public string Name { get; init; } = "";

    /// <summary>One of <see cref="HealthStatus"/>' passing, warning, critical.</summary>
    public string Status { get; init; } = HealthStatus.Critical;

    public string Notes { get; init; } = "";

    public string Output { get; init; } = "";

    public string ServiceID { get; init; } = "";

    public string ServiceName { get; init; } = "";

    public IReadOnlyList<string>? ServiceTags { get; init; }

    /// <summary>"http", "tcp", "ttl", "script"…; empty for checks registered through the catalog.</summary>
    public string Type { get; init; } = "";

    /// <summary>Empty, never null, for checks without one (Consul writes <c>""</c>).</summary>
    public string Interval { get; init => field = value ?? ""; } = "";

    /// <summary>Empty, never null, for checks without one (Consul writes <c>""</c>).</summary>
    public string Timeout { get; init => field = value ?? ""; } = "";

    public int ExposedPort { get; init; }

    public HealthCheckDefinition Definition { get; init; } = new();

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
