using System.Net;
using System.Text.Json;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

public sealed class StatusEndpointTests
{
    [Fact]
    public async Task Leader_ReturnsJsonString()
    {
        await using var api = await ApiServer.StartAsync();

        Assert.Equal("\"127.0.0.1:8300\"", await api.Client.GetStringAsync("/v1/status/leader"));
    }

    [Fact]
    public async Task Peers_ReturnsJsonArray()
    {
        await using var api = await ApiServer.StartAsync();

        Assert.Equal("[\"127.0.0.1:8300\"]", await api.Client.GetStringAsync("/v1/status/peers"));
    }

    [Fact]
    public async Task Leader_OtherDatacenter_Returns500NoPath()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/status/leader?dc=dc9");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("No path to datacenter", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RaftConfiguration_ReturnsServersAndIndex()
    {
        await using var api = await ApiServer.StartAsync();

        using var json = JsonDocument.Parse(await api.Client.GetStringAsync("/v1/operator/raft/configuration"));

        var server = Assert.Single(json.RootElement.GetProperty("Servers").EnumerateArray().ToList());
        Assert.Equal("127.0.0.1:8300", server.GetProperty("Address").GetString());
        Assert.True(server.GetProperty("Leader").GetBoolean());
        Assert.Equal("3", server.GetProperty("ProtocolVersion").GetString());
        Assert.Equal(7UL, json.RootElement.GetProperty("Index").GetUInt64());
    }

    [Fact]
    public async Task Snapshot_Get_StreamsArchiveWithIndex()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/snapshot");

        Assert.Equal("archive-bytes"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("99", response.Headers.GetValues("X-Consul-Index").Single());
    }

    [Fact]
    public async Task Snapshot_Put_RestoresFromBody()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/snapshot", new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 1, 2, 3 }, api.Rpc.RestoredArchive);
    }
}
