using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Trellis.Core.Snapshots;

/// <summary>
/// The snapshot archive format shared by the server (<c>/v1/snapshot</c>) and the CLI (<c>snapshot inspect</c>):
/// a gzip-compressed tar holding <c>meta.json</c>, <c>state.bin</c> and <c>SHA256SUMS</c> (sha256sum format), as Consul writes it.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class SnapshotArchive
{
    public const string MetaFileName = "meta.json";
    public const string StateFileName = "state.bin";
    public const string SumsFileName = "SHA256SUMS";

    /// <summary>Largest archive member accepted when reading (guards against hostile archives).</summary>
    public const long MaxMemberSize = 1L << 31;

    /// <summary>Writes an archive of <paramref name="state"/> described by <paramref name="meta"/> to <paramref name="destination"/>.</summary>
    public static async Task WriteAsync(Stream destination, SnapshotMeta meta, ReadOnlyMemory<byte> state, CancellationToken cancellationToken)
    {
        var metaBytes = JsonSerializer.SerializeToUtf8Bytes(meta with { Size = state.Length }, SnapshotJsonContext.Default.SnapshotMeta);
        var sums = new StringBuilder()
            .Append(Hex(metaBytes)).Append("  ").Append(MetaFileName).Append('\n')
            .Append(Hex(state.Span)).Append("  ").Append(StateFileName).Append('\n')
            .ToString();

        var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                await WriteEntryAsync(tar, MetaFileName, metaBytes, now, cancellationToken).ConfigureAwait(false);
                await WriteEntryAsync(tar, StateFileName, state, now, cancellationToken).ConfigureAwait(false);
                await WriteEntryAsync(tar, SumsFileName, Encoding.ASCII.GetBytes(sums), now, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads and verifies an archive. Throws <see cref="InvalidDataException"/> when it is not a gzip'd tar, a member
    /// is missing, a checksum does not match or the metadata is unreadable.
    /// </summary>
    public static async Task<SnapshotContents> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                var tar = new TarReader(gzip, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                        {
                            continue;
                        }

                        if (entry.Length > MaxMemberSize)
                        {
                            throw new InvalidDataException($"archive member {entry.Name} is too large");
                        }

                        using var buffer = new MemoryStream();
                        if (entry.DataStream is not null)
                        {
                            await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                        }

                        files[entry.Name] = buffer.ToArray();
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"failed to read snapshot archive: {e.Message}", e);
        }

        return Verify(files);
    }

    private static SnapshotContents Verify(Dictionary<string, byte[]> files)
    {
        foreach (var name in new[] { MetaFileName, StateFileName, SumsFileName })
        {
            if (!files.ContainsKey(name))
            {
                throw new InvalidDataException($"snapshot archive is missing {name}");
            }
        }

        var expected = ParseSums(files[SumsFileName]);
        foreach (var name in new[] { MetaFileName, StateFileName })
        {
            if (!expected.TryGetValue(name, out var sum))
            {
                throw new InvalidDataException($"missing hash for \"{name}\"");
            }

            if (!string.Equals(sum, Hex(files[name]), StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"hash check failed for \"{name}\"");
            }
        }

        SnapshotMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(files[MetaFileName], SnapshotJsonContext.Default.SnapshotMeta);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"failed to decode snapshot metadata: {e.Message}", e);
        }

        if (meta is null)
        {
            throw new InvalidDataException("failed to decode snapshot metadata");
        }

        return new SnapshotContents(meta, files[StateFileName]);
    }

    private static Dictionary<string, string> ParseSums(byte[] sums)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.ASCII.GetString(sums).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf("  ", StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new InvalidDataException("malformed SHA256SUMS");
            }

            result[line[(separator + 2)..].Trim()] = line[..separator];
        }

        return result;
    }

    private static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static async Task WriteEntryAsync(TarWriter tar, string name, ReadOnlyMemory<byte> data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(data.ToArray(), writable: false);
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = content,
            ModificationTime = now,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }
}
