using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Inspections;

namespace BranchArchive.Grains.Telemetry;

/// <summary>What the stocktakes find: completed inspections, and the files they mark missing or find again.</summary>
public sealed class InspectionMetrics
{
    private readonly Counter<long> _completed;
    private readonly Counter<long> _findings;

    public InspectionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OperationMetrics.MeterName);
        _completed = meter.CreateCounter<long>("archive.inspections.completed", "{inspection}", "Cabinet inspections completed.");
        _findings = meter.CreateCounter<long>("archive.inspections.findings", "{file}",
            "Files an inspection reported, by finding: missing, found_again, misplaced, unexpected.");
    }

    public void Record(Inspection report)
    {
        _completed.Add(1);
        _findings.Add(report.Missing.Count, new KeyValuePair<string, object?>("finding", "missing"));
        _findings.Add(report.FoundAgain.Count, new KeyValuePair<string, object?>("finding", "found_again"));
        _findings.Add(report.Misplaced.Count, new KeyValuePair<string, object?>("finding", "misplaced"));
        _findings.Add(report.Unexpected.Count, new KeyValuePair<string, object?>("finding", "unexpected"));
    }
}
