using System.Text.Json.Serialization;
using Trellis.Core.Sessions;

namespace Trellis.Api.Sessions;

/// <summary>The body of <c>PUT /v1/session/create</c>. Durations travel as Go duration strings ("15s").</summary>
public sealed record SessionCreateRequest
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Node { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LockDelay { get; init; }

    public SessionBehavior Behavior { get; init; } = SessionBehavior.Release;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TTL { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NodeChecks { get; init; }
}
