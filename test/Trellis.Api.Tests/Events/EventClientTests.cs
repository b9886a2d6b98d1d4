using Trellis.Core.Events;
using System.Net;
using Trellis.Api.Events;

namespace Trellis.Api.Tests.Events;

public sealed class EventClientTests
{
    [Fact]
    public async Task List_Name_ReadsEventsAndIndex()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """
            [{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":"MQ==","NodeFilter":"","ServiceFilter":"","TagFilter":"","Version":1,"LTime":19}]
            """, ("X-Consul-Index", "42"));
        using var client = handler.Client();
        var result = await client.Event.ListAsync("deploy");
        Assert.Equal("/v1/event/list?name=deploy", handler.Requests[0].Request.RequestUri!.PathAndQuery);
        var e = Assert.Single(result.Value);
        Assert.Equal(("deploy", 19UL, "1"), (e.Name, e.LTime, System.Text.Encoding.UTF8.GetString(e.Payload!)));
        Assert.Equal(42UL, result.Meta.Index);
    }

    [Fact]
    public void IdToIndex_Uuid_XorsHalves()
    {
        // lower = b54fe1107af5cafc, upper = d1fbafc8ba432b1c
        Assert.Equal(0xb54fe1107af5cafcUL ^ 0xd1fbafc8ba432b1cUL, UserEvent.IdToIndex("b54fe110-7af5-cafc-d1fb-afc8ba432b1c"));
        Assert.Equal(0UL, UserEvent.IdToIndex("not-a-uuid"));
    }
}
