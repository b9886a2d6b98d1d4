using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Agent.Local;

/// <summary>
/// A check registered through the HTTP API as kept under <c>&lt;data_dir&gt;/checks</c>: a runnable
/// <see cref="Definition"/>, or a maintenance check (<see cref="Maintenance"/>) that has no runner.
/// </summary>
public sealed record PersistedCheck
{
    public CheckDefinition? Definition { get; init; }

    public HealthCheck? Maintenance { get; init; }

    public string Token { get; init; } = "";
}
