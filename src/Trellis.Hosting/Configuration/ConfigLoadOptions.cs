using Trellis.Core.Hcl;

namespace Trellis.Hosting.Configuration;

/// <summary>What the agent was told on its command line about where its configuration comes from.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ConfigLoadOptions
{
    /// <summary><c>-dev</c>: adds Consul's dev-mode defaults before any file and allows running without a data dir.</summary>
    public bool DevMode { get; init; }

    /// <summary><c>-config-file</c> and <c>-config-dir</c> paths in the order given; directories contribute their
    /// <c>.hcl</c>/<c>.json</c> files in lexical order.</summary>
    public IReadOnlyList<string> ConfigPaths { get; init; } = [];

    /// <summary>Settings from other command-line flags, as a tree of config keys; applied after all files.</summary>
    public HclObject? Flags { get; init; }

    /// <summary><c>-hcl</c> fragments, applied last, in order.</summary>
    public IReadOnlyList<string> HclFragments { get; init; } = [];
}
