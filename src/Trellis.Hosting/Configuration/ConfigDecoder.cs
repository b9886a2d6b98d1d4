using System.Text.RegularExpressions;
using Trellis.Core.Formats;
using Trellis.Agent.Local;
using Trellis.Core.Hcl;

namespace Trellis.Hosting.Configuration;

/// <summary>
/// Maps one source's tree of Consul snake_case keys onto a <see cref="ConfigFragment"/>, rejecting unknown keys and
/// bad values with the source name, line and key. Keys of later features are accepted and ignored only when listed
/// in <see cref="IgnoredTopLevel"/> (and the per-block lists).
/// </summary>
/// <remarks>Not thread-safe; one instance decodes one source.</remarks>
internal sealed partial class ConfigDecoder
{
    /// <summary>Consul keys this version reads but does not act on yet.</summary>
    internal static readonly HashSet<string> IgnoredTopLevel = new(StringComparer.Ordinal)
    {
        "acl", "advertise_addr_wan", "auto_encrypt", "bootstrap_expect", "ca_file", "cert_file",
        "connect", "disable_update_check",
        "encrypt", "key_file", "leave_on_terminate", "log_file", "node_meta", "performance",
        "primary_datacenter", "rejoin_after_leave", "retry_interval",
        "skip_leave_on_interrupt", "start_join", "telemetry", "tls", "verify_incoming", "verify_outgoing",
    };

    private static readonly HashSet<string> IgnoredPorts = new(StringComparer.Ordinal)
    {
        "https", "grpc", "grpc_tls", "serf_lan", "serf_wan", "sidecar_min_port", "sidecar_max_port", "expose_min_port", "expose_max_port",
    };

    private static readonly HashSet<string> IgnoredLimits = new(StringComparer.Ordinal)
    {
        "http_max_conns_per_client", "https_handshake_timeout", "request_limits", "rpc_client_timeout",
        "rpc_handshake_timeout", "rpc_max_burst", "rpc_max_conns_per_client", "rpc_rate",
    };

    private static readonly HashSet<string> IgnoredUiConfig = new(StringComparer.Ordinal)
    {
        "dashboard_url_templates", "metrics_provider", "metrics_provider_files",
        "metrics_provider_options_json", "metrics_proxy",
    };

    /// <summary>Log levels Consul accepts (case-insensitive).</summary>
    internal static readonly string[] LogLevels = ["trace", "debug", "info", "warn", "err", "error"];

    private readonly string _source;

    public ConfigDecoder(string source)
    {
        _source = source;
    }

    public static ConfigFragment Decode(ConfigSource source) => new ConfigDecoder(source.Name).DecodeRoot(source.Parse());

