using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.TestKit;

namespace Trellis.Ui.Tests;

/// <summary><c>/v1/internal/ui/services</c> on a real agent: the summary the UI's services page reads, and its blocking.</summary>
public sealed class InternalUiServicesTests
{
    private static async Task RegisterAsync(HttpClient http, string body)
    {
        using var response = await http.PutAsync("/v1/catalog/register", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonElement Service(JsonElement list, string name) =>
        list.EnumerateArray().Single(s => s.GetProperty("Name").GetString() == name);

    [Fact]
    public async Task Services_InstancesOnTwoNodes_AreCountedWithNodeAndServiceChecks()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
        await RegisterAsync(http, """{"Node":"n1","Address":"10.0.0.1","Service":{"ID":"web-1","Service":"web","Tags":["v2"],"Port":80},"Checks":[{"CheckID":"n1-alive","Name":"alive","Status":"passing"},{"CheckID":"web-1-http","Status":"warning","ServiceID":"web-1"}]}""");
        await RegisterAsync(http, """{"Node":"n1","Address":"10.0.0.1","Service":{"ID":"web-2","Service":"web","Tags":["v1"],"Port":81}}""");
        await RegisterAsync(http, """{"Node":"n2","Address":"10.0.0.2","Service":{"ID":"web-3","Service":"web","Port":80},"Checks":[{"CheckID":"web-3-http","Status":"critical","ServiceID":"web-3"}]}""");

        using var response = await http.GetAsync("/v1/internal/ui/services");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var web = Service(doc.RootElement, "web");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(long.Parse(response.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(3, web.GetProperty("InstanceCount").GetInt32());
        Assert.Equal("""["n1","n2"]""", web.GetProperty("Nodes").GetRawText());
        Assert.Equal("""["v1","v2"]""", web.GetProperty("Tags").GetRawText());
        Assert.Equal((1, 1, 1), (web.GetProperty("ChecksPassing").GetInt32(), web.GetProperty("ChecksWarning").GetInt32(), web.GetProperty("ChecksCritical").GetInt32()));
        Assert.Equal("dc1", web.GetProperty("Datacenter").GetString());
        Assert.Equal("{}", web.GetProperty("GatewayConfig").GetRawText());
        Assert.False(web.TryGetProperty("Kind", out _));
    }

    [Fact]
    public async Task Services_BlockingQuery_WakesWhenACheckChanges()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(60) };
        const string Register = """{"Node":"n1","Address":"10.0.0.1","Service":{"ID":"api","Service":"api"},"Checks":[{"CheckID":"api-check","Status":"STATUS","ServiceID":"api"}]}""";
        await RegisterAsync(http, Register.Replace("STATUS", "passing", StringComparison.Ordinal));
        using var first = await http.GetAsync("/v1/internal/ui/services");
        var index = first.Headers.GetValues("X-Consul-Index").Single();

        var blocked = http.GetAsync($"/v1/internal/ui/services?index={index}&wait=30s");
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted, "the blocking query returned before anything changed");
        await RegisterAsync(http, Register.Replace("STATUS", "critical", StringComparison.Ordinal));
        using var woke = await blocked.WaitAsync(TimeSpan.FromSeconds(20));
        using var doc = JsonDocument.Parse(await woke.Content.ReadAsStringAsync());

        Assert.Equal(1, Service(doc.RootElement, "api").GetProperty("ChecksCritical").GetInt32());
        Assert.NotEqual(index, woke.Headers.GetValues("X-Consul-Index").Single());
    }
}
