using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Trellis.Core.Errors;
using Trellis.Http.Requests;
using Trellis.Core.Queries;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Requests;

public sealed class QueryOptionsParserTests
{
    [Theory]
    [InlineData("?index=abc", "Invalid index")]
    [InlineData("?index=-1", "Invalid index")]
    [InlineData("?wait=5x", "Invalid wait time")]
    [InlineData("?wait=10", "Invalid wait time")]
    [InlineData("?stale&consistent", "Cannot specify ?stale with ?consistent, conflicting semantics.")]
    public async Task InvalidOption_Returns400WithConsulText(string query, string expected)
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/kv/a" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BlockingOptions_AreParsed()
    {
        await using var api = await ApiServer.StartAsync();

        await api.Client.GetAsync("/v1/kv/a?index=17&wait=1m30s&stale");

        var options = api.Rpc.LastOptions!;
        Assert.Equal(17UL, options.MinQueryIndex);
        Assert.Equal(TimeSpan.FromSeconds(90), options.MaxQueryTime);
        Assert.Equal(ConsistencyMode.Stale, options.Consistency);
    }

    [Fact]
    public async Task Wait_OverTenMinutes_IsCapped()
    {
        await using var api = await ApiServer.StartAsync();

        await api.Client.GetAsync("/v1/kv/a?index=1&wait=1h");

        Assert.Equal(QueryOptions.MaxMaxQueryTime, api.Rpc.LastOptions!.MaxQueryTime);
    }

    [Theory]
    [InlineData("?token=q", null, null, "q")]
    [InlineData("", "h", null, "h")]
    [InlineData("", null, "Bearer b", "b")]
    [InlineData("?token=q", "h", "Bearer b", "q")]
    [InlineData("", "h", "Bearer b", "h")]
    public async Task Token_FollowsConsulPrecedence(string query, string? header, string? authorization, string expected)
    {
        await using var api = await ApiServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/kv/a" + query);
        if (header is not null)
        {
            request.Headers.Add("X-Consul-Token", header);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        await api.Client.SendAsync(request);

        Assert.Equal(expected, api.Rpc.LastOptions!.Token);
    }

    [Theory]
    [InlineData("", "leader")]
    [InlineData("?stale", "stale")]
    [InlineData("?consistent", "consistent")]
    public async Task Read_SetsMetaHeaders(string query, string consistency)
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/a", new StringContent("v"));

        var response = await api.Client.GetAsync("/v1/kv/a" + query);

        Assert.Equal("1", response.Headers.GetValues("X-Consul-Index").Single());
        Assert.Equal("true", response.Headers.GetValues("X-Consul-KnownLeader").Single());
        Assert.Equal("42", response.Headers.GetValues("X-Consul-LastContact").Single());
        Assert.Equal(consistency, response.Headers.GetValues("X-Consul-Effective-Consistency").Single());
    }

    [Fact]
    public void Parse_AnyUnsignedIndexAndWait_RoundTrips()
    {
        Prop.ForAll<ulong, ushort>((index, seconds) =>
        {
            var options = QueryOptionsParser.Parse(Request($"?index={index}&wait={seconds}s"), "dc1");
            var expectedWait = TimeSpan.FromSeconds(Math.Min((int)seconds, 600));
            return options.MinQueryIndex == index && options.MaxQueryTime == expectedWait;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_NonNumericIndex_AlwaysInvalid()
    {
        Prop.ForAll<NonEmptyString>(text =>
        {
            var value = text.Get;
            if (value.All(char.IsAsciiDigit))
            {
                return true;
            }

            var error = Record.Exception(() => QueryOptionsParser.Parse(Request("?index=" + Uri.EscapeDataString(value)), "dc1"));
            return error is InvalidRequestException { Message: "Invalid index" };
        }).QuickCheckThrowOnFailure();
    }

    private static ApiRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return new ApiRequest(context, "dc1");
    }
}
