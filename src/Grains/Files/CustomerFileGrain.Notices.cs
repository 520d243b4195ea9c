using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Retention;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The notices of a file's journey and of the work it waits for (issue 19): who must send it, that
/// it is on its way, that it waits for its borrower (and soon no longer), that its destruction waits
/// for approval. Each is put in the file's outbox (<see cref="CustomerFileState.UnpostedNotices"/>)
/// with the change that raised it, stored with it, and posted after it; its key (file, kind, date,
/// request or branch, person) makes a repeat of the same event the same row, so a retry after a
/// crash changes nothing, and a new event (a second request, another dispatch) a new row.
/// </summary>
public sealed partial class CustomerFileGrain
{
    /// <summary>
    /// If the file now waits on its home shelf to be sent to another branch's request (the head of
    /// its queue), tells the home branch, once per request (dated when the request was made):
    /// whichever change brought it there (the request itself, a return or a receipt at home, a
    /// request ahead of it withdrawn, the end of a repair or a stocktake).
    /// </summary>
    private void RaiseDispatchRequestIfWaiting(DateTimeOffset now)
    {
        if (CirculationRules.WhereaboutsOf(File).Stage != CirculationStage.AwaitingDispatch)
        {
            return;
        }
        var request = File.Requests[0];
        var notice = new LoanNotice(Id, NoticeKind.DispatchRequested, request.RequestedAt, File.Branch, File.FileNumber, "",
            request.Borrower, now, RequestId: request.RequestId);
        if (!File.UnpostedNotices.Any(n => n.Kind == notice.Kind && n.RequestId == notice.RequestId))
        {
            File.UnpostedNotices.Add(notice);
        }
    }

    /// <summary>Tells the branch a dispatched file travels to that it is on its way (one notice per dispatch).</summary>
    private void RaiseInTransit(TransitLeg leg, DateTimeOffset now)
    {
        var request = leg.RequestId is { } id ? File.Requests.FirstOrDefault(r => r.RequestId == id) : null;
        File.UnpostedNotices.Add(new LoanNotice(Id, NoticeKind.InTransitToYou, leg.DispatchedAt, leg.To, File.FileNumber, "",
            request?.Borrower ?? "", now, RequestId: request?.RequestId));
    }

    /// <summary>Tells the requesting branch, and the borrower in person, that the file waits for them there.</summary>
    private void RaiseArrivedForPickup(FileRequest request, DateTimeOffset now)
    {
        var notice = new LoanNotice(Id, NoticeKind.ArrivedForPickup, now, request.PickupBranch, File.FileNumber, "", request.Borrower, now,
            RequestId: request.RequestId);
        File.UnpostedNotices.Add(notice);
        File.UnpostedNotices.Add(notice with { Recipient = request.Borrower });
    }

    /// <summary>Tells the file's branch (whose manager reviews) and head office that an emergency access grant waits for its review, due then.</summary>
    private void RaiseAccessAwaitingReview(AccessRequest request) =>
        File.UnpostedNotices.Add(new LoanNotice(Id, NoticeKind.AccessAwaitingReview, request.ReviewDueAt!.Value, File.Branch, File.FileNumber, "",
            "", request.RequestedAt, RequestId: request.RequestId));

    /// <summary>Tells the file's branch (whose manager approves) and head office (whose archivist approves) that a destruction waits.</summary>
    private void RaiseDestructionAwaitingApproval(DestructionRequest request) =>
        File.UnpostedNotices.Add(new LoanNotice(Id, NoticeKind.DestructionAwaitingApproval, request.RequestedAt, File.Branch, File.FileNumber, "",
            "", request.RequestedAt, RequestId: request.RequestId));

    public async Task WarnPickupExpiring()
    {
        await _file.EnsureCurrentAsync();
        if (_file.Exists && File.HasUnpostedNotices)
        {
            await TryPostNoticesAsync();
        }
        var now = _clock.GetUtcNow();
        if (!_file.Exists || File.AwaitingPickupSince is not { } since || _circulation.PickupExpiryWarning <= TimeSpan.Zero)
        {
            return;
        }
        var expiresAt = since + _circulation.PickupExpiry;
        if (now < expiresAt - _circulation.PickupExpiryWarning || now >= expiresAt)
        {
            return; // not yet, or expired (ExpirePickup's turn)
        }
        var request = File.Requests.FirstOrDefault(r => r.RequestId == File.HeldFor);
        var there = request?.PickupBranch ?? File.AwayAt ?? File.Branch;
        // Keyed by the file and the moment the wait ends: once per wait, however often the sweeper asks.
        var notice = new LoanNotice(Id, NoticeKind.PickupExpiring, expiresAt, there, File.FileNumber, "", request?.Borrower ?? "", now,
            RequestId: request?.RequestId);
        // Nothing about the file changes, so nothing is stored: like the due-date reminders, the
        // warning follows from the stored state, and the sweeper asks again until its row exists.
        // The borrower's first: the branch's row is what the sweeper looks for, so once it exists both do.
        if (request is not null)
        {
            await _notices.AddAsync(notice with { Recipient = request.Borrower });
        }
        await _notices.AddAsync(notice);
    }
}
