using System.Globalization;
using System.Text.Json;

namespace BranchArchive.Bench;

/// <summary>
/// Folds a thread-time trace (from <c>dotnet-trace collect --profile dotnet-sampled-thread-time</c>,
/// converted with <c>dotnet-trace convert --format Speedscope</c>) into where the time went: for
/// each thread whose stacks pass through <c>--thread-with</c> (e.g. the SQLite writer's loop), the
/// share of the thread's time under each method; without it, CPU time across all threads.
/// </summary>
public static class TraceSummary
{
    public static int Run(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("file", out var path))
        {
            Console.Error.WriteLine("trace-summary --file TRACE.speedscope.json [--thread-with METHOD] [--top 40]");
            return 2;
        }
        var top = options.Int("top", 40);
        var threadWith = options.GetValueOrDefault("thread-with");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var frames = json.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        double cpuTotal = 0;
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var (inclusive, total, cpuHere) = Fold(profile, frames);
            if (threadWith is null)
            {
                foreach (var (frame, time) in cpuHere)
                {
                    cpu[frame] = cpu.GetValueOrDefault(frame) + time;
                }
                cpuTotal += cpuHere.GetValueOrDefault("CPU_TIME");
                continue;
            }
            if (inclusive.Keys.Any(frame => frame.Contains(threadWith, StringComparison.Ordinal)))
            {
                Console.WriteLine($"{profile.GetProperty("name").GetString()}: {total:N0} ms sampled; share of the thread's time under each method");
                Print(inclusive, total, top);
            }
        }
        if (threadWith is null)
        {
            Console.WriteLine($"CPU time across all threads: {cpuTotal:N0} ms; share under each method");
            Print(cpu, cpuTotal, top);
        }
        return 0;
    }

    /// <summary>Time under each frame (counted once per stack), the thread's total, and the same for CPU-time samples only.</summary>
    private static (Dictionary<string, double> Inclusive, double Total, Dictionary<string, double> Cpu) Fold(JsonElement profile, string[] frames)
    {
        var inclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal);
        var stack = new List<int>();
        double? last = null;
        foreach (var e in profile.GetProperty("events").EnumerateArray())
        {
            var at = e.GetProperty("at").GetDouble();
            if (last is { } previous && stack.Count > 0)
            {
                var onCpu = frames[stack[^1]] == "CPU_TIME";
                foreach (var frame in stack.Distinct().Select(i => frames[i]))
                {
                    inclusive[frame] = inclusive.GetValueOrDefault(frame) + at - previous;
                    if (onCpu)
                    {
                        cpu[frame] = cpu.GetValueOrDefault(frame) + at - previous;
                    }
                }
            }
            last = at;
            if (e.GetProperty("type").GetString() == "O")
            {
                stack.Add(e.GetProperty("frame").GetInt32());
            }
            else if (stack.Count > 0)
            {
                stack.RemoveAt(stack.Count - 1);
            }
        }
        var total = profile.GetProperty("endValue").GetDouble() - profile.GetProperty("startValue").GetDouble();
        return (inclusive, total, cpu);
    }

    private static void Print(Dictionary<string, double> times, double total, int top)
    {
        foreach (var (frame, time) in times.OrderByDescending(t => t.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100 * time / total,6:F1} %  {frame[..Math.Min(frame.Length, 140)]}"));
        }
    }
}
