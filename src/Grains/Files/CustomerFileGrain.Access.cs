using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Purpose-bound access (查看权限申请, issue 21): staff not shown a file in full ask to read it, with a
/// reason; a manager of its branch or head office approves it for a limited time or refuses it; the
/// asker may withdraw. An emergency grants at once and waits for a review. The rules are in
/// <see cref="AccessGrants"/>; every step is audited and entered in the file's custody register.
/// Until a grant is active nothing of the file is answered to the asker but their own request.
/// </summary>
public sealed partial class CustomerFileGrain
{
    private const string RequestAccessOperation = "request-access";
    private const string EmergencyAccessOperation = "emergency-access";

    public Task<ArchiveResult<AccessRequest>> RequestAccess(RequestAccessCommand command, Actor actor, string? idempotencyKey) =>
        AskAccessAsync(command, actor, idempotencyKey, emergency: false);

    public Task<ArchiveResult<AccessRequest>> EmergencyAccess(RequestAccessCommand command, Actor actor, string? idempotencyKey) =>
        AskAccessAsync(command, actor, idempotencyKey, emergency: true);

    private async Task<ArchiveResult<AccessRequest>> AskAccessAsync(RequestAccessCommand command, Actor actor, string? idempotencyKey, bool emergency)
    {
        await _file.EnsureCurrentAsync();
        var (operation, action) = emergency ? (EmergencyAccessOperation, AuditActions.EmergencyAccess) : (RequestAccessOperation, AuditActions.RequestAccess);
        var fingerprint = RecentRequests.Fingerprint(operation, command);
        var errors = command.Validate();
        var hours = emergency ? (int)Math.Ceiling(_access.EmergencyGrant.TotalHours) : AccessGrants.HoursFor(command.Hours, _access);
        if (errors.IsValid && hours is null)
        {
            errors.Add("hours", $"may be at most {_access.MaxGrant.TotalHours:0} (Access:MaxGrant).");
        }
        var admission = await Admit<AccessRequest>(actor, new(action, Asks, WhileInspected.Allowed)
        {
            AfterDestruction = true, Errors = errors, IdempotencyKey = idempotencyKey, Operation = operation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } earlier)
        {
            return FindAccess(earlier.ResultId) is { } repeated
                ? ArchiveResult<AccessRequest>.Ok(repeated.ShownAt(_clock.GetUtcNow()))
                : ArchiveResult<AccessRequest>.Conflict("This Idempotency-Key was already used for a different request.");
        }
        var now = _clock.GetUtcNow();
        if (AccessGrants.RefuseRequest(File, actor, now) is { } conflict)
        {
            return ArchiveResult<AccessRequest>.Conflict(conflict);
        }

        var reason = command.Reason!.Trim();
        var request = new AccessRequest(Guid.NewGuid().ToString("D"), Id, actor.Subject, actor.Branch, reason, hours!.Value,
            emergency ? AccessRequestStatus.Granted : AccessRequestStatus.Pending, now, emergency,
            GrantedUntil: emergency ? now.AddHours(hours.Value) : null, ReviewDueAt: emergency ? now + _access.EmergencyReviewWithin : null);
        // Listed under the asker first: a crash before the file's write leaves an entry the file does not know, skipped when listed.
        await GrainFactory.GetGrain<IAccessRequesterGrain>(actor.Subject).Remember(Id);
        File.AccessRequests.Add(request);
        File.Record(new CustodyEvent(now, emergency ? CustodyAction.AccessGrantedInEmergency : CustodyAction.AccessRequested, actor.Subject, File.Branch,
            emergency
                ? $"Emergency access {request.RequestId} for {hours} hour(s), until {request.GrantedUntil:yyyy-MM-dd HH:mm} UTC, for \"{reason}\"; to be reviewed by {request.ReviewDueAt:yyyy-MM-dd HH:mm} UTC."
                : $"Access {request.RequestId} asked for {hours} hour(s) for \"{reason}\"."));
        if (emergency)
        {
            RaiseAccessAwaitingReview(request);
        }
        RecordChange(actor, idempotencyKey, operation, fingerprint, request.RequestId, now);
        await _file.SaveAsync(Record(actor, action, Outcome.Created, emergency
            ? $"Emergency access {request.RequestId} granted at once for {hours} hour(s); review due {request.ReviewDueAt:yyyy-MM-dd HH:mm} UTC. Reason: {reason}"
            : $"Access {request.RequestId} asked for {hours} hour(s). Reason: {reason}"));
        LogAccessAsked(Id, request.RequestId, actor.Subject, emergency);
        await TryPostNoticesAsync();
        return ArchiveResult<AccessRequest>.Created(request);
    }

