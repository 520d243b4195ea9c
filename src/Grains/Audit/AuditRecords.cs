using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Grains.Audit;

internal static class AuditRecords
{
    public static AuditRecord Of(Actor actor, string action, string? fileId, string? branch, Outcome outcome, string? detail, TimeProvider clock) =>
        new(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), actor.Subject, actor.RoleNames, actor.Branch, action, fileId, branch,
            outcome.ToString(), detail, RequestContext.Get(AuditContext.RequestIdKey) as string);

    /// <summary>Writes a denied attempt to the log (durably) and answers the refusal.</summary>
    public static async Task<ArchiveResult<T>> Deny<T>(this IAuditLog log, TimeProvider clock, Actor actor, string action,
        string? fileId, string? branch, string detail)
    {
        await log.AppendAsync([Of(actor, action, fileId, branch, Outcome.Forbidden, detail, clock)]);
        return ArchiveResult<T>.Forbidden(detail);
    }
}
