using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.TestKit;

namespace Trellis.Ui.Tests;

/// <summary><c>/v1/internal/ui/nodes</c> on a real agent: the node dump the UI's nodes page reads, and its blocking.</summary>
public sealed class InternalUiNodesTests
{
    private static async Task RegisterAsync(HttpClient http, string body)
    {
        using var response = await http.PutAsync("/v1/catalog/register", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonElement Node(JsonElement list, string name) =>
        list.EnumerateArray().Single(n => n.GetProperty("Node").GetString() == name);

    [Fact]
    public async Task Nodes_TwoRegisteredNodes_ListServicesAndChecksPerNode()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
        await RegisterAsync(http, """{"Node":"n1","Address":"10.0.0.1","NodeMeta":{"rack":"r1"},"Service":{"ID":"web-1","Service":"web","Port":80},"Checks":[{"CheckID":"n1-alive","Status":"passing"},{"CheckID":"web-1-http","Status":"critical","ServiceID":"web-1"}]}""");
        await RegisterAsync(http, """{"Node":"n2","Address":"10.0.0.2","NodeMeta":{"rack":"r2"}}""");

        using var response = await http.GetAsync("/v1/internal/ui/nodes");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var n1 = Node(doc.RootElement, "n1");
        var n2 = Node(doc.RootElement, "n2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(long.Parse(response.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("10.0.0.1", n1.GetProperty("Address").GetString());
        Assert.Equal("r1", n1.GetProperty("Meta").GetProperty("rack").GetString());
        Assert.Equal("web", n1.GetProperty("Services")[0].GetProperty("Service").GetString());
        Assert.Equal(["n1-alive", "web-1-http"], n1.GetProperty("Checks").EnumerateArray().Select(c => c.GetProperty("CheckID").GetString()));
        Assert.Equal("[]", n2.GetProperty("Services").GetRawText());
        Assert.Equal("[]", n2.GetProperty("Checks").GetRawText());
        Assert.True(n1.TryGetProperty("ID", out _) && n1.TryGetProperty("TaggedAddresses", out _));
    }

    [Fact]
    public async Task Nodes_NodeMetaAndFilter_SelectNodes()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
        await RegisterAsync(http, """{"Node":"n1","Address":"10.0.0.1","NodeMeta":{"rack":"r1"}}""");
        await RegisterAsync(http, """{"Node":"n2","Address":"10.0.0.2","NodeMeta":{"rack":"r2"}}""");

        var byMeta = JsonDocument.Parse(await http.GetStringAsync("/v1/internal/ui/nodes?node-meta=rack:r2")).RootElement;
        var byFilter = JsonDocument.Parse(await http.GetStringAsync("/v1/internal/ui/nodes?filter=" + Uri.EscapeDataString("Address == \"10.0.0.1\""))).RootElement;
        using var bad = await http.GetAsync("/v1/internal/ui/nodes?filter=" + Uri.EscapeDataString("Address =="));

        Assert.Equal(["n2"], byMeta.EnumerateArray().Select(n => n.GetProperty("Node").GetString()));
        Assert.Equal(["n1"], byFilter.EnumerateArray().Select(n => n.GetProperty("Node").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Nodes_BlockingQuery_WakesWhenACheckChanges()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(60) };
        const string Register = """{"Node":"n1","Address":"10.0.0.1","Checks":[{"CheckID":"n1-alive","Status":"STATUS"}]}""";
        await RegisterAsync(http, Register.Replace("STATUS", "passing", StringComparison.Ordinal));
        using var first = await http.GetAsync("/v1/internal/ui/nodes");
        var index = first.Headers.GetValues("X-Consul-Index").Single();

        var blocked = http.GetAsync($"/v1/internal/ui/nodes?index={index}&wait=30s");
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted, "the blocking query returned before anything changed");
        await RegisterAsync(http, Register.Replace("STATUS", "critical", StringComparison.Ordinal));
        using var woke = await blocked.WaitAsync(TimeSpan.FromSeconds(20));
        using var doc = JsonDocument.Parse(await woke.Content.ReadAsStringAsync());

        Assert.NotEqual(index, woke.Headers.GetValues("X-Consul-Index").Single());
        Assert.Equal("critical", Node(doc.RootElement, "n1").GetProperty("Checks").EnumerateArray().Single(c => c.GetProperty("CheckID").GetString() == "n1-alive").GetProperty("Status").GetString());
    }
}
