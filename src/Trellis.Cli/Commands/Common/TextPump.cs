namespace Trellis.Cli.Commands.Common;

/// <summary>Copies a child process's output to one of our writers as it comes, whole chunks at a time.</summary>
/// <remarks>Thread-safe towards the writer: several pumps may share it (chunks never interleave).</remarks>
public static class TextPump
{
    public static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (to)
            {
                to.Write(buffer, 0, read);
                to.Flush();
            }
        }
    }
}
