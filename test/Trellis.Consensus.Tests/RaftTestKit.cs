using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trellis.Consensus.Tests;

/// <summary>Free ports, temp dirs and bounded waits for the consensus tests.</summary>
/// <remarks>Stateless helpers; safe from any test thread.</remarks>
internal static class RaftTestKit
{
    public static IPEndPoint FreeEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new IPEndPoint(IPAddress.Loopback, port);
    }

    public static RaftNodeOptions Options(string? dataDir, bool bootstrap = true, long snapshotThreshold = 16_384) => new()
    {
        NodeId = "6c2a3c52-0000-4000-8000-000000000001",
        NodeName = "node1",
        Endpoint = FreeEndpoint(),
        DataDir = dataDir,
        Bootstrap = bootstrap,
        SnapshotThreshold = snapshotThreshold,
    };

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}");
            await Task.Delay(20);
        }
    }

    public static Task WaitForLeaderAsync(ReplicatedLog log) => WaitUntilAsync(() => log.IsLeader, TimeSpan.FromSeconds(15), "leadership");
}

/// <summary>A temp directory deleted on dispose.</summary>
/// <remarks>Owned by one test.</remarks>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trellis-consensus-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
