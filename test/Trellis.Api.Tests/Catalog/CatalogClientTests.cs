using System.Net;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Api.Tests.Catalog;

public sealed class CatalogClientTests
{
    [Fact]
    public async Task Register_SendsPutWithConsulFieldNames()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "true");
        using var client = handler.Client();

        await client.Catalog.RegisterAsync(new RegisterRequest
        {
            Node = "n1", Address = "10.0.0.1",
            Service = new NodeService { ID = "web1", Service = "web", Port = 80, Tags = ["a"] },
        });

        var (request, body) = handler.Requests[0];
        Assert.Equal((HttpMethod.Put, "/v1/catalog/register"), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Contains("\"Node\":\"n1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Service\":{", body, StringComparison.Ordinal);
        Assert.Contains("\"Tags\":[\"a\"]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_TagsNodeMetaAndBlocking_BecomeQueryParameters()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK,
            """[{"Node":"n1","Address":"10.0.0.1","ServiceID":"web","ServiceName":"web","ServiceTags":["a"],"ServicePort":80}]""",
            ("X-Consul-Index", "12"));
        using var client = handler.Client();

        var result = await client.Catalog.ServiceAsync("web", ["a", "b"], new QueryOptions
        {
            MinQueryIndex = 5,
            NodeMeta = new Dictionary<string, string> { ["zone"] = "x" },
        });

        Assert.Equal("/v1/catalog/service/web?index=5&node-meta=zone:x&tag=a&tag=b", Uri.UnescapeDataString(handler.Requests[0].Request.RequestUri!.PathAndQuery));
        var instance = Assert.Single(result.Value);
        Assert.Equal(("n1", "web", 80, 12UL), (instance.Node, instance.ServiceID, instance.ServicePort, result.Meta.Index));
    }

    [Fact]
    public async Task Node_Unknown_IsNullValue()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "null", ("X-Consul-Index", "3"));
        using var client = handler.Client();

        var result = await client.Catalog.NodeAsync("ghost");

        Assert.Null(result.Value);
        Assert.Equal(3UL, result.Meta.Index);
    }

    [Fact]
    public async Task HealthService_Passing_IsAFlagAndEntriesAreRead()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK,
            """[{"Node":{"Node":"n1","Address":"a"},"Service":{"ID":"web","Service":"web"},"Checks":[{"CheckID":"serfHealth","Status":"passing"}]}]""");
        using var client = handler.Client();

        var result = await client.Health.ServiceAsync("web", passing: true);

        Assert.Equal("/v1/health/service/web?passing", handler.Requests[0].Request.RequestUri!.PathAndQuery);
        var entry = Assert.Single(result.Value);
        Assert.Equal(("n1", "web", "passing"), (entry.Node.Node, entry.Service.ID, entry.Checks[0].Status));
    }

    [Fact]
    public async Task HealthState_BadRequest_ThrowsApiExceptionWithConsulText()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.BadRequest, "Missing check state");
        using var client = handler.Client();

        var e = await Assert.ThrowsAsync<ApiException>(() => client.Health.StateAsync(""));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }
}
