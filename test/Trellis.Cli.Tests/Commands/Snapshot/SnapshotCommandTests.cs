using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Snapshot;

public sealed class SnapshotCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trellis-snap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A gzipped tar with meta.json, state.bin and SHA256SUMS, as /v1/snapshot returns it.</summary>
    /// <param name="state">The serialized store; a real one with three keys by default.</param>
    private static byte[] Archive(bool corruptSums = false, byte[]? state = null)
    {
        var meta = Encoding.UTF8.GetBytes("""{"Version":1,"ID":"2-18-1700000000000","Index":18,"Term":2,"Size":5}""");
        state ??= SerializedStore(("app/web/port", "8080"), ("app/web/host", "web.internal"), ("top", "x"));
        var sums = $"{Hex(meta)}  meta.json\n{(corruptSums ? new string('0', 64) : Hex(state))}  state.bin\n";
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in new[] { ("meta.json", meta), ("state.bin", state), ("SHA256SUMS", Encoding.UTF8.GetBytes(sums)) })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return output.ToArray();
    }

    /// <summary>A store holding <paramref name="keys"/>, serialized as a snapshot's state.bin is.</summary>
    private static byte[] SerializedStore(params (string Key, string Value)[] keys)
    {
        var store = new Trellis.State.StateStore();
        var index = 1UL;
        foreach (var (key, value) in keys)
        {
            store.Apply(new Trellis.State.Commands.KvCommand(Trellis.Core.Txn.KvVerb.Set, new Trellis.Core.Kv.KvEntry { Key = key, Value = Encoding.UTF8.GetBytes(value) }), index++);
        }

        using var buffer = new MemoryStream();
        Trellis.State.StateStore.WriteTo(store.Snapshot(), buffer);
        return buffer.ToArray();
    }

    private static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static Task<FakeAgent> ServeArchiveAsync(byte[] archive) =>
        FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.Headers["X-Consul-Index"] = "18";
            if (context.Request.Method == "GET")
            {
                await context.Response.Body.WriteAsync(archive);
            }
        });

    [Fact]
    public async Task Save_ValidArchive_WritesFileAndReportsIndex()
    {
        var archive = Archive();
        await using var agent = await ServeArchiveAsync(archive);
        var file = Path.Combine(_dir, "backup.snap");
        var run = await CliRun.AgainstAsync(agent, "snapshot", "save", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Saved and verified snapshot to index 18\n", run.Out);
        Assert.Equal(archive, await File.ReadAllBytesAsync(file));
        Assert.False(File.Exists(file + ".unverified"));
    }

    [Fact]
    public async Task Save_BadChecksum_FailsAndLeavesNoFile()
    {
        await using var agent = await ServeArchiveAsync(Archive(corruptSums: true));
        var file = Path.Combine(_dir, "backup.snap");
        var run = await CliRun.AgainstAsync(agent, "snapshot", "save", file);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error verifying snapshot file: hash check failed for \"state.bin\"", run.Error);
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".unverified"));
    }

    [Fact]
    public async Task Save_NoFile_ReportsMissingArgument()
    {
        var run = await CliRun.RunAsync(["snapshot", "save"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Missing FILE argument\n", run.Error);
    }

    [Fact]
    public async Task Inspect_ValidArchive_PrintsMetadataAndRecordTypeTables()
    {
        var file = Path.Combine(_dir, "backup.snap");
        await File.WriteAllBytesAsync(file, Archive());
        var run = await CliRun.RunAsync(["snapshot", "inspect", file]);
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Equal(
            [" ID           2-18-1700000000000", " Size         5", " Index        18", " Term         2", " Version      1", ""],
            lines[..6]);
        // Go's tabwriter: each column as wide as its longest cell plus 6 (" Total" sets the first one).
        Assert.Equal(" Type       Count      Size", lines[6]);
        Assert.Equal(" ----       ----       ----", lines[7]);
        Assert.Matches(@"^ KVS        3          \d+B$", lines[8]);
        Assert.Equal(" ----       ----       ----", lines[9]);
        Assert.Matches(@"^ Total                 \d+B$", lines[10]);
        Assert.DoesNotContain("Key Name", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_KvDetails_GroupsKeysByDepthUnderTheFilter()
    {
        var file = Path.Combine(_dir, "backup.snap");
        await File.WriteAllBytesAsync(file, Archive());

        var byDepth = await CliRun.RunAsync(["snapshot", "inspect", "-kvdetails", "-kvdepth=2", file]);
        Assert.Equal(0, byDepth.ExitCode);
        var keyTable = byDepth.Out[byDepth.Out.IndexOf(" Key Name", StringComparison.Ordinal)..].Split('\n');
        Assert.Matches(@"^ app/web       2          \d+B$", keyTable[2]);
        Assert.Matches(@"^ top           1          \d+B$", keyTable[3]);

        var json = await CliRun.RunAsync(["snapshot", "inspect", "-kvdetails", "-kvdepth", "1", "-kvfilter", "app/", "-format=json", file]);
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var kv = Assert.Single(doc.RootElement.GetProperty("StatsKV").EnumerateArray());
        Assert.Equal(("app", 2), (kv.GetProperty("Name").GetString(), kv.GetProperty("Count").GetInt32()));
        Assert.Equal(kv.GetProperty("Sum").GetInt64(), doc.RootElement.GetProperty("TotalSizeKV").GetInt64());
        Assert.Equal("KVS", Assert.Single(doc.RootElement.GetProperty("Stats").EnumerateArray()).GetProperty("Name").GetString());
        Assert.Equal(18, doc.RootElement.GetProperty("Meta").GetProperty("Index").GetInt32());
    }

    [Fact]
    public async Task Inspect_UnknownFormatOrUnreadableState_ExitsOneWithConsulsTexts()
    {
        var file = Path.Combine(_dir, "backup.snap");
        await File.WriteAllBytesAsync(file, Archive());
        var xml = await CliRun.RunAsync(["snapshot", "inspect", "-format=xml", file]);
        Assert.Equal((1, "Error outputting enhanced snapshot data: Unknown format: xml\n"), (xml.ExitCode, xml.Error));

        var broken = Path.Combine(_dir, "broken.snap");
        await File.WriteAllBytesAsync(broken, Archive(state: Encoding.UTF8.GetBytes("{\"Kvs\":[{\"Key\":")));
        var run = await CliRun.RunAsync(["snapshot", "inspect", broken]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error extracting snapshot data: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NotAnArchive_ReportsReadError()
    {
        var file = Path.Combine(_dir, "junk.snap");
        await File.WriteAllTextAsync(file, "not a snapshot");
        var run = await CliRun.RunAsync(["snapshot", "inspect", file]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error reading snapshot: ", run.Error);
    }

    [Fact]
    public async Task Restore_File_UploadsBytesAndReports()
    {
        var archive = Archive();
        var file = Path.Combine(_dir, "backup.snap");
        await File.WriteAllBytesAsync(file, archive);
        await using var agent = await ServeArchiveAsync(archive);
        var run = await CliRun.AgainstAsync(agent, "snapshot", "restore", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Restored snapshot\n", run.Out);
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("PUT", "/v1/snapshot"), (request.Method, request.PathAndQuery));
        Assert.Equal(archive, request.Body);
    }

    [Fact]
    public async Task Restore_MissingFile_ReportsOpenError()
    {
        var run = await CliRun.RunAsync(["snapshot", "restore", Path.Combine(_dir, "nope")]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error opening snapshot file: ", run.Error);
    }
}
