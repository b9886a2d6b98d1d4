using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>A service registered through the HTTP API as kept under <c>&lt;data_dir&gt;/services</c>, with its embedded checks.</summary>
public sealed record PersistedService
{
    public required ServiceDefinition Service { get; init; }

    public string Token { get; init; } = "";
}
