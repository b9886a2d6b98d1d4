using Trellis.Cli.Flags;
using Trellis.Core.Hcl;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Agent;

/// <summary>
/// The <c>agent</c> verb's flags (Consul's names) and their translation into a <see cref="ConfigLoadOptions"/>:
/// flags that set config keys become the command-line source, applied after every config file.
/// </summary>
/// <remarks>Not thread-safe; one instance parses one command line.</remarks>
public sealed class AgentFlags
{
    private readonly FlagSet _set = new("agent");
    private readonly FlagValue<bool> _dev;
    private readonly FlagValue<IReadOnlyList<string>> _hcl;
    private readonly List<(string Flag, string Key, Func<HclValue> Value)> _keys = [];

    public AgentFlags()
    {
        _dev = _set.Bool("dev", "Starts the agent in development mode.");
        Bool("server", "server", "Switches agent to server mode.");
        Bool("bootstrap", "bootstrap", "Sets server to bootstrap mode.");
        String("data-dir", "data_dir", "Path to a data directory to store agent state.");
        String("node", "node_name", "Name of this node. Must be unique in the cluster.");
        String("node-id", "node_id", "A unique ID for this node across space and time. Defaults to a randomly-generated ID that persists in the data-dir.");
        String("datacenter", "datacenter", "Datacenter of the agent.");
        String("bind", "bind_addr", "Sets the bind address for cluster communication.");
        String("client", "client_addr", "Sets the address to bind for client access. This includes RPC, DNS, HTTP, HTTPS and gRPC (if configured).");
        String("advertise", "advertise_addr", "Sets the advertise address to use.");
        Int("http-port", "ports.http", "Sets the HTTP API port to listen on.");
        Int("dns-port", "ports.dns", "DNS port to use.");
        Int("server-port", "ports.server", "Sets the server port to listen on.");
        _set.StringList("config-file", "Path to a file in JSON or HCL format with a matching file extension. Can be specified multiple times.");
        _set.StringList("config-dir", "Path to a directory to read configuration files from. This will read every file ending in '.json' or '.hcl' as configuration in this directory in alphabetical order. Can be specified multiple times.");
        String("pid-file", "pid_file", "Path to file to store agent PID.");
        String("log-level", "log_level", "Log level of the agent.");
        Bool("log-json", "log_json", "Output logs in JSON format.");
        Bool("ui", "ui_config.enabled", "Enables the built-in static web UI server.");
        String("ui-content-path", "ui_config.content_path", "Sets the external UI path to a string. Defaults to: /ui/");
        String("ui-dir", "ui_config.dir", "Path to directory containing the web UI resources.");
        var retryJoin = _set.StringList("retry-join", "Address of an agent to join at start time with retries enabled. Can be specified multiple times.");
        _keys.Add(("retry-join", "retry_join", () => new HclList([.. retryJoin.Value.Select(v => (HclValue)HclScalar.String(v))])));
        _hcl = _set.StringList("hcl", "hcl config fragment. Can be specified multiple times.");
    }

    public IEnumerable<Flag> Flags => _set.Flags;

    /// <summary>Arguments left after the flags (the agent takes none).</summary>
    public IReadOnlyList<string> Arguments => _set.Arguments;

    /// <summary>Parses the command line; throws <see cref="FlagParseException"/> with Go's wording.</summary>
    public ConfigLoadOptions Parse(IReadOnlyList<string> args)
    {
        _set.Parse(args);
        var root = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        var nested = new Dictionary<string, Dictionary<string, HclValue>>(StringComparer.Ordinal);
        foreach (var (flag, key, value) in _keys)
        {
            if (!_set.IsSet(flag))
            {
                continue;
            }

            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                root[key] = value();
            }
            else
            {
                if (!nested.TryGetValue(key[..dot], out var block))
                {
                    nested[key[..dot]] = block = new(StringComparer.Ordinal);
                }

                block[key[(dot + 1)..]] = value();
            }
        }

        foreach (var (name, block) in nested)
        {
            root[name] = new HclObject(block);
        }

        return new ConfigLoadOptions
        {
            DevMode = _dev.Value,
            ConfigPaths = ConfigPathsInOrder(args),
            Flags = new HclObject(root),
            HclFragments = _hcl.Value,
        };
    }

    /// <summary>
    /// <c>-config-file</c> and <c>-config-dir</c> share one ordered list in Consul, so a file given after a directory
    /// overrides it; recover that order from the raw arguments (already validated by <see cref="FlagSet.Parse"/>).
    /// </summary>
    private List<string> ConfigPathsInOrder(IReadOnlyList<string> args)
    {
        var bools = _set.Flags.Where(f => f.IsBool).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var paths = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--" || arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            var body = arg[1] == '-' ? arg[2..] : arg[1..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? body : body[..eq];
            string? value = eq >= 0 ? body[(eq + 1)..] : null;
            if (value is null && !bools.Contains(name) && i + 1 < args.Count)
            {
                value = args[++i];
            }

            if (name is "config-file" or "config-dir" && value is not null)
            {
                paths.Add(value);
            }
        }

        return paths;
    }

    private void Bool(string flag, string key, string usage)
    {
        var f = _set.Bool(flag, usage);
        _keys.Add((flag, key, () => HclScalar.Bool(f.Value)));
    }

    private void String(string flag, string key, string usage)
    {
        var f = _set.String(flag, usage);
        _keys.Add((flag, key, () => HclScalar.String(f.Value ?? "")));
    }

    private void Int(string flag, string key, string usage)
    {
        var f = _set.Int(flag, usage);
        _keys.Add((flag, key, () => HclScalar.Int(f.Value)));
    }
}
