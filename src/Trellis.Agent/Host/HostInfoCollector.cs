using System.Globalization;
using System.Runtime.InteropServices;

namespace Trellis.Agent.Host;

/// <summary>
/// Collects <see cref="HostInfo"/> on Linux from <c>/proc</c> (meminfo, cpuinfo, uptime, process directories,
/// kernel release), <c>/etc/os-release</c> and <c>statvfs</c> of the data directory. A part that cannot be read is
/// left at its zero values and named in <see cref="HostInfo.Errors"/>, as Consul reports collection errors.
/// </summary>
/// <remarks>Stateless apart from its paths; thread-safe. The paths are parameters so tests can feed crafted files.</remarks>
public sealed class HostInfoCollector(string procRoot = "/proc", string osReleasePath = "/etc/os-release", TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The report for a host whose agent keeps its data under <paramref name="dataDir"/> (null: the root file system).</summary>
    public HostInfo Collect(string? dataDir)
    {
        var errors = new List<string>();
        var memory = Try(errors, "memory", ReadMemory) ?? new HostMemory();
        var cpus = Try(errors, "cpu", ReadCpus) ?? [];
        var host = Try(errors, "host", ReadHost) ?? new HostSummary();
        var disk = Try(errors, "disk", () => ReadDisk(dataDir ?? "/")) ?? new HostDisk { Path = dataDir ?? "/" };
        return new HostInfo
        {
            Memory = memory,
            Cpu = cpus,
            Host = host,
            Disk = disk,
            CollectionTime = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100,
            Errors = errors.Count == 0 ? null : errors,
        };
    }

    private static T? Try<T>(List<string> errors, string part, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or PlatformNotSupportedException
            or DllNotFoundException or EntryPointNotFoundException)
        {
            errors.Add($"{part}: {ex.Message}");
            return null;
        }
    }

    private HostMemory ReadMemory()
    {
        var kb = File.ReadAllLines(Path.Combine(procRoot, "meminfo"))
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => ulong.Parse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        ulong Bytes(string key) => kb.TryGetValue(key, out var value) ? value * 1024 : 0;
        ulong Count(string key) => kb.TryGetValue(key, out var value) ? value : 0;

        var total = Bytes("MemTotal");
        var free = Bytes("MemFree");
        var buffers = Bytes("Buffers");
        // gopsutil's "cached" includes reclaimable slab, and "used" is what is neither free, buffers nor cache.
        var cached = Bytes("Cached") + Bytes("SReclaimable");
        var used = total > free + buffers + cached ? total - free - buffers - cached : total - free;
        return new HostMemory
        {
            Total = total,
            Available = kb.ContainsKey("MemAvailable") ? Bytes("MemAvailable") : free + buffers + cached,
            Used = used,
            UsedPercent = total == 0 ? 0 : used * 100.0 / total,
            Free = free,
            Active = Bytes("Active"),
            Inactive = Bytes("Inactive"),
            Buffers = buffers,
            Cached = cached,
            WriteBack = Bytes("Writeback"),
            Dirty = Bytes("Dirty"),
            WriteBackTmp = Bytes("WritebackTmp"),
            Shared = Bytes("Shmem"),
            Slab = Bytes("Slab"),
            SReclaimable = Bytes("SReclaimable"),
            SUnreclaim = Bytes("SUnreclaim"),
            PageTables = Bytes("PageTables"),
            SwapCached = Bytes("SwapCached"),
            CommitLimit = Bytes("CommitLimit"),
            CommittedAs = Bytes("Committed_AS"),
            HighTotal = Bytes("HighTotal"),
            HighFree = Bytes("HighFree"),
            LowTotal = Bytes("LowTotal"),
            LowFree = Bytes("LowFree"),
            SwapTotal = Bytes("SwapTotal"),
            SwapFree = Bytes("SwapFree"),
            Mapped = Bytes("Mapped"),
            VmallocTotal = Bytes("VmallocTotal"),
            VmallocUsed = Bytes("VmallocUsed"),
            VmallocChunk = Bytes("VmallocChunk"),
            HugePagesTotal = Count("HugePages_Total"),
            HugePagesFree = Count("HugePages_Free"),
            HugePageSize = Bytes("Hugepagesize"),
        };
    }

    private List<HostCpu> ReadCpus()
    {
        var cpus = new List<HostCpu>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(procRoot, "cpuinfo")).Append(""))
        {
            if (line.Trim().Length == 0)
            {
                if (fields.ContainsKey("processor"))
                {
                    cpus.Add(Cpu(fields));
                }

                fields.Clear();
                continue;
            }

            var parts = line.Split(':', 2);
            if (parts.Length == 2)
            {
                fields[parts[0].Trim()] = parts[1].Trim();
            }
        }

        return cpus;
    }

    private static HostCpu Cpu(Dictionary<string, string> f)
    {
        string Text(string key) => f.TryGetValue(key, out var value) ? value : "";
        int Int(string key) => int.TryParse(Text(key).Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return new HostCpu
        {
            Cpu = Int("processor"),
            VendorId = Text("vendor_id"),
            Family = Text("cpu family"),
            Model = Text("model"),
            Stepping = Int("stepping"),
            PhysicalId = Text("physical id"),
            CoreId = Text("core id"),
            Cores = Int("cpu cores"),
            ModelName = Text("model name"),
            Mhz = double.TryParse(Text("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) ? mhz : 0,
            CacheSize = Int("cache size"),
            Flags = Text("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Microcode = Text("microcode"),
        };
    }

    private HostSummary ReadHost()
    {
        var uptime = (ulong)double.Parse(File.ReadAllText(Path.Combine(procRoot, "uptime")).Split(' ')[0], CultureInfo.InvariantCulture);
        var os = File.Exists(osReleasePath)
            ? File.ReadAllLines(osReleasePath).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim('"'), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var kernelRelease = Path.Combine(procRoot, "sys", "kernel", "osrelease");
        var machineId = Path.Combine(Path.GetDirectoryName(osReleasePath) ?? "/etc", "machine-id");
        return new HostSummary
        {
            Hostname = Environment.MachineName,
            Uptime = uptime,
            BootTime = (ulong)_time.GetUtcNow().ToUnixTimeSeconds() - uptime,
            Procs = (ulong)Directory.EnumerateDirectories(procRoot).Count(d => Path.GetFileName(d).All(char.IsAsciiDigit)),
            Os = OperatingSystem.IsLinux() ? "linux" : RuntimeInformation.OSDescription,
            Platform = os.GetValueOrDefault("ID", ""),
            PlatformFamily = (os.GetValueOrDefault("ID_LIKE") ?? os.GetValueOrDefault("ID", "")).Split(' ')[0],
            PlatformVersion = os.GetValueOrDefault("VERSION_ID", ""),
            KernelVersion = File.Exists(kernelRelease) ? File.ReadAllText(kernelRelease).Trim() : "",
            KernelArch = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "x86_64",
                Architecture.Arm64 => "aarch64",
                var other => other.ToString().ToLowerInvariant(),
            },
            HostId = File.Exists(machineId) ? File.ReadAllText(machineId).Trim() : "",
        };
    }

    private HostDisk ReadDisk(string path)
    {
        if (StatVfs(path, out var fs) != 0)
        {
            throw new IOException($"statvfs {path}: errno {Marshal.GetLastPInvokeError()}");
        }

        var total = fs.Blocks * fs.FragmentSize;
        var free = fs.BlocksAvailable * fs.FragmentSize;
        var used = (fs.Blocks - fs.BlocksFree) * fs.FragmentSize;
        var inodesUsed = fs.Files - fs.FilesFree;
        return new HostDisk
        {
            Path = path,
            FsType = FileSystemOf(path),
            Total = total,
            Free = free,
            Used = used,
            UsedPercent = used + free == 0 ? 0 : used * 100.0 / (used + free),
            InodesTotal = fs.Files,
            InodesUsed = inodesUsed,
            InodesFree = fs.FilesFree,
            InodesUsedPercent = fs.Files == 0 ? 0 : inodesUsed * 100.0 / fs.Files,
        };
    }

    /// <summary>The type of the longest mount point containing <paramref name="path"/>, from /proc/mounts.</summary>
    private string FileSystemOf(string path)
    {
        var mounts = Path.Combine(procRoot, "mounts");
        if (!File.Exists(mounts))
        {
            return "";
        }

        var full = Path.GetFullPath(path);
        return File.ReadAllLines(mounts)
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 3 && (full == p[1] || full.StartsWith(p[1].TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(p => p[1].Length)
            .Select(p => p[2])
            .FirstOrDefault() ?? "";
    }

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int StatVfs(string path, out StatVfsBuffer buffer);

    // struct statvfs on 64-bit Linux.
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong NameMax;
        private readonly int _spare0;
        private readonly int _spare1;
        private readonly int _spare2;
        private readonly int _spare3;
        private readonly int _spare4;
        private readonly int _spare5;
    }
}
