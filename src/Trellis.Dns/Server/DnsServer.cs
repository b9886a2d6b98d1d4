using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Trellis.Core.Rpc;
using Trellis.Dns.Resolution;

namespace Trellis.Dns.Server;

/// <summary>
/// The DNS listeners: one UDP socket per core bound with SO_REUSEPORT (one blocking receive thread each; one
/// socket shared by a few threads where the option is refused) and one TCP listener on the same address and port.
/// TCP connections carry any number of length-prefixed queries, are closed after an idle timeout, and are capped
/// in number; a connection that sends a bad length is closed.
/// </summary>
/// <remarks>
/// <see cref="Start"/> once, then <see cref="DisposeAsync"/> once; <see cref="DisposeAsync"/> cancels every loop
/// and waits for them. Lookups run concurrently on the thread pool.
/// </remarks>
public sealed partial class DnsServer : IAsyncDisposable
{
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);
    private const int MaxTcpConnections = 512;

    private readonly IPEndPoint _endpoint;
    private readonly IServerRpc _rpc;
    private volatile DnsRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly SemaphoreSlim _tcpSlots = new(MaxTcpConnections, MaxTcpConnections);
    private readonly List<Socket> _udp = [];
    private readonly List<Thread> _threads = [];
    private readonly bool _batchedUdp = true;
    private bool _reusePort;
    private TcpListener? _tcp;

    public DnsServer(IPEndPoint endpoint, IServerRpc rpc, DnsOptions options, ILogger logger, IPreparedQueryDns? preparedQueries = null)
    {
        _endpoint = endpoint;
        _logger = logger;
        _rpc = rpc;
        _handler = new DnsRequestHandler(new DnsResolver(rpc, options, preparedQueries), options, logger);
    }

    /// <summary>
    /// Applies new options (Consul reloads <c>recursors</c> and <c>dns_config</c> on SIGHUP): queries that arrive after
    /// this call are answered with them, queries in flight finish with the old ones. Throws
    /// <see cref="FormatException"/> for a bad recursor address and then changes nothing.
    /// </summary>
    public void Reload(DnsOptions options, IPreparedQueryDns? preparedQueries = null) =>
        _handler = new DnsRequestHandler(new DnsResolver(_rpc, options, preparedQueries), options, _logger);

    /// <summary>
    /// Whether UDP uses batched receives and sends (<c>recvmmsg</c>/<c>sendmmsg</c>) where the platform has them
    /// (64-bit Linux); false forces one system call per datagram everywhere. Set before <see cref="Start"/>.
    /// </summary>
    public bool BatchedUdp
    {
        get => _batchedUdp;
        init => _batchedUdp = value;
    }

    /// <summary>The packet path both transports use (replaced by <see cref="Reload"/>).</summary>
    public DnsRequestHandler Handler => _handler;

    /// <summary>The UDP endpoint as bound (useful with port 0: TCP is bound on the same port).</summary>
    public IPEndPoint LocalEndpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>How many UDP sockets are bound (one per core with SO_REUSEPORT, else 1).</summary>
    public int UdpSocketCount => _udp.Count;

    /// <summary>Binds UDP then TCP on the same port and starts serving.</summary>
    public void Start()
    {
        var wanted = Math.Clamp(Environment.ProcessorCount, 2, 8);
        // With port 0 the UDP port is picked first and TCP must get the same one: retry a few picks if it is taken.
        // The TCP listener is bound without SO_REUSEPORT, so a second process on the same port still fails here
        // rather than silently sharing the UDP port.
        for (var attempt = 0; ; attempt++)
        {
            var first = NewUdpSocket(out var reusePort);
            first.Bind(_endpoint);
            LocalEndpoint = (IPEndPoint)first.LocalEndPoint!;
            _tcp = new TcpListener(new IPEndPoint(_endpoint.Address, LocalEndpoint.Port));
            try
            {
                _tcp.Start(256);
                _udp.Add(first);
                _reusePort = reusePort;
                break;
            }
            catch (SocketException)
            {
                first.Dispose();
                if (_endpoint.Port != 0 || attempt >= 20)
                {
                    throw;
                }
            }
        }

        // One socket per core, each with its own receive thread: the kernel spreads datagrams over them.
        for (var i = 1; _reusePort && i < wanted; i++)
        {
            var extra = NewUdpSocket(out _);
            try
            {
                extra.Bind(LocalEndpoint);
                _udp.Add(extra);
            }
            catch (SocketException ex)
            {
                extra.Dispose();
                _logger.LogDebug("DNS: extra SO_REUSEPORT socket refused, serving with {Count}: {Error}", _udp.Count, ex.Message);
                break;
            }
        }

        // Without SO_REUSEPORT several threads block on the one socket.
        var threads = _udp.Count > 1 ? _udp.Count : wanted;
        for (var i = 0; i < threads; i++)
        {
            StartUdpLoop(_udp[i % _udp.Count], i);
        }

        _loops.Add(Task.Run(() => TcpAcceptLoopAsync(_stop.Token)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var socket in _udp)
        {
            socket.Dispose();
        }

        _tcp?.Stop();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("DNS listeners stopped: {Error}", ex.Message);
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _stop.Dispose();
    }

    private Socket NewUdpSocket(out bool reusePort)
    {
        var socket = new Socket(_endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        reusePort = false;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD() || OperatingSystem.IsMacOS())
        {
            try
            {
                // SOL_SOCKET / SO_REUSEPORT: 1 / 15 on Linux, 0xffff / 0x200 on the BSDs and macOS.
                var (level, name) = OperatingSystem.IsLinux() ? (1, 15) : (0xffff, 0x200);
                socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
                reusePort = true;
            }
            catch (SocketException ex)
            {
                _logger.LogDebug("DNS: SO_REUSEPORT refused, one UDP socket: {Error}", ex.Message);
            }
        }

        return socket;
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
