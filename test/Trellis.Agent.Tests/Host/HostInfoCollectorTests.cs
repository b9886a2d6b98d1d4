using Trellis.Agent.Host;

namespace Trellis.Agent.Tests.Host;

/// <summary>The host report read from crafted /proc and /etc files (the disk part from statvfs of a real directory).</summary>
public sealed class HostInfoCollectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trellis-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Proc => Path.Combine(_root, "proc");

    private string OsRelease => Path.Combine(_root, "etc", "os-release");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void WriteHost()
    {
        Write("proc/meminfo", """
            MemTotal:        1000 kB
            MemFree:          200 kB
            MemAvailable:     600 kB
            Buffers:           50 kB
            Cached:           100 kB
            SReclaimable:      50 kB
            Shmem:             10 kB
            SwapTotal:        400 kB
            SwapFree:         300 kB
            HugePages_Total:    4
            Hugepagesize:    2048 kB
            """);
        Write("proc/cpuinfo", """
            processor	: 0
            vendor_id	: GenuineIntel
            cpu family	: 6
            model		: 85
            model name	: Test CPU
            stepping	: 7
            microcode	: 0x1
            cpu MHz		: 2500.125
            cache size	: 1024 KB
            physical id	: 0
            core id		: 0
            cpu cores	: 2
            flags		: fpu sse avx

            processor	: 1
            vendor_id	: GenuineIntel
            core id		: 1
            flags		: fpu
            """);
        Write("proc/uptime", "3600.55 7000.00\n");
        Write("proc/sys/kernel/osrelease", "6.1.0-test\n");
        Write("proc/mounts", $"/dev/root / ext4 rw 0 0\ntmpfs {_root} tmpfs rw 0 0\n");
        Directory.CreateDirectory(Path.Combine(Proc, "1"));
        Directory.CreateDirectory(Path.Combine(Proc, "42"));
        Directory.CreateDirectory(Path.Combine(Proc, "self"));
        Write("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian\"\n");
        Write("etc/machine-id", "abc123\n");
    }

    [Fact]
    public void Collect_CraftedProc_ParsedWithGopsutilMeanings()
    {
        WriteHost();
        var clock = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        var info = new HostInfoCollector(Proc, OsRelease, clock).Collect(_root);

        Assert.Null(info.Errors);
        Assert.Equal((1_024_000UL, 204_800UL, 614_400UL, 51_200UL), (info.Memory.Total, info.Memory.Free, info.Memory.Available, info.Memory.Buffers));
        Assert.Equal(153_600UL, info.Memory.Cached); // Cached + SReclaimable
        Assert.Equal(614_400UL, info.Memory.Used);   // total - free - buffers - cached
        Assert.Equal(60.0, info.Memory.UsedPercent, 6);
        Assert.Equal((4UL, 2_097_152UL, 409_600UL), (info.Memory.HugePagesTotal, info.Memory.HugePageSize, info.Memory.SwapTotal));

        Assert.Equal(2, info.Cpu.Count);
        var cpu = info.Cpu[0];
        Assert.Equal((0, "GenuineIntel", "6", "85", 7, "Test CPU", 2, 1024), (cpu.Cpu, cpu.VendorId, cpu.Family, cpu.Model, cpu.Stepping, cpu.ModelName, cpu.Cores, cpu.CacheSize));
        Assert.Equal(2500.125, cpu.Mhz);
        Assert.Equal(["fpu", "sse", "avx"], cpu.Flags);
        Assert.Equal("1", info.Cpu[1].CoreId);
        Assert.Equal(["fpu"], info.Cpu[1].Flags);

        Assert.Equal((3600UL, 1_800_000_000UL - 3600UL, 2UL), (info.Host.Uptime, info.Host.BootTime, info.Host.Procs));
        Assert.Equal(("debian", "debian", "12", "6.1.0-test", "abc123"),
            (info.Host.Platform, info.Host.PlatformFamily, info.Host.PlatformVersion, info.Host.KernelVersion, info.Host.HostId));
        Assert.Equal(1_800_000_000L * 1_000_000_000L, info.CollectionTime);

        Assert.Equal((_root, "tmpfs"), (info.Disk.Path, info.Disk.FsType));
        Assert.True(info.Disk.Total > 0 && info.Disk.Total >= info.Disk.Free);
        Assert.InRange(info.Disk.UsedPercent, 0, 100);
    }

    [Fact]
    public void Collect_UnreadableParts_ZeroedAndNamedInErrors()
    {
        Directory.CreateDirectory(Proc);

        var info = new HostInfoCollector(Proc, OsRelease).Collect(Path.Combine(_root, "no-such-dir"));

        Assert.NotNull(info.Errors);
        Assert.Contains(info.Errors, e => e.StartsWith("memory: ", StringComparison.Ordinal));
        Assert.Contains(info.Errors, e => e.StartsWith("cpu: ", StringComparison.Ordinal));
        Assert.Contains(info.Errors, e => e.StartsWith("host: ", StringComparison.Ordinal));
        Assert.Contains(info.Errors, e => e.StartsWith("disk: ", StringComparison.Ordinal));
        Assert.Equal(0UL, info.Memory.Total);
        Assert.Empty(info.Cpu);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
