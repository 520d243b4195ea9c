using System.Diagnostics;

namespace BranchArchive.Bench;

/// <summary>Timings of one kind of request, in milliseconds; percentiles by nearest rank over every sample (no histogram buckets).</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    /// <summary>One set of every worker's samples: workers keep their own so they never share a lock.</summary>
    public static Latency Merge(IEnumerable<Latency> parts)
    {
        var all = new Latency();
        foreach (var part in parts)
        {
            all._samples.AddRange(part._samples);
        }
        return all;
    }

    public double Mean => _samples.Count == 0 ? double.NaN : _samples.Average();

    public double Max => _samples.Count == 0 ? double.NaN : _samples.Max();

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }
        var sorted = _samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    public double P99 => Percentile(99);

    /// <summary>Times <paramref name="action"/> and keeps the sample.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        Add(Stopwatch.GetElapsedTime(started));
        return result;
    }
}
