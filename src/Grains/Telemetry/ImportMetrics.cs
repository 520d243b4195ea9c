using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Imports;

namespace BranchArchive.Grains.Telemetry;

/// <summary>Rows done by CSV imports, by outcome (imported, duplicate, error): the import's throughput and quality.</summary>
public sealed class ImportMetrics
{
    private readonly Counter<long> _rows;

    public ImportMetrics(IMeterFactory meters) =>
        _rows = meters.Create(OperationMetrics.MeterName).CreateCounter<long>(
            "archive.import.rows", "{row}", "Rows of import CSVs done, by outcome.");

    public void Record(IReadOnlyList<ImportIssue> issues) =>
        _rows.Add(1, new KeyValuePair<string, object?>("outcome",
            issues.Count == 0 ? "imported" : issues.Any(i => i.Kind == ImportIssueKind.Error) ? "error" : "duplicate"));
}
