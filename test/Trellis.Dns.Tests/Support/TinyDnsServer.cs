using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Trellis.Dns.Tests.Support;

/// <summary>
/// A real upstream for recursor tests: a UDP DNS server on loopback that answers every query with one A record
/// (its <see cref="Answer"/>) for the asked name, and counts what it received.
/// </summary>
public sealed class TinyDnsServer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    public TinyDnsServer(IPAddress answer, bool silent = false)
    {
        Answer = answer;
        _loop = Task.Run(() => LoopAsync(silent));
    }

    public IPAddress Answer { get; }

    public IPEndPoint Endpoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public int Received => Volatile.Read(ref _received);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(bool silent)
    {
        while (!_stop.IsCancellationRequested)
        {
            var received = await _udp.ReceiveAsync(_stop.Token);
            Interlocked.Increment(ref _received);
            if (silent)
            {
                continue;
            }

            var query = received.Buffer;
            // Header + question as sent (no OPT), then one A record pointing back at the question name.
            var questionEnd = 12;
            while (query[questionEnd] != 0)
            {
                questionEnd += query[questionEnd] + 1;
            }

            questionEnd += 5;
            var answer = new List<byte>(query[..questionEnd]);
            answer[2] = 0x81;
            answer[3] = 0x80;
            answer[6] = 0;
            answer[7] = 1;
            answer[10] = 0;
            answer[11] = 0;
            answer.AddRange([0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
            answer.AddRange(Answer.GetAddressBytes());
            await _udp.SendAsync(answer.ToArray(), received.RemoteEndPoint, _stop.Token);
        }
    }
}
