namespace Trellis.Cli.Commands.Version;

/// <summary>What <c>trellis version</c> reports; the JSON shape is Consul's (Version, Revision, Prerelease, BuildDate, RPC).</summary>
public sealed record VersionInfo
{
    public required string Version { get; init; }

    public string Revision { get; init; } = "";

    public string Prerelease { get; init; } = "";

    public DateTimeOffset? BuildDate { get; init; }

    /// <summary>The Consul release whose API, CLI and config Trellis follows.</summary>
    public required string ConsulCompatibility { get; init; }

    public required RpcVersionInfo RPC { get; init; }
}
