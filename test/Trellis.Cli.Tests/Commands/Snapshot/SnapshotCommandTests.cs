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
    private static byte[] Archive(bool corruptSums = false)
    {
        var meta = Encoding.UTF8.GetBytes("""{"Version":1,"ID":"2-18-1700000000000","Index":18,"Term":2,"Size":5}""");
        var state = Encoding.UTF8.GetBytes("state");
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
    public async Task Inspect_ValidArchive_PrintsMetadataTable()
    {
        var file = Path.Combine(_dir, "backup.snap");
        await File.WriteAllBytesAsync(file, Archive());
        var run = await CliRun.RunAsync(["snapshot", "inspect", file]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            " ID           2-18-1700000000000\n Size         5\n Index        18\n Term         2\n Version      1\n",
            run.Out);
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
