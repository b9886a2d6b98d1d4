using System.Diagnostics.CodeAnalysis;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary>Opening a snapshot file for the snapshot verbs, with Consul's error text when it cannot be read.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class SnapshotFile
{
    public static bool TryOpenRead(string path, CommandIo io, [NotNullWhen(true)] out FileStream? stream)
    {
        try
        {
            stream = File.OpenRead(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"Error opening snapshot file: {ex.Message}");
            stream = null;
            return false;
        }
    }
}
