namespace Trellis.Bench.CatalogScale;

/// <summary>
/// Shape of one run: <see cref="Instances"/> service instances spread over <see cref="Nodes"/> nodes (instance k runs
/// on node k mod Nodes) and <see cref="Services"/> service names (instance k belongs to service k / per-service count,
/// so every service has the same number of instances on consecutive nodes). The first <see cref="HotServices"/>
/// services are watched by <see cref="Watchers"/> blocking queries, spread round-robin.
/// </summary>
public sealed record ScaleSettings(
    int Nodes,
    int Instances,
    int Services,
    int HotServices,
    int Watchers,
    int Parallelism,
    int Changes,
    TimeSpan WakeTimeout,
    TimeSpan Settle);
