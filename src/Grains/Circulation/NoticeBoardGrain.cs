using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using Orleans.Concurrency;

namespace BranchArchive.Grains.Circulation;

/// <summary>
/// The notice board: lists notices from the database and keeps their read state. A notice is
/// addressed to a branch (its staff see it; head office and auditors see every branch's) or, in
/// person, to a member of staff (only they list it, with <c>Mine</c>). One read state per notice:
/// a branch's notice is read for the branch once any of its staff marks it (the branch shares one
/// inbox, as a desk does), a person's once they do; head office may mark either.
/// </summary>
[StatelessWorker]
public sealed class NoticeBoardGrain(ILoanNotices notices, IAuditLog audit, TimeProvider clock) : Grain, INoticeBoardGrain
{
    public const int MaxPageSize = 500;

    public Task<ArchiveResult<LoanNoticePage>> List(string? branch, int page, int pageSize, Actor actor) =>
        Find(new NoticeFilter(branch, page, pageSize), actor);

    public async Task<ArchiveResult<LoanNoticePage>> Find(NoticeFilter filter, Actor actor)
    {
        if (filter.Page < 1 || filter.PageSize < 1 || filter.PageSize > MaxPageSize)
        {
            return ArchiveResult<LoanNoticePage>.Invalid(new Dictionary<string, string[]>
            {
                [filter.Page < 1 ? "page" : "pageSize"] = [filter.Page < 1 ? "must be at least 1." : $"must be between 1 and {MaxPageSize}."],
            });
        }
        if (filter is { Since: { } since, Before: { } before } && since >= before)
        {
            return ArchiveResult<LoanNoticePage>.Invalid("since", "must be before 'before'.");
        }
        if (!actor.Has(Permissions.Read) || (filter.Branch is not null && !actor.CanSee(filter.Branch)))
        {
            return await audit.Deny<LoanNoticePage>(clock, actor, AuditActions.ReadNotices, null, filter.Branch,
                $"You may see the notices of branch {actor.Branch} only.");
        }
        var query = new NoticeQuery(null, filter.Page, filter.PageSize, filter.Kinds, filter.Since, filter.Before, Read: filter.Read);
        query = filter.Mine
            // One's own notices, whichever branch they came through (a branch named narrows them).
            ? query with { Recipient = actor.Subject, Branch = filter.Branch }
            : query with { BranchAddressed = true, Branch = actor.Has(Permissions.ReadAllBranches) ? filter.Branch : actor.Branch ?? "" };
        return ArchiveResult<LoanNoticePage>.Ok(await notices.ListAsync(query));
    }

    public async Task<ArchiveResult<LoanNotice>> Mark(string noticeId, bool read, Actor actor)
    {
        var action = read ? AuditActions.MarkNoticeRead : AuditActions.MarkNoticeUnread;
        var notice = await notices.FindAsync(noticeId);
        if (notice is null || !Sees(actor, notice))
        {
            if (notice is not null)
            {
                // Refused, and answered as if unknown: whether another branch's or person's notice
                // exists is not the caller's to learn; the log keeps the attempt.
                await audit.AppendAsync([AuditRecords.Of(actor, action, NullIfEmpty(notice.FileId), NullIfEmpty(notice.Branch), Outcome.Forbidden,
                    $"Notice {noticeId} is addressed to {(notice.Recipient is null ? "branch " + notice.Branch : "another member of staff")}.", clock)]);
            }
            return ArchiveResult<LoanNotice>.NotFound($"No notice has id {noticeId}.");
        }
        if (!MayMark(actor, notice))
        {
            return await audit.Deny<LoanNotice>(clock, actor, action, NullIfEmpty(notice.FileId), NullIfEmpty(notice.Branch),
                $"Only the staff of branch {notice.Branch} or head office mark its notices read or unread.");
        }
        var now = clock.GetUtcNow();
        if (await notices.MarkAsync(noticeId, read, actor.Subject, now))
        {
            await audit.AppendAsync([AuditRecords.Of(actor, action, NullIfEmpty(notice.FileId), NullIfEmpty(notice.Branch), Outcome.Ok,
                $"Notice {noticeId} ({notice.Kind}) marked {(read ? "read" : "unread")}.", clock)]);
        }
        return ArchiveResult<LoanNotice>.Ok(await notices.FindAsync(noticeId) ?? notice);
    }

    /// <summary>Who may see the notice: its recipient, or its branch's readers; head office any.</summary>
    private static bool Sees(Actor actor, LoanNotice notice) =>
        actor.IsHeadOffice || (notice.Recipient is { } person ? person == actor.Subject : actor.CanSee(notice.Branch));

    /// <summary>
    /// Its recipient marks a person's notice, the branch's clerks and managers a branch's; head
    /// office either. Auditors read and change nothing.
    /// </summary>
    private static bool MayMark(Actor actor, LoanNotice notice) =>
        actor.IsHeadOffice
        || (notice.Recipient is { } person
            ? person == actor.Subject
            : actor.Has(StaffRoles.Clerk | StaffRoles.Manager) && actor.Branch == notice.Branch);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
