using System.Diagnostics;
using System.Globalization;

namespace Search.Indexer.Bench;

/// <summary>Readings of this process and machine that the bench reports beside its timings.</summary>
internal static class BenchMachine
{
    /// <summary>The one-minute load average of the machine (Linux), to tell whether other work competed for the cores.</summary>
    public static string? LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null; }
        catch (IOException) { return null; }
    }

    /// <summary>CPU time of every thread of this process so far.</summary>
    public static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// Peak resident memory in MB: VmHWM from /proc/self/status where there is one, as PeerLucene.java reads it,
    /// else the runtime's peak working set.
    /// </summary>
    public static double PeakResidentMegabytes()
    {
        try
        {
            if (File.Exists("/proc/self/status"))
                foreach (var line in File.ReadLines("/proc/self/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        return Math.Round(long.Parse(new string(line.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        catch (IOException)
        {
        }
        using var self = Process.GetCurrentProcess();
        return Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
    }
}
