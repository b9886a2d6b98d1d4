using System.Net;
using System.Net.Sockets;

namespace Trellis.TestKit;

/// <summary>
/// Hands out loopback addresses (a distinct 127.0.0.x per agent, so even ports we do not choose cannot
/// collide) and free ports found by binding port 0.
/// </summary>
/// <remarks>Thread-safe: allocation is guarded by a lock.</remarks>
public static class Loopback
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> HandedOut = [];
    private static int _nextHost = 2 + (Environment.ProcessId * 37 % 200);

    /// <summary>The next 127.0.0.x address (x in 2..254), cycling; the start depends on the process id.</summary>
    public static IPAddress NextAddress()
    {
        lock (Gate)
        {
            var host = _nextHost;
            _nextHost = _nextHost >= 254 ? 2 : _nextHost + 1;
            return new IPAddress([127, 0, 0, (byte)host]);
        }
    }

    /// <summary>A port free for both TCP and UDP on <paramref name="address"/> that this process has not handed out before.</summary>
    public static int FreePort(IPAddress address)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException)
            {
                continue;
            }

            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP+UDP port on {address} after 100 attempts");
    }
}
