using Trellis.Core.Services;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Services;

/// <summary>
/// Reads service definitions from agent configuration files (HCL or JSON), as <c>consul services register</c> does:
/// the files are loaded and validated as a dev-mode agent configuration by the agent's own loader, and its
/// <c>service</c>/<c>services</c> blocks are the result.
/// </summary>
/// <remarks>Stateless; safe from any thread. Reads files synchronously.</remarks>
public static class ServiceFiles
{
    /// <summary>The services the files define, in file order; throws <see cref="ConfigException"/> on bad files.</summary>
    public static IReadOnlyList<ServiceDefinition> Read(IReadOnlyList<string> paths)
    {
        var sources = paths.SelectMany(ConfigLoader.ReadPath).ToList();
        // Consul compat: dev mode gives a valid base so that only the services matter (dev mode defines none).
        return ConfigLoader.Build(sources, devMode: true).Services;
    }
}
