using System.Net;
using System.Text.Json;
using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Api.Tests.Operator;

public sealed class OperatorClientTests
{
    private const string Configuration = """
        {"CleanupDeadServers":false,"LastContactThreshold":"300ms","MaxTrailingLogs":100,"MinQuorum":3,
         "ServerStabilizationTime":"15s","RedundancyZoneTag":"zone","DisableUpgradeMigration":true,
         "UpgradeVersionTag":"build","CreateIndex":4,"ModifyIndex":11}
        """;

    private const string Health = """
        {"Healthy":false,"FailureTolerance":0,"Servers":[
          {"ID":"id-1","Name":"s1","Address":"10.0.0.1:8300","SerfStatus":"alive","Version":"1.20.0","Leader":true,
           "LastContact":"0s","LastTerm":2,"LastIndex":40,"Healthy":true,"Voter":true,"StableSince":"2026-01-02T03:04:05Z"},
          {"ID":"id-2","Name":"s2","Address":"10.0.0.2:8300","SerfStatus":"failed","Version":"1.20.0","Leader":false,
           "LastContact":"12s","LastTerm":2,"LastIndex":31,"Healthy":false,"Voter":true,"StableSince":"2026-01-02T03:05:00Z"}]}
        """;

    [Fact]
    public async Task GetAutopilotConfiguration_Answer_ParsesEveryFieldAndMeta()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, Configuration, ("X-Consul-Index", "11"));
        using var client = handler.Client();
        var result = await client.Operator.GetAutopilotConfigurationAsync();
        var expected = new AutopilotConfiguration
        {
            CleanupDeadServers = false, LastContactThreshold = "300ms", MaxTrailingLogs = 100, MinQuorum = 3,
            ServerStabilizationTime = "15s", RedundancyZoneTag = "zone", DisableUpgradeMigration = true,
            UpgradeVersionTag = "build", CreateIndex = 4, ModifyIndex = 11,
        };
        Assert.Equal(expected, result.Value);
        Assert.Equal(11UL, result.Meta.Index);
        Assert.Equal(HttpMethod.Get, handler.Requests[0].Request.Method);
        Assert.Equal("http://127.0.0.1:8500/v1/operator/autopilot/configuration",
            handler.Requests[0].Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task GetAutopilotConfiguration_StaleWithDatacenter_SendsQueryParameters()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, Configuration);
        using var client = handler.Client();
        await client.Operator.GetAutopilotConfigurationAsync(
            new QueryOptions { Consistency = ConsistencyMode.Stale, Datacenter = "dc2" });
        Assert.Equal("?dc=dc2&stale", handler.Requests[0].Request.RequestUri!.Query);
    }

    [Fact]
    public async Task GetAutopilotConfiguration_NotFound_ThrowsApiException()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.NotFound, "");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Operator.GetAutopilotConfigurationAsync());
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task SetAutopilotConfiguration_WithCas_SendsCasAndConfigurationBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "true");
        using var client = handler.Client();
        var configuration = new AutopilotConfiguration { MaxTrailingLogs = 99, LastContactThreshold = "1s", ModifyIndex = 11 };
        var written = await client.Operator.SetAutopilotConfigurationAsync(configuration, cas: 11);
        Assert.True(written);
        var (request, body) = handler.Requests[0];
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/v1/operator/autopilot/configuration", request.RequestUri!.AbsolutePath);
        Assert.Equal("?cas=11", request.RequestUri.Query);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(99UL, json.RootElement.GetProperty("MaxTrailingLogs").GetUInt64());
        Assert.Equal("1s", json.RootElement.GetProperty("LastContactThreshold").GetString());
        Assert.True(json.RootElement.GetProperty("CleanupDeadServers").GetBoolean());
        Assert.Equal("10s", json.RootElement.GetProperty("ServerStabilizationTime").GetString());
    }

    [Fact]
    public async Task SetAutopilotConfiguration_CasLost_ReturnsFalse()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "false");
        using var client = handler.Client();
        Assert.False(await client.Operator.SetAutopilotConfigurationAsync(new AutopilotConfiguration(), cas: 3));
    }

    [Fact]
    public async Task SetAutopilotConfiguration_WithoutCas_SendsNoCasAndWriteToken()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "true");
        using var client = handler.Client();
        var written = await client.Operator.SetAutopilotConfigurationAsync(new AutopilotConfiguration(),
            options: new WriteOptions { Token = "secret", Datacenter = "dc3" });
        Assert.True(written);
        var request = handler.Requests[0].Request;
        Assert.Equal("?dc=dc3", request.RequestUri!.Query);
        Assert.Equal("secret", request.Headers.GetValues("X-Consul-Token").Single());
    }

    [Fact]
    public async Task SetAutopilotConfiguration_BadRequest_ThrowsWithBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.BadRequest, "Error parsing cas value: x\n");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() =>
            client.Operator.SetAutopilotConfigurationAsync(new AutopilotConfiguration(), cas: 1));
        Assert.Equal("Unexpected response code: 400 (Error parsing cas value: x)", ex.Message);
    }

    [Fact]
    public async Task GetAutopilotHealth_TooManyRequests_ReturnsUnhealthyBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.TooManyRequests, Health, ("X-Consul-Index", "5"));
        using var client = handler.Client();
        var result = await client.Operator.GetAutopilotHealthAsync();
        Assert.False(result.Value.Healthy);
        Assert.Equal(2, result.Value.Servers.Count);
        var failed = result.Value.Servers[1];
        Assert.Equal(("id-2", "failed", "12s", 31UL, false), (failed.ID, failed.SerfStatus, failed.LastContact, failed.LastIndex, failed.Healthy));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero), failed.StableSince);
        Assert.Equal("/v1/operator/autopilot/health", handler.Requests[0].Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task GetAutopilotHealth_Healthy_ReturnsBody()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, Health.Replace("\"Healthy\":false,\"FailureTolerance\":0",
            "\"Healthy\":true,\"FailureTolerance\":1", StringComparison.Ordinal));
        using var client = handler.Client();
        var result = await client.Operator.GetAutopilotHealthAsync();
        Assert.True(result.Value.Healthy);
        Assert.Equal(1, result.Value.FailureTolerance);
        Assert.True(result.Value.Servers[0].Leader);
    }

    [Fact]
    public async Task GetAutopilotHealth_ServerError_Throws()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.InternalServerError, "No cluster leader");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Operator.GetAutopilotHealthAsync());
        Assert.Equal("Unexpected response code: 500 (No cluster leader)", ex.Message);
    }

    [Fact]
    public async Task GetAutopilotState_Answer_ParsesServersByIdAndVoters()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """
            {"Healthy":true,"FailureTolerance":1,"OptimisticFailureTolerance":1,
             "Servers":{"id-1":{"ID":"id-1","Name":"s1","Address":"10.0.0.1:8300","NodeStatus":"alive","Version":"1.20.0",
               "LastContact":"0s","LastTerm":3,"LastIndex":42,"Healthy":true,"StableSince":"2026-01-02T03:04:05Z",
               "ReadReplica":false,"Status":"leader","Meta":{"k":"v"},"NodeType":"voter"}},
             "Leader":"id-1","Voters":["id-1"]}
            """);
        using var client = handler.Client();
        var result = await client.Operator.GetAutopilotStateAsync(new QueryOptions { Consistency = ConsistencyMode.Stale });
        Assert.Equal("id-1", result.Value.Leader);
        Assert.Equal(["id-1"], result.Value.Voters);
        var server = result.Value.Servers["id-1"];
        Assert.Equal(("s1", "leader", 42UL), (server.Name, server.Status, server.LastIndex));
        Assert.Equal("v", server.Meta!["k"]);
        Assert.Null(result.Value.ReadReplicas);
        Assert.Equal("/v1/operator/autopilot/state?stale", handler.Requests[0].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task GetAutopilotState_Forbidden_Throws()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.Forbidden, "Permission denied");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Operator.GetAutopilotStateAsync());
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
    }
}
