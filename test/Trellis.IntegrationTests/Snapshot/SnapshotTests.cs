using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Snapshot;

/// <summary>GET/PUT /v1/snapshot against a real agent: archive layout, checksums and restore.</summary>
public sealed class SnapshotTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task Save_ReturnsGzipTarWithMetaStateAndValidChecksums()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/a", "1");

        var save = await Http.GetReplyAsync("v1/snapshot");

        Assert.True(save.Status == HttpStatusCode.OK, save.ToString()[..Math.Min(500, save.ToString().Length)]);
        Assert.True(save.Index > 0);
        var files = await ReadArchiveAsync(save.Bytes);
        Assert.Equal(["SHA256SUMS", "meta.json", "state.bin"], files.Keys.Order(StringComparer.Ordinal));
        var sums = Encoding.UTF8.GetString(files["SHA256SUMS"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        foreach (var name in new[] { "meta.json", "state.bin" })
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[name])), sums[name]);
        }

        using var meta = System.Text.Json.JsonDocument.Parse(files["meta.json"]);
        Assert.True(meta.RootElement.GetProperty("Index").GetUInt64() > 0);
        Assert.False(string.IsNullOrEmpty(meta.RootElement.GetProperty("ID").GetString()));
        Assert.True(meta.RootElement.GetProperty("Term").GetUInt64() > 0);
        Assert.Equal(files["state.bin"].Length, meta.RootElement.GetProperty("Size").GetInt64());
    }

    [Fact]
    public async Task Restore_AfterModifications_BringsStateBack()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/keep", "original");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/drop", "x");
        var snapshot = await Http.GetReplyAsync("v1/snapshot");
        Assert.Equal(HttpStatusCode.OK, snapshot.Status);

        await Http.PutReplyAsync($"v1/kv/{Prefix}/keep", "changed");
        await Http.DeleteReplyAsync($"v1/kv/{Prefix}/drop");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/new", "later");
        var restore = await Http.PutBytesAsync("v1/snapshot", snapshot.Bytes);

        Assert.True(restore.Status == HttpStatusCode.OK, restore.ToString());
        Assert.Equal("original", (await Http.GetReplyAsync($"v1/kv/{Prefix}/keep?raw")).Body);
        Assert.Equal("x", (await Http.GetReplyAsync($"v1/kv/{Prefix}/drop?raw")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/new")).Status);
        var write = await Http.PutReplyAsync($"v1/kv/{Prefix}/after", "ok");
        Assert.Equal("true", write.Body.Trim());
    }

    [Fact]
    public async Task Restore_Garbage_IsRejectedAndStateUnchanged()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/stay", "here");

        var restore = await Http.PutBytesAsync("v1/snapshot", Encoding.UTF8.GetBytes("this is not a snapshot"));

        Assert.False(restore.Status == HttpStatusCode.OK, restore.ToString());
        Assert.Equal("here", (await Http.GetReplyAsync($"v1/kv/{Prefix}/stay?raw")).Body);
    }

    private static async Task<Dictionary<string, byte[]>> ReadArchiveAsync(byte[] archive)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.DataStream is null)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer);
            files[entry.Name] = buffer.ToArray();
        }

        return files;
    }
}
