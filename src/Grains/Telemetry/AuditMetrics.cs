using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Audit;

namespace BranchArchive.Grains.Telemetry;

/// <summary>Audit chain verifications by result (intact, broken): a broken chain is an alert, whoever verified it.</summary>
public sealed class AuditMetrics
{
    private readonly Counter<long> _verifications;

    public AuditMetrics(IMeterFactory meters) =>
        _verifications = meters.Create(OperationMetrics.MeterName).CreateCounter<long>(
            "archive.audit.verifications", "{verification}", "Verifications of the audit log's hash chain, by result.");

    public AuditVerification Record(AuditVerification verification)
    {
        _verifications.Add(1, new KeyValuePair<string, object?>("result", verification.Intact ? "intact" : "broken"));
        return verification;
    }
}
