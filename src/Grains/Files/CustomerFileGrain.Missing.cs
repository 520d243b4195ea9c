using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

using BranchArchive.Grains.Circulation;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The circulation's exceptions staff meet: a file declared missing (its transit and waiting
/// requests cancelled, the branches concerned notified), found again (back on its home shelf), and
/// a dispatch the sender calls back before it is received. The rules are in <see cref="MissingRules"/>;
/// every step is stored with its audit record and custody event, and its notices are posted after.
/// </summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<CustomerFile>> DeclareMissing(DeclareMissingCommand command, Actor actor)
    {
        // The home branch answers for the file and its count: its managers declare, or head office.
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.MarkMissing, Cares(Permissions.DeclareMissing), WhileInspected.Refused)
        {
            Errors = command.Validate(),
        });
        if (admission.Refusal is { } refused)
        {
            return refused;
        }
        if (MissingRules.RefuseDeclaration(File) is { } reason)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason);
        }

        var now = _clock.GetUtcNow();
        var note = command.Note!.Trim();
        var lastKnown = MissingRules.LastKnown(File);
        var concerned = MissingRules.BranchesConcerned(File);
        var cancelled = File.Requests.ToList();
        var transit = File.Transit;
        foreach (var request in cancelled)
        {
            File.Record(new CustodyEvent(now, CustodyAction.RequestCancelled, actor.Subject, request.PickupBranch,
                $"Request {request.RequestId} for {request.Borrower} cancelled: the file was declared missing."));
            File.UnpostedNotices.Add(Notice(NoticeKind.RequestCancelled, request.PickupBranch, now, request));
        }
        foreach (var branch in concerned)
        {
            File.UnpostedNotices.Add(Notice(NoticeKind.DeclaredMissing, branch, now));
        }
        // Missing from its home: the stocktake of its cabinet looks for it there from now on.
        File.Requests.Clear();
        File.Transit = null;
        File.AwayAt = null;
        File.HeldFor = null;
        File.HeldSince = null;
        File.ConditionOnReturn = null;
        File.Status = FileStatus.Missing;
        File.Record(new CustodyEvent(now, CustodyAction.DeclaredMissing, actor.Subject, File.Branch,
            $"Declared missing, last known {lastKnown}: {note}"));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.MarkMissing, Outcome.Ok,
            $"Declared missing, last known {lastKnown}{(transit is null ? "" : "; transit cancelled")}" +
            $"{(cancelled.Count == 0 ? "" : $"; {cancelled.Count} request(s) cancelled ({string.Join(", ", cancelled.Select(r => r.RequestId))})")}: {note}"));
        LogDeclaredMissing(Id, File.FileNumber, lastKnown, cancelled.Count);
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, now));
    }

    public async Task<ArchiveResult<CustomerFile>> Found(FoundCommand command, Actor actor)
    {
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.FoundAgain, Cares(Permissions.DeclareMissing), WhileInspected.Refused)
        {
            Errors = command.Validate(),
        });
        if (admission.Refusal is { } refused)
        {
            return refused;
        }
        if (MissingRules.RefuseFound(File) is { } reason)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason);
        }
        // Its place in its cabinet was kept while it was missing; taking it again is a no-op then,
        // and puts the roster right if it had lost the file (refused, and nothing changes, if full).
        var shelved = await GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(File.Branch, File.Cabinet)).Shelve(Id);
        if (!shelved.Succeeded)
        {
            return shelved.Refusal<CustomerFile>();
        }

        var now = _clock.GetUtcNow();
        var note = command.Note is { Length: > 0 } text ? ": " + text.Trim() : ".";
        File.Status = FileStatus.OnShelf;
        File.Record(new CustodyEvent(now, CustodyAction.Found, actor.Subject, File.Branch, $"Found and back in {File.Branch}/{File.Cabinet}{note}"));
        File.UnpostedNotices.Add(Notice(NoticeKind.Found, File.Branch, now));
        Touch(now);
        await _file.SaveAsync(Record(actor, AuditActions.FoundAgain, Outcome.Ok, $"Found; back on the shelf in {File.Branch}/{File.Cabinet}{note}"));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, now));
    }

    public async Task<ArchiveResult<CustomerFile>> CancelTransit(CancelTransitCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(MissingRules.CancelTransitOperation, command);
        // Only the branch that sent the file calls it back (or head office).
        var branch = File.Transit?.From ?? CirculationRules.HandlingBranch(File);
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.CancelTransit, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = MissingRules.CancelTransitOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        if (MissingRules.RefuseCancelTransit(File) is { } reason)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason);
        }

        var now = _clock.GetUtcNow();
        var leg = File.Transit!;
        var reasonText = command.Reason!.Trim();
        File.Transit = null;
        if (leg.Direction == TransitDirection.Home)
        {
            // Back at the branch it was lent at, waiting to be sent home again (its return's condition kept).
            File.AwayAt = leg.From;
            File.Status = FileStatus.AwaitingDispatch;
        }
        else
        {
            // Back on its home shelf; the request it travelled for keeps its place at the head of the
            // queue (the requester withdraws it if it no longer wants the file), so it is sent again.
            File.AwayAt = null;
            File.Status = FileStatus.OnShelf;
        }
        var request = File.Requests.FirstOrDefault(r => r.RequestId == leg.RequestId);
        File.UnpostedNotices.Add(Notice(NoticeKind.TransitCancelled, leg.To, now, request));
        File.Record(new CustodyEvent(now, CustodyAction.TransitCancelled, actor.Subject, leg.From,
            $"Dispatch to {leg.To} (reference {leg.Reference}) called back before it was received: {reasonText}", From: leg.From, To: leg.To));
        RecordChange(actor, idempotencyKey, MissingRules.CancelTransitOperation, fingerprint, File.Version.ToString(), now);
        await _file.SaveAsync(Record(actor, AuditActions.CancelTransit, Outcome.Ok,
            $"Transit from {leg.From} to {leg.To} (reference {leg.Reference}) cancelled; now {File.Status} at {leg.From}: {reasonText}"));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    /// <summary>A notice about this file to <paramref name="branch"/>, dated when it happened; about a request when one is named.</summary>
    private LoanNotice Notice(NoticeKind kind, string branch, DateTimeOffset at, FileRequest? request = null) =>
        new(Id, kind, at, branch, File.FileNumber, "", request?.Borrower ?? "", at, RequestId: request?.RequestId);

    /// <summary>
    /// Posts the notices the last change raised. They stay in the state until posted: if the notice
    /// board can't be written now, the change stands and they are posted on the next activation
    /// (or with the next change), never lost and never twice.
    /// </summary>
    private async Task TryPostNoticesAsync()
    {
        try
        {
            await NoticeOutbox.PostAsync(_notices, File.UnpostedNotices);
        }
        catch (Exception exception)
        {
            LogNoticesDeferred(exception, Id, File.UnpostedNotices.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} (number {FileNumber}) declared missing, last known {LastKnown}; {Cancelled} request(s) cancelled")]
    private partial void LogDeclaredMissing(string fileId, long fileNumber, string lastKnown, int cancelled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} notice(s) of file {FileId} could not be posted yet; they are posted on its next activation")]
    private partial void LogNoticesDeferred(Exception exception, string fileId, int count);
}
