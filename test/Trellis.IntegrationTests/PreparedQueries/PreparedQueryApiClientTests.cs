using Trellis.Api;
using Trellis.Core.PreparedQueries;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.PreparedQueries;

/// <summary>The Trellis.Api prepared query client against a real agent.</summary>
public sealed class PreparedQueryApiClientTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Client_CreateExecuteExplainUpdateDelete_Works()
    {
        using var client = new TrellisClient(new ClientOptions { Address = Agent.HttpAddr }, null);
        var svc = "api-" + _id;
        var reg = await Http.PutJsonAsync("v1/catalog/register", new { Node = "api-node-" + _id, Address = "10.9.1.1", Service = new { Service = svc } });
        Assert.Equal(System.Net.HttpStatusCode.OK, reg.Status);

        var id = await client.PreparedQuery.CreateAsync(new PreparedQuery { Name = "q-" + _id, Service = new ServiceQuery { Service = svc }, DNS = new QueryDnsOptions { TTL = "4s" } });
        var executed = (await client.PreparedQuery.ExecuteAsync("q-" + _id)).Value;
        Assert.Equal(["api-node-" + _id], executed.Nodes.Select(n => n.Node.Node));
        Assert.Equal("4s", executed.DNS.TTL);

        var got = (await client.PreparedQuery.GetAsync(id)).Value;
        await client.PreparedQuery.UpdateAsync(got with { Service = got.Service with { Tags = ["absent"] } });
        Assert.Empty((await client.PreparedQuery.ExecuteAsync(id)).Value.Nodes);
        Assert.Equal(["absent"], (await client.PreparedQuery.ExplainAsync(id)).Value.Query.Service.Tags!);
        Assert.Contains((await client.PreparedQuery.ListAsync()).Value, q => q.ID == id);

        await client.PreparedQuery.DeleteAsync(id);
        var missing = await Assert.ThrowsAsync<ApiException>(() => client.PreparedQuery.GetAsync(id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
