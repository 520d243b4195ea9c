namespace BranchArchive.Contracts.Results;

/// <summary>How a grain answered a request; the API maps each to one HTTP status.</summary>
public enum Outcome
{
    Ok,
    Created,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}
