using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Trellis.Core.Rpc;
using Trellis.Dns.Resolution;

namespace Trellis.Dns.Server;

/// <summary>
/// The DNS listeners: one UDP socket (a few receive loops) and one TCP listener on the same address and port.
/// TCP connections carry any number of length-prefixed queries, are closed after an idle timeout, and are capped
/// in number; a connection that sends a bad length is closed.
/// </summary>
/// <remarks>
/// <see cref="Start"/> once, then <see cref="DisposeAsync"/> once; <see cref="DisposeAsync"/> cancels every loop
/// and waits for them. Lookups run concurrently on the thread pool.
/// </remarks>
public sealed class DnsServer : IAsyncDisposable
{
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);
    private const int MaxTcpConnections = 512;

    private readonly IPEndPoint _endpoint;
    private readonly DnsRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly SemaphoreSlim _tcpSlots = new(MaxTcpConnections, MaxTcpConnections);
    private Socket? _udp;
    private TcpListener? _tcp;

    public DnsServer(IPEndPoint endpoint, IServerRpc rpc, DnsOptions options, ILogger logger, IPreparedQueryDns? preparedQueries = null)
    {
        _endpoint = endpoint;
        _logger = logger;
        _handler = new DnsRequestHandler(new DnsResolver(rpc, options, preparedQueries), options, logger);
    }

    /// <summary>The packet path both transports use.</summary>
    public DnsRequestHandler Handler => _handler;

    /// <summary>The UDP endpoint as bound (useful with port 0: TCP is bound on the same port).</summary>
    public IPEndPoint LocalEndpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Binds UDP then TCP on the same port and starts serving.</summary>
    public void Start()
    {
        // With port 0 the UDP port is picked first and TCP must get the same one: retry a few picks if it is taken.
        for (var attempt = 0; ; attempt++)
        {
            _udp = new Socket(_endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(_endpoint);
            LocalEndpoint = (IPEndPoint)_udp.LocalEndPoint!;
            _tcp = new TcpListener(new IPEndPoint(_endpoint.Address, LocalEndpoint.Port));
            try
            {
                _tcp.Start(256);
                break;
            }
            catch (SocketException) when (_endpoint.Port == 0 && attempt < 20)
            {
                _udp.Dispose();
            }
        }

        var loops = Math.Clamp(Environment.ProcessorCount, 2, 8);
        for (var i = 0; i < loops; i++)
        {
            _loops.Add(Task.Run(() => UdpLoopAsync(_stop.Token)));
        }

        _loops.Add(Task.Run(() => TcpAcceptLoopAsync(_stop.Token)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp?.Dispose();
        _tcp?.Stop();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("DNS listeners stopped: {Error}", ex.Message);
        }

        _stop.Dispose();
    }

    private async Task UdpLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65535];
        // One SocketAddress per loop, reused for every datagram: no endpoint allocation per query.
        var remote = new SocketAddress(_endpoint.AddressFamily);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _udp!.ReceiveFromAsync(buffer, SocketFlags.None, remote, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable from an earlier reply and the like: keep serving.
                _logger.LogDebug("DNS UDP receive: {Error}", ex.Message);
                continue;
            }

            try
            {
                var answer = await _handler.HandleAsync(buffer.AsMemory(0, received), udp: true, cancellationToken);
                if (answer is not null)
                {
                    await _udp.SendToAsync(answer, SocketFlags.None, remote, cancellationToken);
                }
            }
            catch (Exception ex)
            {
                // One datagram never ends the loop.
                _logger.LogDebug("DNS UDP reply: {Error}", ex.Message);
            }
        }
    }

    private async Task TcpAcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                await _tcpSlots.WaitAsync(cancellationToken);
                client = await _tcp!.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _tcpSlots.Release();
                _logger.LogDebug("DNS TCP accept: {Error}", ex.Message);
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeTcpAsync(client, cancellationToken);
                }
                finally
                {
                    client.Dispose();
                    _tcpSlots.Release();
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeTcpAsync(TcpClient client, CancellationToken cancellationToken)
    {
        try
        {
            var stream = client.GetStream();
            var prefix = new byte[2];
            while (!cancellationToken.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(TcpIdleTimeout);
                await stream.ReadExactlyAsync(prefix, idle.Token);
                var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length < 12)
                {
                    return;
                }

                var query = new byte[length];
                await stream.ReadExactlyAsync(query, idle.Token);
                var answer = await _handler.HandleAsync(query, udp: false, cancellationToken);
                if (answer is null)
                {
                    continue;
                }

                var output = new byte[answer.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)answer.Length);
                answer.CopyTo(output, 2);
                await stream.WriteAsync(output, idle.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
        {
            // Closed, idle or cancelled: the connection ends.
        }
    }
}