    public ConfigFragment DecodeRoot(HclObject root)
    {
        var f = new ConfigFragment();
        foreach (var (key, value) in root.Entries)
        {
            var line = root.PositionOf(key).Line;
            f = key switch
            {
                "datacenter" => f with { Datacenter = Datacenter(value, key) },
                "node_name" => f with { NodeName = String(value, key) },
                "node_id" => f with { NodeId = NodeId(value, key) },
                "data_dir" => f with { DataDir = String(value, key) },
                "server" => f with { Server = Bool(value, key) },
                "bootstrap" => f with { Bootstrap = Bool(value, key) },
                "bind_addr" => f with { BindAddr = String(value, key) },
                "client_addr" => f with { ClientAddr = String(value, key) },
                "advertise_addr" => f with { AdvertiseAddr = String(value, key) },
                "log_level" => f with { LogLevel = LogLevel(value, key) },
                "log_json" => f with { LogJson = Bool(value, key) },
                "pid_file" => f with { PidFile = String(value, key) },
                "ui" => f with { Ui = Bool(value, key) },
                "session_ttl_min" => f with { SessionTtlMin = Duration(value, key) },
                "retry_join" => f with { RetryJoin = StringList(value, key) },
                "service" or "services" => f with { Services = [.. f.Services, .. Definitions(value, key, DefinitionJson.DecodeService)] },
                "check" or "checks" => f with { Checks = [.. f.Checks, .. Definitions(value, key, DefinitionJson.DecodeCheck)] },
                "enable_script_checks" => f with { EnableScriptChecks = Bool(value, key) },
                "enable_local_script_checks" => f with { EnableLocalScriptChecks = Bool(value, key) },
                "check_update_interval" => f with { CheckUpdateInterval = Duration(value, key) },
                "check_output_max_size" => f with { CheckOutputMaxSize = PositiveInt(value, key) },
                "ae_interval" => f with { AeInterval = Duration(value, key) },
                "ports" => DecodeBlock(f, value, key, IgnoredPorts, DecodePort),
                "limits" => DecodeBlock(f, value, key, IgnoredLimits, DecodeLimit),
                "ui_config" => DecodeBlock(f, value, key, IgnoredUiConfig, DecodeUiConfig),
                "domain" => f with { Domain = DnsDomain(value, key) },
                "alt_domain" => f with { AltDomain = DnsDomain(value, key) },
                "recursors" => f with { Recursors = [.. f.Recursors, .. Recursors(value, key)] },
                "addresses" => DecodeBlock(f, value, key, IgnoredAddresses, DecodeAddress),
                "dns_config" => DecodeBlock(f, value, key, IgnoredDnsConfig, DecodeDnsConfig),
                "autopilot" => DecodeBlock(f, value, key, NoIgnoredKeys, DecodeAutopilot),
                _ when IgnoredTopLevel.Contains(key) => f,
                _ => throw Error(line, key, $"invalid config key {key}"),
            };
        }

        return f;
    }

    private ConfigFragment DecodePort(ConfigFragment f, string key, HclValue value, string path) => key switch
    {
        "http" => f with { HttpPort = Port(value, path, allowDisabled: true) },
        "dns" => f with { DnsPort = Port(value, path, allowDisabled: true) },
        "server" => f with { ServerPort = Port(value, path, allowDisabled: false) },
        _ => throw new KeyNotFoundException(),
    };

    private ConfigFragment DecodeLimit(ConfigFragment f, string key, HclValue value, string path) => key switch
    {
        "kv_max_value_size" => f with { KvMaxValueSize = PositiveInt(value, path) },
        "txn_max_req_len" => f with { TxnMaxReqLen = PositiveInt(value, path) },
        _ => throw new KeyNotFoundException(),
    };

    private ConfigFragment DecodeUiConfig(ConfigFragment f, string key, HclValue value, string path) => key switch
    {
        "enabled" => f with { UiConfigEnabled = Bool(value, path) },
        "content_path" => f with { UiContentPath = String(value, path) },
        "dir" => f with { UiDir = String(value, path) },
        _ => throw new KeyNotFoundException(),
    };

    private ConfigFragment DecodeBlock(
        ConfigFragment f,
        HclValue value,
        string name,
        HashSet<string> ignored,
        Func<ConfigFragment, string, HclValue, string, ConfigFragment> decodeKey)
    {
        // Consul compat: HCL1 hands blocks over as lists of objects; repeated blocks merge in order.
        var objects = value switch
        {
            HclObject o => [o],
            HclList l when l.Items.All(i => i is HclObject) => l.Items.Cast<HclObject>().ToArray(),
            _ => throw TypeError(value, name, "object"),
        };

        foreach (var obj in objects)
        {
            foreach (var (key, item) in obj.Entries)
            {
                var path = $"{name}.{key}";
                if (ignored.Contains(key))
                {
                    continue;
                }

                try
                {
                    f = decodeKey(f, key, item, path);
                }
                catch (KeyNotFoundException)
                {
                    throw Error(obj.PositionOf(key).Line, path, $"invalid config key {path}");
                }
            }
        }

        return f;
    }

