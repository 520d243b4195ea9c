using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BranchArchive.Persistence.Chains;

/// <summary>
/// The writes of a chained log (audit log, access log), per chain: records written, how many shared
/// each transaction (the group commit at work), how long a group took to commit, and failed groups.
/// </summary>
/// <param name="tracing">Where each group's span goes.</param>
/// <param name="prefix">The instruments' and span tags' name prefix, e.g. <c>archive.audit</c>.</param>
/// <param name="log">The log's name in the instruments' descriptions.</param>
/// <param name="failures">What a failed group means for its callers, for the failures' description.</param>
public sealed class ChainWriteMetrics(Meter meter, ActivitySource tracing, string prefix, string log, string failures)
{
    private readonly string _span = $"{log.Replace(' ', '-')} write";

    private readonly Counter<long> _written = meter.CreateCounter<long>(
        $"{prefix}.records", "{record}", $"Records written to the {log}.");

    private readonly Histogram<int> _groupSize = meter.CreateHistogram<int>(
        $"{prefix}.batch.size", "{record}", $"Records per {log} transaction (group commit).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    private readonly Histogram<double> _latency = meter.CreateHistogram<double>(
        $"{prefix}.write.duration", "s", $"Time to commit one {log} group.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private readonly Counter<long> _failures = meter.CreateCounter<long>(
        $"{prefix}.failures", "{batch}", $"Groups of the {log} that could not be written ({failures}).");

    /// <summary>Writes one group under a span tagged with its chain and size, and records how it went.</summary>
    public async Task WriteGroupAsync(string chain, int records, Func<Task> write)
    {
        using var activity = tracing.StartActivity(_span);
        activity?.SetTag($"{prefix}.chain", chain);
        activity?.SetTag($"{prefix}.batch.size", records);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await write();
            GroupWritten(chain, records, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            GroupFailed(chain);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }

    private void GroupWritten(string chain, int records, TimeSpan took)
    {
        var tag = new KeyValuePair<string, object?>("chain", chain);
        _written.Add(records, tag);
        _groupSize.Record(records, tag);
        _latency.Record(took.TotalSeconds, tag);
    }

    private void GroupFailed(string chain) => _failures.Add(1, new KeyValuePair<string, object?>("chain", chain));
}
