using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Kv;

/// <summary>Error answers of /v1/kv: status codes and that nothing was written.</summary>
public sealed class KvErrorTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private const int MaxValueSize = 512 * 1024;

    [Fact]
    public async Task Put_ValueOver512KiB_Returns413AndStoresNothing()
    {
        var put = await Http.PutBytesAsync($"v1/kv/{Prefix}/big", new byte[MaxValueSize + 1]);

        Assert.True(put.Status == HttpStatusCode.RequestEntityTooLarge, put.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/big")).Status);
    }

    [Fact]
    public async Task Put_ValueOfExactly512KiB_IsAccepted()
    {
        var put = await Http.PutBytesAsync($"v1/kv/{Prefix}/edge", new byte[MaxValueSize]);

        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal(MaxValueSize, (await Http.GetReplyAsync($"v1/kv/{Prefix}/edge?raw")).Bytes.Length);
    }

    [Theory]
    [InlineData("index=abc")]
    [InlineData("index=-1")]
    [InlineData("index=1&wait=forever")]
    public async Task Get_MalformedBlockingParameter_Returns400(string query)
    {
        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/x?{query}");

        Assert.True(get.Status == HttpStatusCode.BadRequest, get.ToString());
    }

    [Fact]
    public async Task Get_StaleAndConsistentTogether_Returns400()
    {
        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/x?stale&consistent");

        Assert.True(get.Status == HttpStatusCode.BadRequest, get.ToString());
    }

    [Fact]
    public async Task Put_MalformedFlags_Returns500LikeConsul()
    {
        var put = await Http.PutReplyAsync($"v1/kv/{Prefix}/x?flags=notanumber", "v");

        // Consul compat: the flags parse error is returned unwrapped, so it surfaces as a 500.
        Assert.True(put.Status == HttpStatusCode.InternalServerError, put.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/x")).Status);
    }

    [Fact]
    public async Task Put_MissingKeyName_Returns400()
    {
        var put = await Http.PutReplyAsync("v1/kv/", "v");

        Assert.True(put.Status == HttpStatusCode.BadRequest, put.ToString());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Kv_UnsupportedMethod_Returns405(string method)
    {
        var reply = await Http.SendRawAsync(new HttpMethod(method), $"v1/kv/{Prefix}/x", new StringContent("v"));

        Assert.True(reply.Status == HttpStatusCode.MethodNotAllowed, reply.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/x")).Status);
    }

    [Fact]
    public async Task StatusLeader_Put_Returns405()
    {
        var reply = await Http.PutReplyAsync("v1/status/leader", "");

        Assert.True(reply.Status == HttpStatusCode.MethodNotAllowed, reply.ToString());
    }
}
