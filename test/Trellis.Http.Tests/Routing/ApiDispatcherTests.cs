using System.Net;
using Trellis.Core.Errors;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Routing;

public sealed class ApiDispatcherTests
{
    [Fact]
    public async Task UnknownV1Path_Returns404WithConsulText()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/does/not/exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Invalid URL path: not a recognized HTTP API endpoint\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonApiPath_Returns404WithHint()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/whatever");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongMethod_Returns405WithAllowHeader()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PostAsync("/v1/kv/a", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method POST not allowed", await response.Content.ReadAsStringAsync());
        Assert.Equal("OPTIONS,GET,PUT,DELETE", string.Join(',', response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Options_ReturnsAllowHeader()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/v1/status/leader"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OPTIONS,GET", string.Join(',', response.Content.Headers.Allow));
    }

    public static TheoryData<Exception, HttpStatusCode> Errors => new()
    {
        { new InvalidRequestException("bad"), HttpStatusCode.BadRequest },
        { new PermissionDeniedException("Permission denied"), HttpStatusCode.Forbidden },
        { new NotFoundException("gone"), HttpStatusCode.NotFound },
        { new ConflictException("conflict"), HttpStatusCode.Conflict },
        { new RequestTooLargeException("too big"), HttpStatusCode.RequestEntityTooLarge },
        { new NoLeaderException("No cluster leader"), HttpStatusCode.InternalServerError },
        { new InvalidOperationException("boom"), HttpStatusCode.InternalServerError },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task HandlerError_MapsToStatusWithPlainTextMessage(Exception error, HttpStatusCode expected)
    {
        await using var api = await ApiServer.StartAsync();
        api.Rpc.Throw = error;

        var response = await api.Client.GetAsync("/v1/kv/x");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(error.Message, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Pretty_IndentsWithFourSpacesAndNewline()
    {
        await using var api = await ApiServer.StartAsync();

        var body = await api.Client.GetStringAsync("/v1/status/peers?pretty");

        Assert.Equal("[\n    \"127.0.0.1:8300\"\n]\n", body.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
