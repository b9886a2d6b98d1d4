using System.Globalization;

namespace Trellis.Bench.CatalogScale;

/// <summary>Reads the agent's resident memory and CPU time from <c>/proc/&lt;pid&gt;</c> (Linux only).</summary>
public sealed class AgentProcess(int pid)
{
    public int Pid => pid;

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in MiB (e.g. <c>VmRSS</c>, <c>VmHWM</c>), or NaN.</summary>
    public double StatusMiB(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return double.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }

    /// <summary>User + system CPU seconds of the agent so far, or NaN.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
