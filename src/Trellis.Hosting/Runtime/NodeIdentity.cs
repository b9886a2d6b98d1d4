using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Trellis.Agent;
using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Runtime;

/// <summary>Derives the agent's identity from its config: node ID (kept in the data dir), addresses, dev-mode defaults.</summary>
/// <remarks>Stateless; safe from any thread (file I/O only under the agent's own data dir).</remarks>
public static class NodeIdentity
{
    /// <summary>
    /// Dev mode is in-memory, server and bootstrap on 127.0.0.1 unless a bind address was given. The advertise address
    /// is left alone: when unset it follows the bind address (see <see cref="AdvertiseAddress"/>).
    /// </summary>
    public static AgentConfig ApplyDevMode(AgentConfig config) => !config.DevMode ? config : config with
    {
        Server = true,
        Bootstrap = true,
        DataDir = null,
        BindAddr = config.BindAddr == "0.0.0.0" ? "127.0.0.1" : config.BindAddr,
    };

    public static AgentIdentity Resolve(AgentConfig config) => new()
    {
        NodeName = config.NodeName,
        NodeId = NodeId(config),
        Datacenter = config.Datacenter,
        Server = config.Server,
        DevMode = config.DevMode,
        AdvertiseAddr = AdvertiseAddress(config),
        BindAddr = config.BindAddr,
        ClientAddr = config.ClientAddr,
        HttpPort = config.HttpPort,
        DnsPort = config.DnsPort,
        ServerPort = config.ServerPort,
    };

    /// <summary>The configured ID, else the one saved in <c>data_dir/node-id</c>, else a new UUID (saved when there is a data dir).</summary>
    public static string NodeId(AgentConfig config)
    {
        if (!string.IsNullOrWhiteSpace(config.NodeId))
        {
            return config.NodeId.Trim().ToLowerInvariant();
        }

        if (config.DataDir is null)
        {
            return Guid.NewGuid().ToString();
        }

        var path = Path.Combine(config.DataDir, "node-id");
        if (File.Exists(path))
        {
            var saved = File.ReadAllText(path).Trim();
            if (Guid.TryParse(saved, out _))
            {
                return saved;
            }
        }

        var id = Guid.NewGuid().ToString();
        Directory.CreateDirectory(config.DataDir);
        File.WriteAllText(path, id);
        return id;
    }

    /// <summary>The advertise address, else the bind address, else (bind 0.0.0.0) the first private IPv4 of an up interface.</summary>
    public static string AdvertiseAddress(AgentConfig config)
    {
        if (!string.IsNullOrWhiteSpace(config.AdvertiseAddr))
        {
            return config.AdvertiseAddr;
        }

        if (config.BindAddr != "0.0.0.0" && config.BindAddr != "::")
        {
            return config.BindAddr;
        }

        var candidate = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return candidate?.ToString() ?? "127.0.0.1";
    }
}
