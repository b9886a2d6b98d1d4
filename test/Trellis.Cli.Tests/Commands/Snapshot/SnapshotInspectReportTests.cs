using Trellis.Cli.Commands.Snapshot;
using Trellis.Core.Snapshots;
using Trellis.State.Persistence;

namespace Trellis.Cli.Tests.Commands.Snapshot;

public sealed class SnapshotInspectReportTests
{
    private static readonly SnapshotMeta Meta = new() { ID = "1-2-3", Index = 2, Term = 1, Size = 10 };

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1B")]
    [InlineData(1023, "1023B")]
    [InlineData(1024, "1KB")]
    [InlineData(1536, "1.5KB")]
    [InlineData(1100, "1.1KB")]
    [InlineData(1048576, "1MB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5GB")]
    [InlineData(3L << 40, "3TB")]
    public void ByteSize_AsConsulPrintsIt(long bytes, string expected)
    {
        Assert.Equal(expected, SnapshotInspectReport.ByteSize(bytes));
    }

    [Fact]
    public void Build_SortsBySizeThenName_AndCutsKeysAtTheDepth()
    {
        StateRecord[] records =
        [
            new("KVS", "a/b/c", 10), new("KVS", "a/b/d", 10), new("KVS", "a", 5), new("KVS", "x/y", 20),
            new("Session", null, 45), new("Register", null, 40), new("Index", null, 40),
        ];

        var report = SnapshotInspectReport.Build(Meta, records, kvDepth: 2, kvFilter: "");

        // Ties on size go by name: KVS and Session have 45 bytes each, Index and Register 40.
        Assert.Equal(["KVS", "Session", "Index", "Register"], report.Stats.Select(r => r.Name));
        Assert.Equal(new SnapshotInspectReport.Row("KVS", 45, 4), report.Stats[0]);
        Assert.Equal(170, report.TotalSize);
        Assert.Equal(["a/b", "x/y", "a"], report.StatsKv!.Select(r => r.Name));
        Assert.Equal(45, report.TotalSizeKv);
    }

    [Fact]
    public void Build_FilterMatchingNothingOrNoDetails_HasNoKeyTable()
    {
        StateRecord[] records = [new("KVS", "a/b", 10)];

        Assert.Null(SnapshotInspectReport.Build(Meta, records, kvDepth: 2, kvFilter: "zzz").StatsKv);
        Assert.Null(SnapshotInspectReport.Build(Meta, records, kvDepth: null, kvFilter: "").StatsKv);
        Assert.DoesNotContain("Key Name", SnapshotInspectReport.Build(Meta, records, null, "").FormatPretty(), StringComparison.Ordinal);
        Assert.Contains("\"StatsKV\": null", SnapshotInspectReport.Build(Meta, records, null, "").FormatJson(), StringComparison.Ordinal);
    }
}
