namespace BranchArchive.Contracts.Results;

/// <summary>Any grain answer's outcome, whatever its value type (read by telemetry and audit).</summary>
public interface IArchiveOutcome
{
    Outcome Outcome { get; }

    string? Detail { get; }
}
