using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Leader;

public sealed class CatalogSelfRegistrationTests
{
    private static ServerOptions Options => new()
    {
        NodeName = "server1",
        NodeId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        AdvertiseAddress = "127.0.0.9",
        ServerPort = 8305,
        RegisterSelf = true,
        VerifySessionChecks = true,
    };

    [Fact]
    public async Task Leadership_RegistersNodeWithSerfHealthAndConsulService()
    {
        await using var f = new ServerFixture(Options);

        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.Snapshot().CatalogNode("server1") is not null));
        var node = (await f.Rpc.Catalog.NodeServicesAsync("server1", QueryOptions.Default, default)).Value!;
        Assert.Equal(("127.0.0.9", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "dc1"), (node.Node.Address, node.Node.ID, node.Node.Datacenter));
        var serf = Assert.Single(node.Checks);
        Assert.Equal(("serfHealth", "Serf Health Status", HealthStatus.Passing, "Agent alive and reachable"), (serf.CheckID, serf.Name, serf.Status, serf.Output));
        var consul = Assert.Single(node.Services);
        Assert.Equal(("consul", "consul", 8305), (consul.ID, consul.Service, consul.Port));
        Assert.Equal("", node.Node.Meta![CatalogNames.MetaSegmentKey]);
    }

    [Fact]
    public async Task Leadership_WithoutRegisterSelf_ProposesNothing()
    {
        await using var f = new ServerFixture(Options with { RegisterSelf = false });

        await Task.Delay(200);

        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task SessionCreate_OnRegisteredServer_SucceedsAndUnknownNodeFails()
    {
        await using var f = new ServerFixture(Options);
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.Snapshot().CatalogNode("server1") is not null));

        var id = await f.Rpc.Session.CreateAsync(new Session { ID = "", Node = "" }, null, default);
        var e = await Assert.ThrowsAsync<InternalServerErrorException>(() => f.Rpc.Session.CreateAsync(new Session { ID = "", Node = "ghost" }, null, default));

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("Missing node registration", e.Message);
    }

    [Fact]
    public async Task SessionCreate_CriticalOrMissingCheck_IsRefusedWithConsulText()
    {
        await using var f = new ServerFixture(Options);
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.Snapshot().CatalogNode("server1") is not null));
        await f.Rpc.Catalog.RegisterAsync(new RegisterRequest
        {
            Node = "server1", SkipNodeUpdate = true,
            Check = new HealthCheck { CheckID = "disk", Status = HealthStatus.Critical },
        }, null, default);

        var critical = await Assert.ThrowsAsync<InternalServerErrorException>(() =>
            f.Rpc.Session.CreateAsync(new Session { ID = "", Node = "server1", NodeChecks = ["serfHealth", "disk"] }, null, default));
        var missing = await Assert.ThrowsAsync<InternalServerErrorException>(() =>
            f.Rpc.Session.CreateAsync(new Session { ID = "", Node = "server1", NodeChecks = ["nope"] }, null, default));

        Assert.Equal("Check 'disk' is in critical state", critical.Message);
        Assert.Equal("Missing check 'nope' registration", missing.Message);
    }
}
