using System.Text;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Kv;

/// <summary>Consul's DATA argument forms: "@path" reads a file, "-" reads standard input, anything else is literal.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class KvData
{
    public static async Task<byte[]> ReadAsync(string data, CommandIo io, CancellationToken cancellationToken)
    {
        if (data.Length == 0)
        {
            return [];
        }

        if (data[0] == '@')
        {
            try
            {
                return await File.ReadAllBytesAsync(data[1..], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KvDataException($"Failed to read file: {ex.Message}", ex);
            }
        }

        if (data == "-")
        {
            try
            {
                var stdin = io.OpenStdin();
                await using (stdin.ConfigureAwait(false))
                {
                    using var buffer = new MemoryStream();
                    await stdin.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    return buffer.ToArray();
                }
            }
            catch (IOException ex)
            {
                throw new KvDataException($"Failed to read stdin: {ex.Message}", ex);
            }
        }

        return Encoding.UTF8.GetBytes(data);
    }
}
