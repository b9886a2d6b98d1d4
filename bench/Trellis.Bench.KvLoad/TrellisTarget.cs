namespace Trellis.Bench.KvLoad;

/// <summary>Trellis (or Consul) through <c>/v1/kv</c>: default reads are leader reads, linearizable ones use <c>?consistent</c>.</summary>
public sealed class TrellisTarget(HttpClient http, Uri baseAddress) : IKvTarget
{
    public string Name => "trellis";

    public async Task PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(value);
        using var response = await http.PutAsync(new Uri(baseAddress, "/v1/kv/" + key), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task GetAsync(string key, bool linearizable, CancellationToken cancellationToken)
    {
        var path = "/v1/kv/" + key + (linearizable ? "?consistent" : "");
        using var response = await http.GetAsync(new Uri(baseAddress, path), cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
