using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// <c>/v1/agent/service/*</c> and <c>/v1/agent/check/*</c> against a real dev agent, with real HTTP and TCP targets
/// that flip between healthy and failing: the catalog's health view follows, and blocking queries wake.
/// </summary>
public sealed class AgentServiceTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private static readonly string[] Tags = ["a"];

    private readonly string _name = "svc-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<int> PassingCountAsync(string name)
    {
        var reply = await Http.GetReplyAsync($"v1/health/service/{name}?passing");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json().GetArrayLength();
    }

    private async Task<string?> CheckStatusAsync(string checkId)
    {
        var reply = await Http.GetReplyAsync("v1/agent/checks");
        return reply.Json().TryGetProperty(checkId, out var check) ? check.GetProperty("Status").GetString() : null;
    }

    [Fact]
    public async Task HttpCheck_TargetFlips_HealthPassingFollowsAndBlockingQueryWakes()
    {
        using var target = new FlippingHttpTarget();
        var register = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = _name,
            Port = target.Port,
            Check = new { HTTP = target.Url, Interval = "1s", Timeout = "2s" },
        });
        Assert.True(register.Status == HttpStatusCode.OK, register.ToString());

        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 1), "the service never became passing");
        var index = (await Http.GetReplyAsync($"v1/health/service/{_name}?passing")).Index;

        var blocking = Http.GetReplyAsync($"v1/health/service/{_name}?passing&index={index}&wait=60s");
        await Task.Delay(300);
        Assert.False(blocking.IsCompleted, "the blocking query returned before anything changed");
        target.Healthy = false;
        var woke = await blocking.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(woke.Index > index, $"index {woke.Index} is not above {index}");
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 0), "the failing service stayed passing");
        Assert.Equal("critical", await CheckStatusAsync("service:" + _name));

        target.Healthy = true;
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 1), "the service did not recover");
        Assert.True(target.Requests >= 3);
    }

    [Fact]
    public async Task TcpCheck_ListenerStopsAndStarts_HealthFollows()
    {
        using var target = new FlippingTcpTarget();
        var register = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = _name,
            ID = _name + "-1",
            Checks = new object[] { new { CheckID = _name + "-tcp", Name = "tcp", TCP = target.Address, Interval = "1s" } },
        });
        Assert.True(register.Status == HttpStatusCode.OK, register.ToString());

        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 1));
        target.Stop();
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 0));
        target.Start();
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync(_name) == 1));
    }

    [Fact]
    public async Task TtlCheck_PassWarnFailUpdate_AgentAndCatalogAgree()
    {
        await Http.PutJsonAsync("v1/agent/service/register", new { Name = _name, Check = new { TTL = "10m" } });
        var id = "service:" + _name;

        Assert.Equal("critical", await CheckStatusAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await Http.PutReplyAsync($"v1/agent/check/pass/{id}?note=fine", "")).Status);
        Assert.Equal(1, await PassingCountAsync(_name));
        var catalogCheck = (await Http.GetReplyAsync($"v1/health/checks/{_name}")).Json()[0];
        Assert.Equal(("passing", "fine"), (catalogCheck.GetProperty("Status").GetString(), catalogCheck.GetProperty("Output").GetString()));

        await Http.PutReplyAsync($"v1/agent/check/warn/{id}", "");
        Assert.Equal("warning", await CheckStatusAsync(id));
        await Http.PutReplyAsync($"v1/agent/check/fail/{id}", "");
        Assert.Equal("critical", await CheckStatusAsync(id));
        var update = await Http.PutJsonAsync($"v1/agent/check/update/{id}", new { Status = "passing", Output = "via update" });
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal(1, await PassingCountAsync(_name));
    }

    [Fact]
    public async Task AgentHealthService_StatusCodesPerAggregatedState()
    {
        await Http.PutJsonAsync("v1/agent/service/register", new { Name = _name, ID = _name + "-a", Check = new { CheckID = _name + "-ttl", TTL = "10m" } });
        async Task<(HttpStatusCode, string)> TextAsync(string path)
        {
            var r = await Http.GetReplyAsync(path + "?format=text");
            return (r.Status, r.Body);
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "critical"), await TextAsync($"v1/agent/health/service/id/{_name}-a"));
        await Http.PutReplyAsync($"v1/agent/check/warn/{_name}-ttl", "");
        Assert.Equal(((HttpStatusCode)429, "warning"), await TextAsync($"v1/agent/health/service/name/{_name}"));
        await Http.PutReplyAsync($"v1/agent/check/pass/{_name}-ttl", "");
        Assert.Equal((HttpStatusCode.OK, "passing"), await TextAsync($"v1/agent/health/service/id/{_name}-a"));

        var json = await Http.GetReplyAsync($"v1/agent/health/service/name/{_name}");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        var entry = Assert.Single(json.Json().EnumerateArray());
        Assert.Equal(("passing", _name + "-a"), (entry.GetProperty("AggregatedStatus").GetString(), entry.GetProperty("Service").GetProperty("ID").GetString()));

        await Http.PutReplyAsync($"v1/agent/service/maintenance/{_name}-a?enable=true&reason=upgrade", "");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "maintenance"), await TextAsync($"v1/agent/health/service/id/{_name}-a"));
        var maint = (await Http.GetReplyAsync($"v1/health/checks/{_name}")).Json().EnumerateArray()
            .Single(c => c.GetProperty("CheckID").GetString() == $"_service_maintenance:{_name}-a");
        Assert.Equal("upgrade", maint.GetProperty("Notes").GetString());
        await Http.PutReplyAsync($"v1/agent/service/maintenance/{_name}-a?enable=false", "");
        Assert.Equal((HttpStatusCode.OK, "passing"), await TextAsync($"v1/agent/health/service/id/{_name}-a"));

        Assert.Equal((HttpStatusCode.NotFound, "ServiceId nope not found"), await TextAsync("v1/agent/health/service/id/nope"));
        Assert.Equal((HttpStatusCode.NotFound, "ServiceName nope Not Found"), await TextAsync("v1/agent/health/service/name/nope"));
    }

    [Fact]
    public async Task RegisterAndDeregister_AgentServicesAndCatalogFollow()
    {
        var reply = await Http.PutJsonAsync("v1/agent/service/register?replace-existing-checks", new
        {
            Name = _name,
            Tags = Tags,
            Meta = new Dictionary<string, string> { ["k"] = "v" },
            Port = 8080,
            Checks = new object[] { new { TTL = "10m" }, new { TTL = "10m" } },
        });
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var services = (await Http.GetReplyAsync($"v1/agent/services?filter=Service%20%3D%3D%20%22{_name}%22")).Json();
        var svc = services.GetProperty(_name);
        Assert.Equal((8080, "v", "dc1"), (svc.GetProperty("Port").GetInt32(), svc.GetProperty("Meta").GetProperty("k").GetString(), svc.GetProperty("Datacenter").GetString()));
        var single = await Http.GetReplyAsync($"v1/agent/service/{_name}");
        Assert.Equal(single.Json().GetProperty("ContentHash").GetString(), single.Header("X-Consul-ContentHash"));
        var checks = (await Http.GetReplyAsync("v1/agent/checks")).Json();
        Assert.True(checks.TryGetProperty($"service:{_name}:1", out _) && checks.TryGetProperty($"service:{_name}:2", out _));
        Assert.Single((await Http.GetReplyAsync($"v1/catalog/service/{_name}")).Json().EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await Http.PutReplyAsync($"v1/agent/service/deregister/{_name}", "")).Status);

        Assert.Equal(0, (await Http.GetReplyAsync($"v1/catalog/service/{_name}")).Json().GetArrayLength());
        Assert.False((await Http.GetReplyAsync("v1/agent/services")).Json().TryGetProperty(_name, out _));
        Assert.False((await Http.GetReplyAsync("v1/agent/checks")).Json().TryGetProperty($"service:{_name}:1", out _));
    }

    [Fact]
    public async Task ServiceBlockingOnHash_WakesWhenServiceChanges()
    {
        await Http.PutJsonAsync("v1/agent/service/register", new { Name = _name, Port = 1 });
        var hash = (await Http.GetReplyAsync($"v1/agent/service/{_name}")).Header("X-Consul-ContentHash");

        var blocking = Http.GetReplyAsync($"v1/agent/service/{_name}?hash={hash}&wait=30s");
        await Task.Delay(300);
        Assert.False(blocking.IsCompleted, "the hash-blocking query returned before the service changed");
        await Http.PutJsonAsync("v1/agent/service/register", new { Name = _name, Port = 2 });
        var reply = await blocking.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, reply.Json().GetProperty("Port").GetInt32());
        Assert.NotEqual(hash, reply.Header("X-Consul-ContentHash"));
    }

    [Theory]
    [InlineData("PUT", "v1/agent/service/register", "{\"Port\":1}", 400, "Missing service name")]
    [InlineData("PUT", "v1/agent/service/register", "{\"Name\":\"x\",", 400, "Request decode failed: ")]
    [InlineData("PUT", "v1/agent/service/register", "{\"Name\":\"x\",\"Address\":\"0.0.0.0\"}", 400, "Invalid service address")]
    [InlineData("PUT", "v1/agent/service/register", "{\"Name\":\"x\",\"Check\":{\"TCP\":\"a:1\"}}", 400, "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks")]
    [InlineData("PUT", "v1/agent/service/register", "{\"Name\":\"x\",\"Check\":{\"TTL\":\"5s\",\"Status\":\"ok\"}}", 400, "Status for checks must 'passing', 'warning', 'critical'")]
    [InlineData("PUT", "v1/agent/service/register", "{\"Name\":\"x\",\"Check\":{\"Args\":[\"true\"],\"Interval\":\"5s\"}}", 400, "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true")]
    [InlineData("PUT", "v1/agent/service/deregister/nope", "", 404, "Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.")]
    [InlineData("PUT", "v1/agent/service/maintenance/nope?enable=true", "", 404, "Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.")]
    [InlineData("PUT", "v1/agent/service/maintenance/x", "", 400, "Missing value for enable")]
    [InlineData("PUT", "v1/agent/maintenance?enable=yes", "", 400, "Invalid value for enable: \"yes\"")]
    [InlineData("GET", "v1/agent/service/nope", "", 404, "unknown service ID: nope")]
    [InlineData("PUT", "v1/agent/check/register", "{\"TTL\":\"5s\"}", 400, "Missing check name")]
    [InlineData("PUT", "v1/agent/check/register", "{\"Name\":\"c\",\"TTL\":\"5s\",\"Status\":\"up\"}", 400, "Bad check status")]
    [InlineData("PUT", "v1/agent/check/register", "{\"Name\":\"c\",\"TTL\":\"5s\",\"Interval\":\"5s\"}", 400, "Invalid check: Interval and TTL cannot both be specified")]
    [InlineData("PUT", "v1/agent/check/register", "{\"Name\":\"c\",\"TTL\":\"5s\",\"ServiceID\":\"nope\"}", 404, "ServiceID \"nope\" does not exist")]
    [InlineData("PUT", "v1/agent/check/deregister/nope", "", 404, "Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.")]
    [InlineData("PUT", "v1/agent/check/pass/nope", "", 404, "Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.")]
    [InlineData("PUT", "v1/agent/check/update/nope", "{\"Status\":\"fine\"}", 400, "Invalid check status: 'fine'")]
    [InlineData("GET", "v1/agent/services?filter=Nope%20%3D%3D%201", "", 400, "Failed to create boolean expression evaluator")]
    [InlineData("GET", "v1/agent/check/register", "", 405, "method GET not allowed")]
    public async Task BadInput_ConsulStatusAndText(string method, string path, string body, int status, string text)
    {
        var reply = await Http.SendRawAsync(new HttpMethod(method), path, method == "PUT" ? new StringContent(body) : null);

        Assert.True((int)reply.Status == status, reply.ToString());
        Assert.StartsWith(text, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckOnServiceNotTtl_UpdateRefusedWith400()
    {
        using var target = new FlippingTcpTarget();
        await Http.PutJsonAsync("v1/agent/check/register", new { Name = _name, TCP = target.Address, Interval = "10s" });

        var reply = await Http.PutReplyAsync($"v1/agent/check/pass/{_name}", "");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($"CheckID \"{_name}\" does not have associated TTL", reply.Body);
        await Http.PutReplyAsync($"v1/agent/check/deregister/{_name}", "");
    }

    [Fact]
    public async Task NodeMaintenance_EnableDisable_NodeCheckInCatalog()
    {
        await Http.PutReplyAsync("v1/agent/maintenance?enable=true", "");
        var node = (await Http.GetReplyAsync($"v1/health/node/{Agent.NodeName}")).Json().EnumerateArray()
            .Select(c => c.GetProperty("CheckID").GetString()).ToList();
        await Http.PutReplyAsync("v1/agent/maintenance?enable=false", "");
        var after = (await Http.GetReplyAsync($"v1/health/node/{Agent.NodeName}")).Json().EnumerateArray()
            .Select(c => c.GetProperty("CheckID").GetString()).ToList();

        Assert.Contains("_node_maintenance", node);
        Assert.DoesNotContain("_node_maintenance", after);
        Assert.Contains("serfHealth", after);
    }
}