    /// <summary>
    /// A <c>service</c>/<c>check</c> block (one object, or a list of them: repeated blocks and the plural keys) decoded
    /// like an HTTP body; a bad field is a config error naming the source and line.
    /// </summary>
    private IReadOnlyList<T> Definitions<T>(HclValue value, string key, Func<System.Text.Json.Nodes.JsonNode, T> decode)
    {
        var objects = value switch
        {
            HclObject o => [o],
            HclList l when l.Items.All(i => i is HclObject) => l.Items.Cast<HclObject>().ToArray(),
            _ => throw TypeError(value, key, "object"),
        };

        var list = new List<T>();
        foreach (var obj in objects)
        {
            try
            {
                list.Add(decode(HclJsonTree.ToJson(obj)!));
            }
            catch (Trellis.Core.Errors.InvalidRequestException ex)
            {
                var reason = ex.Message.StartsWith("Request decode failed: ", StringComparison.Ordinal) ? ex.Message["Request decode failed: ".Length..] : ex.Message;
                throw Error(obj.Line, key, $"{key}: {reason}");
            }
        }

        return list;
    }

    private string String(HclValue value, string key) =>
        value is HclScalar { Kind: HclScalarKind.String } s ? s.AsString : throw TypeError(value, key, "string");

    private bool Bool(HclValue value, string key) =>
        value is HclScalar { Kind: HclScalarKind.Bool } s ? s.AsBool : throw TypeError(value, key, "bool");

    private long Int(HclValue value, string key) =>
        value is HclScalar { Kind: HclScalarKind.Int } s ? s.AsInt : throw TypeError(value, key, "int");

    private int Port(HclValue value, string key, bool allowDisabled)
    {
        var port = Int(value, key);
        // Consul compat: -1 disables the HTTP or DNS listener.
        if ((port is < 1 or > 65535) && !(allowDisabled && port == -1))
        {
            throw Error(value.Line, key, $"{key}: invalid port {port}: must be between 1 and 65535{(allowDisabled ? " (or -1 to disable)" : "")}");
        }

        return (int)port;
    }

    private int PositiveInt(HclValue value, string key)
    {
        var n = Int(value, key);
        return n is < 1 or > int.MaxValue
            ? throw Error(value.Line, key, $"{key}: {n} is out of range: must be between 1 and {int.MaxValue}")
            : (int)n;
    }

    private TimeSpan Duration(HclValue value, string key)
    {
        var text = String(value, key);
        return GoDuration.TryParse(text, out var d) && d >= TimeSpan.Zero
            ? d
            : throw Error(value.Line, key, $"{key}: invalid duration \"{text}\"");
    }

    private IReadOnlyList<string> StringList(HclValue value, string key) => value switch
    {
        HclList list => list.Items.Select(i => String(i, key)).ToArray(),
        // Consul compat: a single string where a list is expected is taken as a one-element list.
        HclScalar { Kind: HclScalarKind.String } s => [s.AsString],
        _ => throw TypeError(value, key, "list"),
    };

    private string Datacenter(HclValue value, string key)
    {
        // Consul compat: the datacenter is lower-cased before it is checked.
        var dc = String(value, key).ToLowerInvariant();
        return DatacenterPattern().IsMatch(dc)
            ? dc
            : throw Error(value.Line, key, $"datacenter cannot be \"{dc}\". Please use only [a-z0-9-_]");
    }

    private string NodeId(HclValue value, string key)
    {
        var id = String(value, key);
        return Guid.TryParseExact(id, "D", out _)
            ? id.ToLowerInvariant()
            : throw Error(value.Line, key, $"node_id: \"{id}\" is not a valid UUID");
    }

    private string LogLevel(HclValue value, string key)
    {
        var level = String(value, key).ToLowerInvariant();
        return LogLevels.Contains(level)
            ? level
            : throw Error(value.Line, key, $"log_level: invalid log level \"{level}\": must be one of {string.Join(", ", LogLevels)}");
    }

    private ConfigException TypeError(HclValue value, string key, string expected) =>
        Error(value.Line, key, $"{key}: expected type '{expected}', got '{value.TypeName}'");

    private ConfigException Error(int line, string key, string message) =>
        new(line > 0 ? $"Error parsing {_source}: line {line}: {message}" : $"Error parsing {_source}: {message}", _source, line, key);

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex DatacenterPattern();
}
