using System.Net;
using System.Text;

namespace Trellis.Api.Tests;

/// <summary>An HttpMessageHandler that records requests and answers with what the test scripts.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

    public ScriptedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public static ScriptedHandler Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        new((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        });

    public TrellisClient Client(ClientOptions? options = null) =>
        new(options ?? new ClientOptions { Address = "127.0.0.1:8500" }, new HttpClient(this));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return await _answer(request, cancellationToken);
    }
}
