using System.Diagnostics;
using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Grains.Telemetry;

/// <summary>
/// Counts and times every call to an archive grain by operation and outcome (Ok, Conflict,
/// Forbidden, …), so a dashboard shows checkouts per second, conflict rates and slow storage.
/// </summary>
public sealed class OperationMetrics : IIncomingGrainCallFilter
{
    public const string MeterName = "BranchArchive";

    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;

    public OperationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _operations = meter.CreateCounter<long>("archive.operations", "{operation}", "Grain operations by outcome.");
        _duration = meter.CreateHistogram<double>("archive.operation.duration", "s", "Time a grain operation took, storage included.");
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType?.Namespace?.StartsWith("BranchArchive.", StringComparison.Ordinal) != true)
        {
            await context.Invoke();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var outcome = "Failed";
        try
        {
            await context.Invoke();
            outcome = context.Result is IArchiveOutcome answer ? answer.Outcome.ToString() : nameof(Outcome.Ok);
        }
        finally
        {
            var tags = new TagList { { "operation", context.InterfaceMethod.Name }, { "outcome", outcome } };
            _operations.Add(1, tags);
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
