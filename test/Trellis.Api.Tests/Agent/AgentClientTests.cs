using System.Net;
using System.Text.Json;
using Trellis.Api.Agent;
using Trellis.Core.Checks;
using Trellis.Core.Services;

namespace Trellis.Api.Tests.Agent;

public sealed class AgentClientTests
{
    [Fact]
    public async Task ServiceRegister_WithChecksAndReplace_PutsConsulBodyWithoutNulls()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "");
        using var client = handler.Client();
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition
        {
            ID = "web1",
            Name = "web",
            Port = 8080,
            Tags = ["v1"],
            Meta = new Dictionary<string, string> { ["team"] = "a" },
            Check = new CheckDefinition { TTL = "10s" },
            Checks = [new CheckDefinition { HTTP = "http://127.0.0.1:8080/health", Interval = "5s" }],
        }, replaceExistingChecks: true);

        var (request, body) = handler.Requests.Single();
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/v1/agent/service/register?replace-existing-checks=true", request.RequestUri!.PathAndQuery);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("web1", root.GetProperty("ID").GetString());
        Assert.Equal("web", root.GetProperty("Name").GetString());
        Assert.Equal(8080, root.GetProperty("Port").GetInt32());
        Assert.Equal("v1", root.GetProperty("Tags")[0].GetString());
        Assert.Equal("a", root.GetProperty("Meta").GetProperty("team").GetString());
        Assert.Equal("10s", root.GetProperty("Check").GetProperty("TTL").GetString());
        Assert.Equal("5s", root.GetProperty("Checks")[0].GetProperty("Interval").GetString());
        Assert.False(root.TryGetProperty("Address", out _));
        Assert.False(root.GetProperty("Check").TryGetProperty("HTTP", out _));
    }

    [Fact]
    public async Task ServiceRegister_NoReplace_SendsNoQuery()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "");
        using var client = handler.Client();
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition { Name = "db" });
        Assert.Equal("/v1/agent/service/register", handler.Requests[0].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task ServiceRegister_AgentRefuses_ThrowsApiExceptionWithBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.BadRequest, "Invalid check: TTL must be > 0 for TTL checks");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() =>
            client.Agent.ServiceRegisterAsync(new ServiceDefinition { Name = "db" }));
        Assert.Equal("Unexpected response code: 400 (Invalid check: TTL must be > 0 for TTL checks)", ex.Message);
    }

    [Theory]
    [InlineData("deregister", "/v1/agent/service/deregister/web%201")]
    [InlineData("check-deregister", "/v1/agent/check/deregister/web%201")]
    [InlineData("reload", "/v1/agent/reload")]
    [InlineData("service-maint-on", "/v1/agent/service/maintenance/web%201?enable=true&reason=deploy%20now")]
    [InlineData("service-maint-off", "/v1/agent/service/maintenance/web%201?enable=false")]
    [InlineData("node-maint-on", "/v1/agent/maintenance?enable=true&reason=")]
    [InlineData("node-maint-off", "/v1/agent/maintenance?enable=false")]
    [InlineData("pass", "/v1/agent/check/pass/web%201?note=ok")]
    [InlineData("warn", "/v1/agent/check/warn/web%201?note=")]
    [InlineData("fail", "/v1/agent/check/fail/web%201?note=down")]
    public async Task Writes_EachOperation_PutsConsulPath(string operation, string expected)
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "");
        using var client = handler.Client();
        const string id = "web 1";
        await (operation switch
        {
            "deregister" => client.Agent.ServiceDeregisterAsync(id),
            "check-deregister" => client.Agent.CheckDeregisterAsync(id),
            "reload" => client.Agent.ReloadAsync(),
            "service-maint-on" => client.Agent.EnableServiceMaintenanceAsync(id, "deploy now"),
            "service-maint-off" => client.Agent.DisableServiceMaintenanceAsync(id),
            "node-maint-on" => client.Agent.EnableNodeMaintenanceAsync(),
            "node-maint-off" => client.Agent.DisableNodeMaintenanceAsync(),
            "pass" => client.Agent.PassTtlAsync(id, "ok"),
            "warn" => client.Agent.WarnTtlAsync(id),
            "fail" => client.Agent.FailTtlAsync(id, "down"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        });
        var request = handler.Requests.Single().Request;
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal(expected, request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task UpdateTtl_StatusAndOutput_PutsBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "");
        using var client = handler.Client();
        await client.Agent.UpdateTtlAsync("c1", HealthStatus.Warning, "slow");
        var (request, body) = handler.Requests.Single();
        Assert.Equal("/v1/agent/check/update/c1", request.RequestUri!.PathAndQuery);
        Assert.Equal("""{"Status":"warning","Output":"slow"}""", body);
    }

    [Fact]
    public async Task CheckRegister_Ttl_PutsDefinition()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "");
        using var client = handler.Client();
        await client.Agent.CheckRegisterAsync(new CheckDefinition { ID = "mem", Name = "Memory", TTL = "15s", ServiceID = "web" });
        var (request, body) = handler.Requests.Single();
        Assert.Equal("/v1/agent/check/register", request.RequestUri!.PathAndQuery);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("mem", json.RootElement.GetProperty("ID").GetString());
        Assert.Equal("15s", json.RootElement.GetProperty("TTL").GetString());
        Assert.Equal("web", json.RootElement.GetProperty("ServiceID").GetString());
    }

    [Fact]
    public async Task Services_Filter_ReadsMapById()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """
            {"web1":{"ID":"web1","Service":"web","Tags":["v1"],"Meta":{},"Port":80,"Address":"","Weights":{"Passing":1,"Warning":1},"EnableTagOverride":false,"ContentHash":"abc","Datacenter":"dc1"}}
            """);
        using var client = handler.Client();
        var services = await client.Agent.ServicesAsync("Service == web");
        Assert.Equal("/v1/agent/services?filter=Service%20%3D%3D%20web", handler.Requests[0].Request.RequestUri!.PathAndQuery);
        var web = Assert.Single(services);
        Assert.Equal(("web1", "web", 80), (web.Key, web.Value.Service, web.Value.Port));
    }

    [Fact]
    public async Task Service_Unknown_ReturnsNull()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.NotFound, "unknown service ID: nope");
        using var client = handler.Client();
        var result = await client.Agent.ServiceAsync("nope");
        Assert.Null(result.Value);
        Assert.Equal("/v1/agent/service/nope", handler.Requests[0].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Checks_ReadsMapById()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """
            {"_node_maintenance":{"Node":"n1","CheckID":"_node_maintenance","Name":"Node Maintenance Mode","Status":"critical","Notes":"patching","Output":"","ServiceID":"","ServiceName":"","Type":"","Definition":{}}}
            """);
        using var client = handler.Client();
        var checks = await client.Agent.ChecksAsync();
        var check = Assert.Single(checks).Value;
        Assert.Equal(("critical", "patching"), (check.Status, check.Notes));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "passing")]
    [InlineData(HttpStatusCode.TooManyRequests, "warning")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "critical")]
    public async Task HealthServiceByName_StatusCode_GivesAggregatedStatus(HttpStatusCode code, string expected)
    {
        var handler = ScriptedHandler.Json(code, """
            [{"AggregatedStatus":"ignored","Service":{"ID":"web1","Service":"web","Port":80},"Checks":[{"CheckID":"c","Status":"passing"}]}]
            """);
        using var client = handler.Client();
        var health = await client.Agent.HealthServiceByNameAsync("web");
        Assert.Equal("/v1/agent/health/service/name/web", handler.Requests[0].Request.RequestUri!.PathAndQuery);
        Assert.Equal(expected, health.AggregatedStatus);
        var instance = Assert.Single(health.Services);
        Assert.Equal("web1", instance.Service!.ID);
        Assert.Single(instance.Checks!);
    }

    [Fact]
    public async Task HealthServiceById_Unknown_IsCriticalWithoutInstances()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.NotFound, "ServiceId nope not found");
        using var client = handler.Client();
        var health = await client.Agent.HealthServiceByIdAsync("nope");
        Assert.Equal("/v1/agent/health/service/id/nope", handler.Requests[0].Request.RequestUri!.PathAndQuery);
        Assert.Equal(("critical", 0), (health.AggregatedStatus, health.Services.Count));
    }

    [Fact]
    public async Task NodeName_FromSelf_ReadsConfigNodeName()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """{"Config":{"NodeName":"n7","Datacenter":"dc1"},"Member":{}}""");
        using var client = handler.Client();
        Assert.Equal("n7", await client.Agent.NodeNameAsync());
    }
}
