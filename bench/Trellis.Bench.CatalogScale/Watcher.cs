using System.Diagnostics;
using System.Globalization;

namespace Trellis.Bench.CatalogScale;

/// <summary>
/// One blocking watcher of <c>/v1/health/service/:name</c>: re-arms with the last <c>X-Consul-Index</c> after every
/// answer and records the time of every answer that carried a new index (a wake) or the same one (a wait timeout).
/// </summary>
/// <remarks>The loop runs on the thread pool; the orchestrator reads <see cref="WakesSince"/> under the same lock.</remarks>
public sealed class Watcher(HttpClient http, Uri baseAddress, string service, int hotService, ulong index)
{
    private readonly object _gate = new();
    private readonly List<long> _wakes = [];
    private ulong _index = index;

    public string Service => service;

    public int HotService => hotService;

    public int Timeouts { get; private set; }

    public int Errors { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Stopwatch timestamps of the wakes after <paramref name="timestamp"/>.</summary>
    public List<long> WakesSince(long timestamp)
    {
        lock (_gate)
        {
            return _wakes.Where(w => w > timestamp).ToList();
        }
    }

    /// <summary>Reads the whole body into a pooled buffer (the answer counts as received once its last byte is read).</summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task RunAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var waitText = string.Create(CultureInfo.InvariantCulture, $"{(int)wait.TotalSeconds}s");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var uri = new Uri(baseAddress, $"/v1/health/service/{service}?index={_index}&wait={waitText}");
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await DrainAsync(response, cancellationToken);
                var at = Stopwatch.GetTimestamp();
                response.EnsureSuccessStatusCode();
                var next = ulong.Parse(response.Headers.GetValues("X-Consul-Index").First(), CultureInfo.InvariantCulture);
                lock (_gate)
                {
                    if (next != _index)
                    {
                        _wakes.Add(at);
                    }
                    else
                    {
                        Timeouts++;
                    }

                    _index = next;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lock (_gate)
                {
                    Errors++;
                    LastError = e.Message;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
