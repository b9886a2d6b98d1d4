using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.State.Commands;

namespace Trellis.State.Tests.Catalog;

/// <summary>Short helpers to build catalog commands in tests.</summary>
internal static class TestCatalog
{
    public static RegisterRequest Node(string node, string address = "10.0.0.1") => new() { Node = node, Address = address };

    public static NodeService Service(string name, string? id = null, int port = 80, params string[] tags) =>
        new() { ID = id ?? name, Service = name, Port = port, Tags = tags };

    public static HealthCheck Check(string node, string id, string status = HealthStatus.Passing, string serviceId = "") =>
        new() { Node = node, CheckID = id, Name = id, Status = status, ServiceID = serviceId };

    public static string? Register(this StateStore store, ulong index, RegisterRequest request, long nowMs = 0) =>
        (string?)store.Apply(new CatalogRegisterCommand(request, nowMs), index);

    public static void Deregister(this StateStore store, ulong index, string node, string? serviceId = null, string? checkId = null, long nowMs = 0) =>
        store.Apply(new CatalogDeregisterCommand(new DeregisterRequest { Node = node, ServiceID = serviceId, CheckID = checkId }, nowMs), index);
}
