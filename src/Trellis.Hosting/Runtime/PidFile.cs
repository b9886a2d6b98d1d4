using System.Globalization;

namespace Trellis.Hosting.Runtime;

/// <summary>Writes and removes the agent's pid file (<c>pid_file</c>).</summary>
/// <remarks>Stateless; called by the host's start/stop path only.</remarks>
public static class PidFile
{
    public static void Write(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    public static void Remove(string? path)
    {
        if (!string.IsNullOrWhiteSpace(path) && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
