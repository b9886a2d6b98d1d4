using System.Reflection;

namespace Trellis.TestKit;

/// <summary>Finds the repository and the built <c>trellis.dll</c> relative to the running test assembly.</summary>
/// <remarks>Stateless apart from a lazily computed cache; safe to call from any thread.</remarks>
public static class RepoLayout
{
    /// <summary>Environment variable that overrides the path of the <c>trellis.dll</c> to start.</summary>
    public const string TrellisDllVariable = "TRELLIS_TEST_DLL";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the directory holding <c>Trellis.slnx</c>).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration =>
        typeof(RepoLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TrellisConfiguration")?.Value ?? "Debug";

    /// <summary>The <c>trellis.dll</c> built by <c>src/Trellis.Cli</c>; throws with a clear message when missing.</summary>
    public static string TrellisDll
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(TrellisDllVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                return File.Exists(overridden)
                    ? overridden
                    : throw new FileNotFoundException($"{TrellisDllVariable} points to a missing file", overridden);
            }

            var path = Path.Combine(RepoRoot, "src", "Trellis.Cli", "bin", Configuration, "net10.0", "trellis.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"trellis.dll not found at {path}; build src/Trellis.Cli with -c {Configuration} first", path);
        }
    }

    /// <summary>The dotnet host to run <c>trellis.dll</c> with (the SDK's when known, otherwise from PATH).</summary>
    public static string DotnetHost
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trellis.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Trellis.slnx above {AppContext.BaseDirectory}");
    }
}
