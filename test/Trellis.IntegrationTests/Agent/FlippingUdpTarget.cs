using System.Net;
using System.Net.Sockets;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// A real UDP listener for UDP checks that answers every datagram and can be stopped and started again on the same
/// port. A UDP check cannot tell silence from health (silence until the timeout is passing, docs/checks.md); what it
/// detects is a closed port, which loopback answers with ICMP port unreachable (connection refused).
/// </summary>
/// <remarks>Start/Stop from the test thread; the receive loop runs on the thread pool. <see cref="Datagrams"/> is atomic.</remarks>
public sealed class FlippingUdpTarget : IDisposable
{
    private UdpClient? _client;
    private CancellationTokenSource? _cts;
    private int _datagrams;

    public FlippingUdpTarget()
    {
        _client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_client.Client.LocalEndPoint!).Port;
        Run(_client);
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Datagrams received (and answered) so far.</summary>
    public int Datagrams => Volatile.Read(ref _datagrams);

    public void Start()
    {
        if (_client is not null)
        {
            return;
        }

        _client = new UdpClient(new IPEndPoint(IPAddress.Loopback, Port));
        Run(_client);
    }

    public void Stop()
    {
        _cts?.Cancel();
        _client?.Dispose();
        _cts?.Dispose();
        _client = null;
        _cts = null;
    }

    public void Dispose() => Stop();

    private void Run(UdpClient client)
    {
        _cts = new CancellationTokenSource();
        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    var datagram = await client.ReceiveAsync(token);
                    Interlocked.Increment(ref _datagrams);
                    await client.SendAsync("ok"u8.ToArray(), datagram.RemoteEndPoint, token);
                }
                catch (SocketException) when (!token.IsCancellationRequested)
                {
                    // A previous answer's ICMP error surfaces on the next receive; keep serving.
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }
}
