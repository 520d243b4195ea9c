using System.Globalization;

namespace BranchArchive.Bench;

/// <summary>
/// CPU time of this process's threads by name, from Linux's /proc (user + system, in clock ticks
/// of 10 ms): the SQLite writer's own work, apart from its waits on the disk.
/// </summary>
public static class ThreadCpu
{
    /// <summary>CPU time used so far by the threads named <paramref name="name"/> (zero where /proc is not there).</summary>
    public static TimeSpan Of(string name)
    {
        var total = 0L;
        if (!Directory.Exists("/proc/self/task"))
        {
            return TimeSpan.Zero;
        }
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != name)
                {
                    continue;
                }
                // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return TimeSpan.FromMilliseconds(total * 10);
    }
}
