namespace Trellis.Agent.Checks;

/// <summary>
/// What an alias check watches: the checks of a node, local (<c>node == ""</c>: the agent's local state) or remote
/// (a blocking <c>Health.NodeChecks</c> query against the servers).
/// </summary>
/// <remarks>
/// Called only from the alias runner's loop, one call at a time per runner, but from many runners at once:
/// implementations must be thread-safe. <see cref="WatchChecksAsync"/> must block until the view's index is greater
/// than <c>minIndex</c> or its own wait ends (then it returns the unchanged view), and must honour cancellation.
/// </remarks>
public interface IAliasSource
{
    /// <summary>The checks of <paramref name="node"/> ("" for this agent), once their index passes <paramref name="minIndex"/>.</summary>
    Task<AliasChecks> WatchChecksAsync(string node, ulong minIndex, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="node"/> ("" for this agent) has a service with id <paramref name="serviceId"/>.</summary>
    Task<bool> ServiceExistsAsync(string node, string serviceId, CancellationToken cancellationToken);
}
