using System.Net;
using System.Net.Sockets;
using Trellis.TestKit;

namespace Trellis.IntegrationTests.TestKit;

/// <summary>The TestKit's address and port allocation (no agent needed).</summary>
public sealed class LoopbackTests
{
    [Fact]
    public void NextAddress_ManyCalls_AreLoopbackAndDistinctWithinACycle()
    {
        var addresses = Enumerable.Range(0, 50).Select(_ => Loopback.NextAddress()).ToList();

        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a), a.ToString()));
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
    }

    [Fact]
    public void FreePort_ManyCalls_AreDistinctAndBindable()
    {
        var address = Loopback.NextAddress();

        var ports = Enumerable.Range(0, 20).Select(_ => Loopback.FreePort(address)).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        foreach (var port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
        }
    }
}
