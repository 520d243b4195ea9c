using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

/// <summary>
/// On-site reading: how files that are never lent (accounting archives, say) are used. The file
/// stays in its branch: it is taken from its shelf for the reading and put back when it closes,
/// and while it is read it can't be lent, requested away or dispatched.
/// </summary>
public sealed partial class CustomerFileGrain
{
    private const string OpenReadingOperation = "open-reading";
    private const string CloseReadingOperation = "close-reading";

    public async Task<ArchiveResult<ReadingSession>> OpenReading(OpenReadingCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(OpenReadingOperation, command);
        var admission = await Admit<ReadingSession>(actor, new(AuditActions.OpenReading, Lends(File.Branch), WhileInspected.Refused)
        {
            Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = OpenReadingOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null && File.Reading is { } open)
        {
            return ArchiveResult<ReadingSession>.Ok(open);
        }
        if (File.Status != FileStatus.OnShelf)
        {
            return ArchiveResult<ReadingSession>.Conflict($"File {File.FileNumber} is {File.Status}, not on its shelf in branch {File.Branch}.");
        }
        if (!actor.Has(Permissions.ApproveLending))
        {
            return await _audit.Deny<ReadingSession>(_clock, actor, AuditActions.OpenReading, Id, File.Branch,
                $"A reading of file {File.FileNumber} needs a manager's approval: a manager of branch {File.Branch} opens it.");
        }
        var requestIndex = command.RequestId is { } requestId ? File.ReadingRequests.FindIndex(r => r.RequestId == requestId) : -1;
        if (RefuseOpening(command, requestIndex) is { } notApproved)
        {
            return ArchiveResult<ReadingSession>.Conflict(notApproved);
        }

        var now = _clock.GetUtcNow();
        var sessionId = Guid.NewGuid().ToString("D");
        var request = requestIndex >= 0 ? File.ReadingRequests[requestIndex] : null;
        var session = request is null
            ? new ReadingSession(sessionId, command.Reader!.Trim(), command.Purpose!.Trim(), actor.Subject, now)
            : new ReadingSession(sessionId, request.OutsideParty is { } party ? $"{request.Reader} ({party})" : request.Reader, request.Purpose,
                string.Join(", ", new[] { request.FinanceApproval?.By, request.HeadOfficeApproval?.By, actor.Subject }.OfType<string>().Distinct()),
                now, RequestId: request.RequestId);
        if (request is not null)
        {
            File.ReadingRequests[requestIndex] = request with { Status = ReadingRequestStatus.Opened, SessionId = sessionId };
        }
        File.Reading = session;
        File.Status = FileStatus.InReading;
        File.Record(new CustodyEvent(now, CustodyAction.ReadingOpened, actor.Subject, File.Branch,
            $"Reading {session.SessionId} by {session.Reader} for \"{session.Purpose}\", approved by {session.ApprovedBy}"
            + (request is null ? "." : $" (reading request {request.RequestId}{(request.LetterReference is { } letter ? ", official letter " + letter : "")}).")));
        RecordChange(actor, idempotencyKey, OpenReadingOperation, fingerprint, session.SessionId, now);
        await _file.SaveAsync(Record(actor, AuditActions.OpenReading, Outcome.Ok, $"Reading {session.SessionId} by {session.Reader} opened."));
        return ArchiveResult<ReadingSession>.Ok(session);
    }

    /// <summary>
    /// Why a reading can't open as asked (a 409's detail), or null: an accounting file is read only
    /// under an approved reading request, and a request named must be this file's and approved.
    /// </summary>
    private string? RefuseOpening(OpenReadingCommand command, int requestIndex)
    {
        if (command.RequestId is null)
        {
            return IsAccountingFile
                ? $"File {File.FileNumber} is an accounting file: its reading needs a reading request approved by a finance approver of branch {File.Branch}; open the reading for that request."
                : null;
        }
        if (requestIndex < 0)
        {
            return $"File {File.FileNumber} has no reading request {command.RequestId}.";
        }
        var request = File.ReadingRequests[requestIndex];
        return request.Status == ReadingRequestStatus.Approved ? null
            : request.Status == ReadingRequestStatus.Pending ? $"Reading request {request.RequestId} still awaits {ReadingRequestRules.Awaited(request, File.Branch)}."
            : $"Reading request {request.RequestId} is {request.Status}; only an approved request opens a reading.";
    }

    public async Task<ArchiveResult<CustomerFile>> CloseReading(CloseReadingCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CloseReadingOperation, command);
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.CloseReading, Lends(File.Branch), WhileInspected.Refused)
        {
            Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CloseReadingOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        if (File.Reading is not { } session || session.SessionId != command.SessionId)
        {
            return ArchiveResult<CustomerFile>.Conflict(File.Reading is { } other
                ? $"Reading {command.SessionId} is not the open reading of file {File.FileNumber}; {other.SessionId} is."
                : $"File {File.FileNumber} has no open reading; it is {File.Status}.");
        }

        var now = _clock.GetUtcNow();
        File.Reading = null;
        File.Status = FileStatus.OnShelf;
        File.Record(new CustodyEvent(now, CustodyAction.ReadingClosed, actor.Subject, File.Branch,
            $"Reading {session.SessionId} by {session.Reader} closed{(command.Notes is { Length: > 0 } notes ? ": " + notes.Trim() : "")}."));
        RecordChange(actor, idempotencyKey, CloseReadingOperation, fingerprint, session.SessionId, now);
        await _file.SaveAsync(Record(actor, AuditActions.CloseReading, Outcome.Ok, $"Reading {session.SessionId} closed; back on the shelf."));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, now));
    }
}
