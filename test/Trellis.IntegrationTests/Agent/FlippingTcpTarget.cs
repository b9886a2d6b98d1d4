using System.Net;
using System.Net.Sockets;

namespace Trellis.IntegrationTests.Agent;

/// <summary>A real TCP listener for TCP checks that can be stopped (connection refused) and started again on the same port.</summary>
/// <remarks>Start/Stop from the test thread; the accept loop runs on the thread pool.</remarks>
public sealed class FlippingTcpTarget : IDisposable
{
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;

    public FlippingTcpTarget()
    {
        Port = FlippingHttpTarget.FreePort();
        Start();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _cts = new CancellationTokenSource();
        var listener = _listener;
        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    public void Stop()
    {
        _cts?.Cancel();
        _listener?.Stop();
        _listener?.Dispose();
        _cts?.Dispose();
        _listener = null;
        _cts = null;
    }

    public void Dispose() => Stop();
}
