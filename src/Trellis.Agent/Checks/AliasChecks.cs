using Trellis.Core.Catalog;

namespace Trellis.Agent.Checks;

/// <summary>One answer of <see cref="IAliasSource.WatchChecksAsync"/>: every check of a node and the index it reflects.</summary>
/// <param name="Index">The index of this view; the next watch waits for a greater one.</param>
/// <param name="Checks">All checks of the node (node-level and service-level), in any order.</param>
public sealed record AliasChecks(ulong Index, IReadOnlyList<HealthCheck> Checks);
