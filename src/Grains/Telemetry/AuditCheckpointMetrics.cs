using System.Diagnostics.Metrics;

namespace BranchArchive.Grains.Telemetry;

/// <summary>
/// Audit checkpoints by outcome: <c>written</c>; <c>refused</c> (the log does not verify from the
/// latest checkpoint on, or a checkpoint this grain wrote is gone: tampering to look into);
/// <c>failed</c> (the database could not be read or written).
/// </summary>
public sealed class AuditCheckpointMetrics
{
    private readonly Counter<long> _checkpoints;

    public AuditCheckpointMetrics(IMeterFactory meters) =>
        _checkpoints = meters.Create(OperationMetrics.MeterName).CreateCounter<long>(
            "archive.audit.checkpoints", "{checkpoint}", "Signed audit checkpoints by outcome: written, refused, failed.");

    public void Written() => Add("written");

    public void Refused() => Add("refused");

    public void Failed() => Add("failed");

    private void Add(string outcome) => _checkpoints.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
