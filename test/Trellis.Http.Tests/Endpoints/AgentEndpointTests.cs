using System.Net;
using System.Text.Json;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

public sealed class AgentEndpointTests
{
    [Fact]
    public async Task Self_ReportsConfigVersionsAndMember()
    {
        await using var api = await ApiServer.StartAsync();

        using var json = JsonDocument.Parse(await api.Client.GetStringAsync("/v1/agent/self"));

        var config = json.RootElement.GetProperty("Config");
        Assert.Equal("dc1", config.GetProperty("Datacenter").GetString());
        Assert.Equal("node-1", config.GetProperty("NodeName").GetString());
        Assert.Equal("6a3e0f2c-6e0e-4a3b-9d55-0e4b2e5a1c11", config.GetProperty("NodeID").GetString());
        Assert.True(config.GetProperty("Server").GetBoolean());
        Assert.Equal("1.20.2", config.GetProperty("Version").GetString());
        Assert.Equal("0.1.0", config.GetProperty("TrellisVersion").GetString());
        var member = json.RootElement.GetProperty("Member");
        Assert.Equal(8301, member.GetProperty("Port").GetInt32());
        Assert.Equal("consul", member.GetProperty("Tags").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Meta").ValueKind);
    }

    [Fact]
    public async Task Members_ReturnsLocalMemberAlive()
    {
        await using var api = await ApiServer.StartAsync();

        using var json = JsonDocument.Parse(await api.Client.GetStringAsync("/v1/agent/members"));

        var member = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("node-1", member.GetProperty("Name").GetString());
        Assert.Equal(1, member.GetProperty("Status").GetInt32());
        Assert.Equal("dc1", member.GetProperty("Tags").GetProperty("dc").GetString());
        Assert.Equal("8300", member.GetProperty("Tags").GetProperty("port").GetString());
    }

    [Fact]
    public async Task Metrics_Json_HasConsulShapeAndCountsRequests()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.GetAsync("/v1/status/leader");

        using var json = JsonDocument.Parse(await api.Client.GetStringAsync("/v1/agent/metrics"));

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$", json.RootElement.GetProperty("Timestamp").GetString());
        foreach (var member in new[] { "Gauges", "Points", "Counters", "Samples" })
        {
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty(member).ValueKind);
        }

        var sample = json.RootElement.GetProperty("Samples").EnumerateArray()
            .Single(s => s.GetProperty("Name").GetString() == "consul.api.http"
                && s.GetProperty("Labels").GetProperty("path").GetString() == "/v1/status/leader");
        Assert.Equal(1, sample.GetProperty("Count").GetInt64());
        Assert.Equal("GET", sample.GetProperty("Labels").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Metrics_Prometheus_ReturnsTextExposition()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.GetAsync("/v1/status/peers");

        var response = await api.Client.GetAsync("/v1/agent/metrics?format=prometheus");

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE consul_api_http summary\n", text, StringComparison.Ordinal);
        Assert.Contains("consul_api_http_count{method=\"GET\",path=\"/v1/status/peers\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_Put_RequestsLeave()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/agent/leave", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(api.Agent.LeaveRequested.IsCancellationRequested);
    }
}
