using Microsoft.AspNetCore.Http;
using Trellis.Core.Errors;
using Trellis.Http.Requests;

namespace Trellis.Http.Tests.Requests;

public sealed class CatalogQueryTests
{
    private static ApiRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return new ApiRequest(context, "dc1");
    }

    [Fact]
    public void Options_NodeMetaRepeated_ParsesEveryPairAndKeyWithoutColon()
    {
        var options = CatalogQuery.Options(Request("?node-meta=rack:r1&node-meta=env:prod:blue&node-meta=bare"), "local");

        Assert.Equal("r1", options.NodeMeta!["rack"]);
        Assert.Equal("prod:blue", options.NodeMeta["env"]);
        Assert.Equal("", options.NodeMeta["bare"]);
    }

    [Fact]
    public void Options_NearAgent_IsTheLocalNodeAndFilterIsKept()
    {
        var options = CatalogQuery.Options(Request("?near=_agent&filter=Node%20%3D%3D%20a"), "local");

        Assert.Equal(("local", "Node == a"), (options.Near, options.Filter));
        Assert.Null(options.NodeMeta);
    }

    [Fact]
    public void Tags_Repeated_KeepsOrderAndDropsEmpty()
    {
        Assert.Equal(["a", "b"], CatalogQuery.Tags(Request("?tag=a&tag=&tag=b")));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?passing", true)]
    [InlineData("?passing=1", true)]
    [InlineData("?passing=TRUE", true)]
    [InlineData("?passing=f", false)]
    [InlineData("?passing=false", false)]
    public void Passing_GoBooleans_Parse(string query, bool expected)
    {
        Assert.Equal(expected, CatalogQuery.Passing(Request(query)));
    }

    [Theory]
    [InlineData("?passing=maybe")]
    [InlineData("?passing=tRuE")]
    public void Passing_NotAGoBoolean_Is400(string query)
    {
        var e = Assert.Throws<InvalidRequestException>(() => CatalogQuery.Passing(Request(query)));
        Assert.Equal("Invalid value for ?passing", e.Message);
    }
}
