namespace Trellis.Core.Services;

/// <summary>The body of <c>PUT /v1/agent/check/update/:id</c>: a TTL check's new status and output.</summary>
public sealed record CheckUpdate
{
    public string Status { get; init; } = "";

    public string Output { get; init; } = "";
}
