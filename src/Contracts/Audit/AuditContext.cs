namespace BranchArchive.Contracts.Audit;

/// <summary>What the API passes along with every grain call (through Orleans' RequestContext) for the audit log.</summary>
public static class AuditContext
{
    /// <summary>The HTTP request's trace id, so an audit entry leads to the request's logs and traces.</summary>
    public const string RequestIdKey = "branch-archive.request-id";
}
