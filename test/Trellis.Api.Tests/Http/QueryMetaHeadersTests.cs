using System.Net;
using Trellis.Api.Http;

namespace Trellis.Api.Tests.Http;

public sealed class QueryMetaHeadersTests
{
    [Fact]
    public void Parse_AllHeaders_FillsMeta()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Consul-Index", "1234");
        response.Headers.TryAddWithoutValidation("X-Consul-KnownLeader", "true");
        response.Headers.TryAddWithoutValidation("X-Consul-LastContact", "250");
        var meta = QueryMetaHeaders.Parse(response.Headers);
        Assert.Equal(1234UL, meta.Index);
        Assert.True(meta.KnownLeader);
        Assert.Equal(TimeSpan.FromMilliseconds(250), meta.LastContact);
    }

    [Fact]
    public void Parse_NoHeaders_LeavesDefaults()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        var meta = QueryMetaHeaders.Parse(response.Headers);
        Assert.Equal(0UL, meta.Index);
        Assert.False(meta.KnownLeader);
        Assert.Equal(TimeSpan.Zero, meta.LastContact);
    }

    [Fact]
    public void Parse_KnownLeaderFalse_IsFalse()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Consul-KnownLeader", "false");
        Assert.False(QueryMetaHeaders.Parse(response.Headers).KnownLeader);
    }

    [Fact]
    public void Parse_MalformedIndex_Throws()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Consul-Index", "abc");
        Assert.Throws<FormatException>(() => QueryMetaHeaders.Parse(response.Headers));
    }
}
