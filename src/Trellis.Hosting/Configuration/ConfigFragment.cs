using Trellis.Core.Operator;

namespace Trellis.Hosting.Configuration;

/// <summary>
/// What one source sets, already type-checked: null means "not set here". Merged in source order with
/// Consul's rules (agent/config/merge.go): a set scalar replaces, lists append.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal sealed record ConfigFragment
{
    public string? Datacenter { get; init; }
    public string? NodeName { get; init; }
    public string? NodeId { get; init; }
    public string? DataDir { get; init; }
    public bool? Server { get; init; }
    public bool? Bootstrap { get; init; }
    public string? BindAddr { get; init; }
    public string? ClientAddr { get; init; }
    public string? AdvertiseAddr { get; init; }
    public int? HttpPort { get; init; }
    public int? DnsPort { get; init; }
    public int? ServerPort { get; init; }
    public string? LogLevel { get; init; }
    public bool? LogJson { get; init; }
    public string? PidFile { get; init; }
    public bool? Ui { get; init; }
    public bool? UiConfigEnabled { get; init; }
    public string? UiContentPath { get; init; }
    public string? UiDir { get; init; }
    public int? KvMaxValueSize { get; init; }
    public int? TxnMaxReqLen { get; init; }
    public TimeSpan? SessionTtlMin { get; init; }
    public IReadOnlyList<string> RetryJoin { get; init; } = [];
    public IReadOnlyList<Trellis.Core.Services.ServiceDefinition> Services { get; init; } = [];
    public IReadOnlyList<Trellis.Core.Checks.CheckDefinition> Checks { get; init; } = [];
    public bool? EnableScriptChecks { get; init; }
    public bool? EnableLocalScriptChecks { get; init; }
    public TimeSpan? CheckUpdateInterval { get; init; }
    public int? CheckOutputMaxSize { get; init; }
    public string? Domain { get; init; }
    public string? AltDomain { get; init; }
    public string? DnsAddr { get; init; }
    public IReadOnlyList<string> Recursors { get; init; } = [];

    /// <summary><c>dns_config</c> settings of this source, applied in order onto the defaults.</summary>
    public IReadOnlyList<Func<Trellis.Dns.DnsOptions, Trellis.Dns.DnsOptions>> DnsConfig { get; init; } = [];

    /// <summary>Edits of the <c>autopilot</c> block, applied in file order.</summary>
    public IReadOnlyList<Func<AutopilotConfiguration, AutopilotConfiguration>> Autopilot { get; init; } = [];
    public TimeSpan? AeInterval { get; init; }

    /// <summary>Appends, keeping the (shared, empty) list when there is nothing to add so equal configs compare equal.</summary>
    private static IReadOnlyList<T> Append<T>(IReadOnlyList<T> first, IReadOnlyList<T> second) =>
        second.Count == 0 ? first : first.Count == 0 ? second : [.. first, .. second];

    public ConfigFragment MergeWith(ConfigFragment later) => new()
    {
        Datacenter = later.Datacenter ?? Datacenter,
        NodeName = later.NodeName ?? NodeName,
        NodeId = later.NodeId ?? NodeId,
        DataDir = later.DataDir ?? DataDir,
        Server = later.Server ?? Server,
        Bootstrap = later.Bootstrap ?? Bootstrap,
        BindAddr = later.BindAddr ?? BindAddr,
        ClientAddr = later.ClientAddr ?? ClientAddr,
        AdvertiseAddr = later.AdvertiseAddr ?? AdvertiseAddr,
        HttpPort = later.HttpPort ?? HttpPort,
        DnsPort = later.DnsPort ?? DnsPort,
        ServerPort = later.ServerPort ?? ServerPort,
        LogLevel = later.LogLevel ?? LogLevel,
        LogJson = later.LogJson ?? LogJson,
        PidFile = later.PidFile ?? PidFile,
        Ui = later.Ui ?? Ui,
        UiConfigEnabled = later.UiConfigEnabled ?? UiConfigEnabled,
        UiContentPath = later.UiContentPath ?? UiContentPath,
        UiDir = later.UiDir ?? UiDir,
        KvMaxValueSize = later.KvMaxValueSize ?? KvMaxValueSize,
        TxnMaxReqLen = later.TxnMaxReqLen ?? TxnMaxReqLen,
        SessionTtlMin = later.SessionTtlMin ?? SessionTtlMin,
        RetryJoin = [.. RetryJoin, .. later.RetryJoin],
        Services = Append(Services, later.Services),
        Checks = Append(Checks, later.Checks),
        EnableScriptChecks = later.EnableScriptChecks ?? EnableScriptChecks,
        EnableLocalScriptChecks = later.EnableLocalScriptChecks ?? EnableLocalScriptChecks,
        CheckUpdateInterval = later.CheckUpdateInterval ?? CheckUpdateInterval,
        CheckOutputMaxSize = later.CheckOutputMaxSize ?? CheckOutputMaxSize,
        AeInterval = later.AeInterval ?? AeInterval,
        Domain = later.Domain ?? Domain,
        AltDomain = later.AltDomain ?? AltDomain,
        DnsAddr = later.DnsAddr ?? DnsAddr,
        Recursors = Append(Recursors, later.Recursors),
        DnsConfig = Append(DnsConfig, later.DnsConfig),
        Autopilot = Append(Autopilot, later.Autopilot),
    };
}
