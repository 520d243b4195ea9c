using BranchArchive.Contracts.Access;

namespace BranchArchive.Grains.Files;

/// <summary>
/// What a file awaits approval for, from its stored state: each kind of request that needs an
/// approver adds its line here, and the file's catalogue line carries the answer so approvers can
/// list what waits for them.
/// </summary>
public static class ApprovalQueue
{
    public static IReadOnlySet<ApprovalKind> Of(CustomerFileState file)
    {
        var awaiting = new HashSet<ApprovalKind>();
        if (AccessGrants.AwaitsDecision(file))
        {
            awaiting.Add(ApprovalKind.Access); // pending access requests, emergency grants not yet reviewed
        }
        if (file.AwaitsReadingApproval)
        {
            awaiting.Add(ApprovalKind.Reading); // a reading request waits for a finance approver or head office
        }
        if (file.AwaitsCopyApproval)
        {
            awaiting.Add(ApprovalKind.Copy); // a copy request waits for a finance approver, or a manager for a Restricted file
        }
        return awaiting;
    }

    /// <summary>
    /// The earliest deadline among what the file awaits (an emergency access grant's review); past it
    /// the file is overdue on the queue. Null when nothing it awaits has one.
    /// </summary>
    public static DateTimeOffset? DueAt(CustomerFileState file) =>
        file.AccessRequestsSoFar.Where(r => r.AwaitsReview).Min(r => r.ReviewDueAt);
}
