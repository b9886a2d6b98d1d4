using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Core.Tests.Catalog;

public sealed class ServiceSummarizerTests
{
    private static CatalogNode Node(string name) => new() { ID = "", Node = name, Address = "10.0.0.1", Datacenter = "" };

    private static HealthCheck Check(string node, string id, string status, string serviceId = "") =>
        new() { Node = node, CheckID = id, Name = id, Status = status, ServiceID = serviceId };

    private static ServiceEntry Entry(string node, string id, string service, string[]? tags, params HealthCheck[] checks) =>
        new() { Node = Node(node), Service = new NodeService { ID = id, Service = service, Tags = tags }, Checks = checks };

    [Fact]
    public void Summarize_InstancesOnNodes_CountsInstancesNodesTagsAndChecks()
    {
        var serf1 = Check("n1", "serfHealth", HealthStatus.Passing);
        var serf2 = Check("n2", "serfHealth", HealthStatus.Critical);
        var summaries = ServiceSummarizer.Summarize(
        [
            Entry("n1", "web-1", "web", ["v2", "http"], serf1, Check("n1", "web-1-http", HealthStatus.Passing, "web-1")),
            Entry("n1", "web-2", "web", ["v1"], serf1, Check("n1", "web-2-http", HealthStatus.Warning, "web-2")),
            Entry("n2", "web-3", "web", null, serf2),
            Entry("n2", "db", "db", null),
        ], "dc1");

        Assert.Equal(["db", "web"], summaries.Select(s => s.Name));
        var web = summaries[1];
        Assert.Equal(3, web.InstanceCount);
        Assert.Equal(["n1", "n2"], web.Nodes);
        Assert.Equal(["http", "v1", "v2"], web.Tags);
        // serfHealth of n1 counts once although two instances run there.
        Assert.Equal((2, 1, 1), (web.ChecksPassing, web.ChecksWarning, web.ChecksCritical));
        Assert.Equal("dc1", web.Datacenter);
        Assert.Null(web.Kind);
        var db = summaries[0];
        Assert.Equal(1, db.InstanceCount);
        Assert.Null(db.Tags);
        Assert.Equal((0, 0, 0), (db.ChecksPassing, db.ChecksWarning, db.ChecksCritical));
    }

    [Fact]
    public void Summarize_ConnectProxy_CountsItsChecksForTheDestinationAndMarksIt()
    {
        var proxy = new ServiceEntry
        {
            Node = Node("n1"),
            Service = new NodeService
            {
                ID = "web-sidecar-proxy",
                Service = "web-sidecar-proxy",
                Kind = ServiceKinds.ConnectProxy,
                Proxy = new ConnectProxyConfig { DestinationServiceName = "web" },
            },
            Checks = [Check("n1", "proxy-alive", HealthStatus.Critical, "web-sidecar-proxy")],
        };

        var summaries = ServiceSummarizer.Summarize([Entry("n1", "web", "web", null), proxy], "dc1");

        var web = summaries.Single(s => s.Name == "web");
        Assert.True(web.ConnectedWithProxy);
        Assert.Equal(1, web.ChecksCritical);
        Assert.Equal(1, web.InstanceCount);
        var sidecar = summaries.Single(s => s.Name == "web-sidecar-proxy");
        Assert.Equal(ServiceKinds.ConnectProxy, sidecar.Kind);
        Assert.False(sidecar.ConnectedWithProxy);
    }

    [Fact]
    public void Summarize_ExternalSourceMeta_IsCollectedOnce()
    {
        var a = Entry("n1", "a", "svc", null) with { Service = new NodeService { ID = "a", Service = "svc", Meta = new Dictionary<string, string> { ["external-source"] = "kubernetes" } } };
        var b = Entry("n2", "b", "svc", null) with { Service = new NodeService { ID = "b", Service = "svc", Meta = new Dictionary<string, string> { ["external-source"] = "kubernetes" } } };

        var summary = Assert.Single(ServiceSummarizer.Summarize([a, b], "dc1"));

        Assert.Equal(["kubernetes"], summary.ExternalSources);
    }

    [Fact]
    public void Summarize_EmptyDump_IsEmptyList()
    {
        Assert.Empty(ServiceSummarizer.Summarize([], "dc1"));
    }
}
