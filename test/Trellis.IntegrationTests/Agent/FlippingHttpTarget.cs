using System.Net;
using System.Net.Sockets;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// A real HTTP server for HTTP checks (<see cref="HttpListener"/> on 127.0.0.1 and a free port) that answers 200 while
/// <see cref="Healthy"/> and 503 otherwise, counting the requests it served.
/// </summary>
/// <remarks>The listener loop runs on the thread pool; <see cref="Healthy"/> is volatile.</remarks>
public sealed class FlippingHttpTarget : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private volatile bool _healthy = true;
    private int _requests;
    private TaskCompletionSource<int>? _holdArrived;
    private TaskCompletionSource? _holdRelease;

    public FlippingHttpTarget()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/health";

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Holds the next request to arrive (unanswered) and returns its number once it arrived; <see cref="Release"/>
    /// answers it with the <see cref="Healthy"/> of that moment. While a check's run is held, every earlier result of
    /// that check has been reported, so a test can observe the check's state after an exact number of runs.
    /// </summary>
    public async Task<int> HoldNextAsync(TimeSpan timeout)
    {
        var arrived = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _holdRelease, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _holdArrived, arrived);
        return await arrived.Task.WaitAsync(timeout);
    }

    /// <summary>Answers the held request, if any.</summary>
    public void Release() => Volatile.Read(ref _holdRelease)?.TrySetResult();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing the listener ends the loop with an error; that is how it stops.
        }
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _requests);
            if (Interlocked.Exchange(ref _holdArrived, null) is { } arrived)
            {
                var release = Volatile.Read(ref _holdRelease)!;
                arrived.TrySetResult(number);
                await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            }

            context.Response.StatusCode = _healthy ? 200 : 503;
            var body = System.Text.Encoding.UTF8.GetBytes(_healthy ? "ok" : "down");
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
