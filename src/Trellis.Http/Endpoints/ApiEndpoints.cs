namespace Trellis.Http.Endpoints;

/// <summary>The handler objects of each API area, built once per HTTP API instance.</summary>
/// <remarks>Immutable after construction; handlers are thread-safe.</remarks>
public sealed class ApiEndpoints(Agent.Agent agent, HttpApiOptions options)
{
    public AgentEndpoint Agent { get; } = new(agent);

    public AgentMonitorEndpoint Monitor { get; } = new(agent);

    public EventEndpoint Event { get; } = new(agent);

    public AgentLocalEndpoint AgentLocal { get; } = new(agent);

    public CatalogEndpoint Catalog { get; } = new(agent);

    public HealthEndpoint Health { get; } = new(agent);

    public InternalUiEndpoint InternalUi { get; } = new(agent);

    public KvEndpoint Kv { get; } = new(agent, options);

    public OperatorEndpoint Operator { get; } = new(agent);

    public PreparedQueryEndpoint Query { get; } = new(agent);

    public SessionEndpoint Session { get; } = new(agent);

    public SnapshotEndpoint Snapshot { get; } = new(agent);

    public StatusEndpoint Status { get; } = new(agent);

    public TxnEndpoint Txn { get; } = new(agent, options);
}