    public async Task<ArchiveResult<AccessRequest>> ApproveAccess(string requestId, ApproveAccessCommand command, Actor actor)
    {
        var admitted = await AdmitDecision(requestId, command.Validate(), actor, AuditActions.ApproveAccess);
        if (admitted.Refusal is { } refusal)
        {
            return refusal;
        }
        var request = admitted.Request!;
        var now = _clock.GetUtcNow();
        if (request.Status != AccessRequestStatus.Pending)
        {
            return Repeated(request, AccessRequestStatus.Granted, actor, now);
        }
        var hours = Math.Min(command.Hours ?? request.Hours, request.Hours);
        var note = command.Note?.Trim();
        var granted = request with
        {
            Status = AccessRequestStatus.Granted, DecidedBy = actor.Subject, DecidedAt = now, DecisionNote = note, GrantedUntil = now.AddHours(hours),
        };
        return await DecideAsync(granted, actor, AuditActions.ApproveAccess, CustodyAction.AccessGranted, now,
            $"Access {request.RequestId} of {request.Requester} approved for {hours} hour(s), until {granted.GrantedUntil:yyyy-MM-dd HH:mm} UTC{Noted(note)}");
    }

    public async Task<ArchiveResult<AccessRequest>> RefuseAccess(string requestId, DecideAccessCommand command, Actor actor)
    {
        var admitted = await AdmitDecision(requestId, command.ValidateRequired(), actor, AuditActions.RefuseAccess);
        if (admitted.Refusal is { } refusal)
        {
            return refusal;
        }
        var request = admitted.Request!;
        var now = _clock.GetUtcNow();
        if (request.Status != AccessRequestStatus.Pending)
        {
            return Repeated(request, AccessRequestStatus.Refused, actor, now);
        }
        var note = command.Note!.Trim();
        return await DecideAsync(request with { Status = AccessRequestStatus.Refused, DecidedBy = actor.Subject, DecidedAt = now, DecisionNote = note },
            actor, AuditActions.RefuseAccess, CustodyAction.AccessRefused, now, $"Access {request.RequestId} of {request.Requester} refused{Noted(note)}");
    }

