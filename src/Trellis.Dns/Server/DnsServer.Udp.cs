using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Trellis.Dns.Server;

/// <summary>The UDP receive loops: batched system calls on 64-bit Linux, one datagram per call elsewhere.</summary>
public sealed partial class DnsServer
{
    /// <summary>How many datagrams one batched receive or send moves at most.</summary>
    private const int UdpBatchSize = 32;

    /// <summary>How long a batched loop waits for a datagram before it looks at the stop token again.</summary>
    private const int UdpIdleWaitMilliseconds = 250;

    /// <summary>ECONNREFUSED: a receive reporting the ICMP port-unreachable of an earlier answer.</summary>
    private const int ConnectionRefused = 111;

    private void StartUdpLoop(Socket socket, int number)
    {
        ThreadStart loop = _batchedUdp && LinuxDatagramBatch.IsSupported ? () => BatchedUdpLoop(socket) : () => UdpLoop(socket);
        var thread = new Thread(loop) { IsBackground = true, Name = $"dns-udp-{number}" };
        _threads.Add(thread);
        thread.Start();
    }

    /// <summary>
    /// The Linux loop: one <c>recvmmsg</c> takes every queued query (up to <see cref="UdpBatchSize"/>), they are
    /// answered in turn, and one <c>sendmmsg</c> returns the answers — a few system calls and at most one wake-up
    /// per batch instead of two calls and a wake-up per query, which is where the time went under load.
    /// Answers that do not complete synchronously (recursor forwards) are sent through the socket when done.
    /// </summary>
    private void BatchedUdpLoop(Socket socket)
    {
        var cancellationToken = _stop.Token;
        var handle = socket.SafeHandle;
        var addedRef = false;
        try
        {
            // Keeps the descriptor open (not reused by another socket) while this thread calls into libc with it.
            handle.DangerousAddRef(ref addedRef);
            var fd = (int)handle.DangerousGetHandle();
            using var batch = new LinuxDatagramBatch(UdpBatchSize);
            while (!cancellationToken.IsCancellationRequested)
            {
                var received = batch.Receive(fd, UdpIdleWaitMilliseconds);
                if (received < 0)
                {
                    // ICMP port unreachable from an earlier reply and the like: keep serving. Anything else that
                    // keeps failing must not spin a core, so it waits a moment first.
                    _logger.LogDebug("DNS UDP receive failed: errno {Errno}", -received);
                    if (-received != ConnectionRefused)
                    {
                        Thread.Sleep(1);
                    }

                    continue;
                }

                for (var slot = 0; slot < received; slot++)
                {
                    AnswerDatagram(socket, batch, slot, cancellationToken);
                }

                var sendError = batch.SendQueued(fd);
                if (sendError < 0)
                {
                    _logger.LogDebug("DNS UDP send failed: errno {Errno}", -sendError);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The server stopped before this loop took its reference.
        }
        finally
        {
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }
    }

    private void AnswerDatagram(Socket socket, LinuxDatagramBatch batch, int slot, CancellationToken cancellationToken)
    {
        try
        {
            // The handler may keep the packet (a forward to a recursor), so it gets its own copy.
            var task = _handler.HandleAsync(batch.Datagram(slot).ToArray(), udp: true, cancellationToken);
            if (task.IsCompleted)
            {
                var answer = task.GetAwaiter().GetResult();
                if (answer is not null)
                {
                    batch.QueueAnswer(slot, answer);
                }

                return;
            }

            var sender = batch.SenderAddress(slot);
            var address = new SocketAddress(_endpoint.AddressFamily, sender.Length);
            sender.CopyTo(address.Buffer.Span);
            _ = SendLaterAsync(socket, task, (IPEndPoint)LocalEndpoint.Create(address), cancellationToken);
        }
        catch (Exception ex)
        {
            // One datagram never ends the loop.
            _logger.LogDebug("DNS UDP reply: {Error}", ex.Message);
        }
    }

    /// <summary>
    /// A blocking receive loop on a dedicated thread: no async state machine per datagram. Answers that complete
    /// synchronously (every catalog lookup) are sent from this thread; ones that wait (recursors) are sent when done.
    /// </summary>
    private void UdpLoop(Socket socket)
    {
        var cancellationToken = _stop.Token;
        var buffer = new byte[65535];
        // One SocketAddress per loop, reused for every datagram: no endpoint allocation per query.
        var remote = new SocketAddress(_endpoint.AddressFamily);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // ICMP port unreachable from an earlier reply and the like: keep serving.
                _logger.LogDebug("DNS UDP receive: {Error}", ex.Message);
                continue;
            }

            try
            {
                // The handler may keep the packet (a forward to a recursor), so it gets its own copy.
                var task = _handler.HandleAsync(buffer.AsSpan(0, received).ToArray(), udp: true, cancellationToken);
                if (task.IsCompleted)
                {
                    var answer = task.GetAwaiter().GetResult();
                    if (answer is not null)
                    {
                        socket.SendTo(answer, SocketFlags.None, remote);
                    }
                }
                else
                {
                    var to = (IPEndPoint)LocalEndpoint.Create(remote);
                    _ = SendLaterAsync(socket, task, to, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not ObjectDisposedException)
            {
                // One datagram never ends the loop.
                _logger.LogDebug("DNS UDP reply: {Error}", ex.Message);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task SendLaterAsync(Socket socket, Task<byte[]?> pending, IPEndPoint to, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await pending;
            if (answer is not null)
            {
                await socket.SendToAsync(answer, SocketFlags.None, to, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            _logger.LogDebug("DNS UDP reply: {Error}", ex.Message);
        }
    }

}
