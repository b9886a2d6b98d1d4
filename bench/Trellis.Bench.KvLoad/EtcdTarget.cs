using System.Text;

namespace Trellis.Bench.KvLoad;

/// <summary>
/// etcd through its v3 JSON gateway (<c>/v3/kv/put</c>, <c>/v3/kv/range</c>), the HTTP/JSON peer of our API.
/// Default reads are serializable (like Consul's default mode), linearizable ones are etcd's default.
/// </summary>
public sealed class EtcdTarget(HttpClient http, Uri baseAddress) : IKvTarget
{
    public string Name => "etcd";

    public async Task PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        var body = $"{{\"key\":\"{B64(key)}\",\"value\":\"{Convert.ToBase64String(value)}\"}}";
        await PostAsync("/v3/kv/put", body, cancellationToken);
    }

    public Task GetAsync(string key, bool linearizable, CancellationToken cancellationToken) =>
        PostAsync("/v3/kv/range", $"{{\"key\":\"{B64(key)}\",\"serializable\":{(linearizable ? "false" : "true")}}}", cancellationToken);

    private async Task PostAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(baseAddress, path), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
