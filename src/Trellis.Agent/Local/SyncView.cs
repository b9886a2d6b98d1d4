using Trellis.Core.Catalog;

namespace Trellis.Agent.Local;

/// <summary>A copy of the local entries and their sync flags, taken by anti-entropy.</summary>
internal sealed record SyncView(IReadOnlyList<SyncItem<NodeService>> Services, IReadOnlyList<SyncItem<HealthCheck>> Checks);
