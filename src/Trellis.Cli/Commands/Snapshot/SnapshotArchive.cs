using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary>
/// Reads a snapshot archive as <c>/v1/snapshot</c> returns it: a gzipped tar holding <c>meta.json</c>,
/// <c>state.bin</c> and <c>SHA256SUMS</c> ("hex  name" lines). Verifies every listed checksum.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class SnapshotArchive
{
    /// <summary>Reads and verifies the archive; throws <see cref="InvalidDataException"/> when it is not a valid one.</summary>
    public static async Task<SnapshotMeta> ReadAsync(Stream archive, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? sums = null;
        SnapshotMeta? meta = null;
        long? stateSize = null;
        try
        {
            var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                var reader = new TarReader(gzip);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.DataStream is null)
                        {
                            continue;
                        }

                        using var buffer = new MemoryStream();
                        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                        {
                            var chunk = new byte[81920];
                            int read;
                            long total = 0;
                            while ((read = await entry.DataStream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                            {
                                sha.AppendData(chunk, 0, read);
                                total += read;
                                if (entry.Name != "state.bin")
                                {
                                    buffer.Write(chunk, 0, read);
                                }
                            }

                            hashes[entry.Name] = Convert.ToHexStringLower(sha.GetHashAndReset());
                            if (entry.Name == "state.bin")
                            {
                                stateSize = total;
                            }
                        }

                        switch (entry.Name)
                        {
                            case "meta.json":
                                meta = JsonSerializer.Deserialize(buffer.ToArray(), CliJsonContext.Default.SnapshotMeta);
                                break;
                            case "SHA256SUMS":
                                sums = Encoding.UTF8.GetString(buffer.ToArray());
                                break;
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"failed to read snapshot archive: {ex.Message}", ex);
        }

        if (meta is null)
        {
            throw new InvalidDataException("snapshot archive has no meta.json");
        }

        if (stateSize is null)
        {
            throw new InvalidDataException("snapshot archive has no state.bin");
        }

        if (sums is null)
        {
            throw new InvalidDataException("snapshot archive has no SHA256SUMS");
        }

        Verify(sums, hashes);
        return meta;
    }

    private static void Verify(string sums, Dictionary<string, string> hashes)
    {
        var checkedFiles = 0;
        foreach (var line in sums.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"malformed SHA256SUMS line: {line}");
            }

            if (!hashes.TryGetValue(parts[1], out var actual))
            {
                throw new InvalidDataException($"file missing from snapshot archive: {parts[1]}");
            }

            if (!string.Equals(actual, parts[0], StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"hash check failed for \"{parts[1]}\"");
            }

            checkedFiles++;
        }

        if (checkedFiles == 0)
        {
            throw new InvalidDataException("SHA256SUMS lists no files");
        }
    }
}