    public async Task<ArchiveResult<AccessRequest>> WithdrawAccess(string requestId, DecideAccessCommand command, Actor actor)
    {
        // Anyone may try: who may withdraw is the request's requester, checked against it below.
        var admission = await Admit<AccessRequest>(actor, new(AuditActions.WithdrawAccess, _ => null, WhileInspected.Allowed)
        {
            AfterDestruction = true, Errors = command.Validate(),
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        var now = _clock.GetUtcNow();
        if (FindAccess(requestId) is not { } request || (request.Requester != actor.Subject && !AccessGrants.SeesAllRequests(File, actor)))
        {
            return NoSuchAccess(requestId);
        }
        if (request.Requester != actor.Subject)
        {
            return await _audit.Deny<AccessRequest>(_clock, actor, AuditActions.WithdrawAccess, Id, File.Branch,
                $"Only {request.Requester}, who asked, may withdraw access request {requestId}; an approver refuses it or, for an emergency, revokes it at review.");
        }
        if (request.Status == AccessRequestStatus.Withdrawn)
        {
            return ArchiveResult<AccessRequest>.Ok(request.ShownAt(now)); // a repeat changes nothing
        }
        if (request.Status != AccessRequestStatus.Pending && !request.GrantsAt(now))
        {
            return ArchiveResult<AccessRequest>.Conflict($"Access request {requestId} is {request.ShownAt(now).Status}; there is nothing left to withdraw.");
        }
        var note = command.Note?.Trim();
        return await DecideAsync(request with { Status = AccessRequestStatus.Withdrawn, GrantedUntil = request.GrantedUntil is null ? null : now },
            actor, AuditActions.WithdrawAccess, CustodyAction.AccessWithdrawn, now, $"Access {request.RequestId} withdrawn by its requester{Noted(note)}");
    }

    public async Task<ArchiveResult<AccessRequest>> ReviewAccess(string requestId, ReviewAccessCommand command, Actor actor)
    {
        var admitted = await AdmitDecision(requestId, command.Validate(), actor, AuditActions.ReviewAccess);
        if (admitted.Refusal is { } refusal)
        {
            return refusal;
        }
        var request = admitted.Request!;
        var now = _clock.GetUtcNow();
        if (!request.Emergency)
        {
            return ArchiveResult<AccessRequest>.Conflict($"Access request {requestId} was not an emergency grant; only those are reviewed.");
        }
        if (request.ReviewedAt is not null)
        {
            return request.ReviewedBy == actor.Subject
                ? ArchiveResult<AccessRequest>.Ok(request.ShownAt(now))
                : ArchiveResult<AccessRequest>.Conflict($"Emergency access {requestId} was reviewed already by {request.ReviewedBy}.");
        }
        var note = command.Note!.Trim();
        var revoke = command.Revoke && request.GrantsAt(now);
        var overdue = request.ReviewDueAt <= now ? " (after its deadline)" : "";
        var reviewed = request with
        {
            ReviewedBy = actor.Subject, ReviewedAt = now, ReviewNote = note,
            Status = revoke ? AccessRequestStatus.Revoked : request.Status, GrantedUntil = revoke ? now : request.GrantedUntil,
        };
        return await DecideAsync(reviewed, actor, AuditActions.ReviewAccess, CustodyAction.AccessReviewed, now,
            $"Emergency access {request.RequestId} of {request.Requester} reviewed{overdue}{(revoke ? "; the grant is revoked" : "")}{Noted(note)}");
    }

    /// <summary>
    /// The file's access requests, newest first: all of them for its deciders (managers of its
    /// branch, head office) and auditors; only the caller's own for anyone else (so nothing of the
    /// file is disclosed to an asker, and a file not seen at all answers like one never asked for).
    /// </summary>
    public async Task<ArchiveResult<IReadOnlyList<AccessRequest>>> GetAccessRequests(Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return NotFound<IReadOnlyList<AccessRequest>>();
        }
        var now = _clock.GetUtcNow();
        var all = AccessGrants.SeesAllRequests(File, actor);
        return ArchiveResult<IReadOnlyList<AccessRequest>>.Ok(File.AccessRequestsSoFar
            .Where(r => all || r.Requester == actor.Subject).Reverse().Select(r => r.ShownAt(now)).ToList());
    }

    /// <summary>How <paramref name="actor"/> reads the file now: through an active grant, if they hold one (<see cref="AccessGrants.Reader"/>).</summary>
    private Actor ReaderOf(Actor actor) => AccessGrants.Reader(File, actor, _clock.GetUtcNow());

    private readonly record struct AccessDecision(ArchiveResult<AccessRequest>? Refusal, AccessRequest? Request);

    /// <summary>Who asks for access: branch staff (other roles are shown every file already).</summary>
    private static string? Asks(Actor actor) =>
        actor.Has(Permissions.RequestAccess) ? null : "Access requests are asked by branch staff; your role is shown every file already.";

    /// <summary>
    /// The checks an approval, refusal or review passes: the file's admission for a manager of its
    /// branch or head office (after its destruction too: a grant given must still be reviewed), then
    /// the request exists and is not the caller's own (that denial audited too, changing nothing).
    /// </summary>
    private async Task<AccessDecision> AdmitDecision(string requestId, ValidationErrors errors, Actor actor, string action)
    {
        var admission = await Admit<AccessRequest>(actor, new(action,
            decider => AccessGrants.MayDecide(File, decider) ? null : $"Access to file {Id} is decided by a manager of its branch or head office.",
            WhileInspected.Allowed) { AfterDestruction = true, Errors = errors });
        if (admission.Refusal is { } refusal)
        {
            return new(refusal, null);
        }
        if (FindAccess(requestId) is not { } request)
        {
            return new(NoSuchAccess(requestId), null);
        }
        if (request.Requester == actor.Subject)
        {
            return new(await _audit.Deny<AccessRequest>(_clock, actor, action, Id, File.Branch,
                $"Access request {requestId} is your own; another manager of branch {File.Branch} or head office decides it."), null);
        }
        return new(null, request);
    }

    /// <summary>A decision asked again: the same outcome by the same person answers it (a repeat); anything else is a conflict.</summary>
    private ArchiveResult<AccessRequest> Repeated(AccessRequest request, AccessRequestStatus asked, Actor actor, DateTimeOffset now) =>
        request.Status == asked && request.DecidedBy == actor.Subject
            ? ArchiveResult<AccessRequest>.Ok(request.ShownAt(now))
            : ArchiveResult<AccessRequest>.Conflict($"Access request {request.RequestId} is {request.ShownAt(now).Status} already" +
                (request.DecidedBy is { } by ? $", decided by {by}." : "."));

    /// <summary>Stores the request's new state with its custody entry and audit record, and answers it.</summary>
    private async Task<ArchiveResult<AccessRequest>> DecideAsync(AccessRequest changed, Actor actor, string action, CustodyAction custody, DateTimeOffset now, string detail)
    {
        var index = File.AccessRequests.FindIndex(r => r.RequestId == changed.RequestId);
        File.AccessRequests[index] = changed;
        AccessGrants.Prune(File.AccessRequests, now, _access.FinishedKept);
        File.Record(new CustodyEvent(now, custody, actor.Subject, File.Branch, detail + "."));
        Touch(now);
        await _file.SaveAsync(Record(actor, action, Outcome.Ok, detail + "."));
        LogAccessDecided(Id, changed.RequestId, action, actor.Subject);
        return ArchiveResult<AccessRequest>.Ok(changed.ShownAt(now));
    }

    private AccessRequest? FindAccess(string? requestId) => File.AccessRequestsSoFar.FirstOrDefault(r => r.RequestId == requestId);

    private ArchiveResult<AccessRequest> NoSuchAccess(string requestId) =>
        ArchiveResult<AccessRequest>.NotFound($"File {Id} has no access request {requestId} of yours to act on.");

    private static string Noted(string? note) => note is { Length: > 0 } ? $": {note}" : "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Access to file {FileId} asked as {RequestId} by {Subject} (emergency: {Emergency})")]
    private partial void LogAccessAsked(string fileId, string requestId, string subject, bool emergency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access request {RequestId} of file {FileId}: {Action} by {Subject}")]
    private partial void LogAccessDecided(string fileId, string requestId, string action, string subject);
}
