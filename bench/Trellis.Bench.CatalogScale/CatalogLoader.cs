using System.Diagnostics;
using System.Text;

namespace Trellis.Bench.CatalogScale;

/// <summary>Registers every instance through <c>PUT /v1/catalog/register</c> with bounded parallelism.</summary>
public sealed class CatalogLoader(HttpClient http, Uri baseAddress, CatalogShape shape, ScaleSettings settings)
{
    public sealed record Result(TimeSpan Elapsed, int Registered, int Errors, string? FirstError);

    public async Task<Result> LoadAsync(CancellationToken cancellationToken)
    {
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var progress = Stopwatch.StartNew();
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Parallelism).Select(async _ =>
        {
            int instance;
            while ((instance = Interlocked.Increment(ref next)) < settings.Instances)
            {
                try
                {
                    await RegisterAsync(instance, "rev-0", cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }

                if (instance % 20000 == 0 && instance > 0)
                {
                    Console.Error.WriteLine($"  loaded {instance} instances in {progress.Elapsed.TotalSeconds:0.0} s");
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new Result(started.Elapsed, settings.Instances - errors, errors, firstError);
    }

    public async Task RegisterAsync(int instance, string revisionTag, CancellationToken cancellationToken)
    {
        using var content = new StringContent(shape.RegisterBody(instance, revisionTag), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(baseAddress, "/v1/catalog/register"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"register {instance}: {(int)response.StatusCode} {body}");
        }
    }
}
