using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Http.Endpoints;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

/// <summary>
/// The agent endpoints' parsing and formatting over an in-process API (the catalog sync fails against the fake RPC and
/// is left to anti-entropy, as Consul does when the servers are unreachable).
/// </summary>
public sealed class AgentLocalEndpointTests
{
    private static HealthCheck Check(string id, string status) => new() { CheckID = id, Status = status };

    [Theory]
    [InlineData(new string[0], "passing")]
    [InlineData(new[] { "passing" }, "passing")]
    [InlineData(new[] { "passing", "warning" }, "warning")]
    [InlineData(new[] { "warning", "critical", "passing" }, "critical")]
    public void AggregatedStatus_WorstWins(string[] statuses, string expected) =>
        Assert.Equal(expected, AgentLocalEndpoint.AggregatedStatus(statuses.Select((s, i) => Check("c" + i, s))));

    [Fact]
    public void AggregatedStatus_MaintenanceCheck_Maintenance() =>
        Assert.Equal(HealthStatus.Maintenance, AgentLocalEndpoint.AggregatedStatus([Check("a", "passing"), Check("_service_maintenance:web", "critical")]));

    [Fact]
    public void AggregatedStatus_UnknownStatus_Empty() =>
        Assert.Equal("", AgentLocalEndpoint.AggregatedStatus([Check("a", "weird")]));

    [Theory]
    [InlineData("", true)]
    [InlineData("=true", true)]
    [InlineData("=false", false)]
    [InlineData("=1", false)]
    public async Task Register_ReplaceExistingChecksFlag_ParsedAsConsul(string flag, bool replaced)
    {
        await using var api = await ApiServer.StartAsync();
        await Put(api, "/v1/agent/service/register", """{"Name":"web","Checks":[{"CheckID":"a","TTL":"1m"},{"CheckID":"b","TTL":"1m"}]}""");

        var reply = await Put(api, "/v1/agent/service/register?replace-existing-checks" + flag, """{"Name":"web","Check":{"CheckID":"a","TTL":"1m"}}""");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(!replaced, api.Agent.Local.State.Check("b") is not null);
    }

    [Fact]
    public async Task HealthById_Unknown_404JsonWithCriticalAndNulls()
    {
        await using var api = await ApiServer.StartAsync();

        var reply = await api.Client.GetAsync("/v1/agent/health/service/id/nope");

        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        using var json = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        Assert.Equal("critical", json.RootElement.GetProperty("AggregatedStatus").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("Service").ValueKind);
    }

    [Fact]
    public async Task HealthByName_AcceptTextPlain_StatusAsText()
    {
        await using var api = await ApiServer.StartAsync();
        await Put(api, "/v1/agent/service/register", """{"Name":"web","Check":{"TTL":"1m","Status":"warning"}}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/agent/health/service/name/web");
        request.Headers.Accept.ParseAdd("text/plain");

        var reply = await api.Client.SendAsync(request);

        Assert.Equal((HttpStatusCode)429, reply.StatusCode);
        Assert.Equal("warning", await reply.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("enable=t", true)]
    [InlineData("enable=1", true)]
    [InlineData("enable=False", false)]
    public async Task NodeMaintenance_GoBoolValues_Accepted(string query, bool enabled)
    {
        await using var api = await ApiServer.StartAsync();

        var reply = await Put(api, "/v1/agent/maintenance?" + query, "");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(enabled, api.Agent.Local.State.Check("_node_maintenance") is not null);
    }

    [Fact]
    public async Task Reload_NoHandler_400()
    {
        await using var api = await ApiServer.StartAsync();

        var reply = await Put(api, "/v1/agent/reload", "");

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
    }

    private static Task<HttpResponseMessage> Put(ApiServer api, string path, string body) =>
        api.Client.PutAsync(path, new StringContent(body, Encoding.UTF8));
}
