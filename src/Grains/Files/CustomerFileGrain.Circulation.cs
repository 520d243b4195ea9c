using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Cross-branch circulation: requests queue per file; the file travels to the first requester
/// (dispatch → receive → pickup), is lent there, and travels home the same way after its return.
/// Each step checks the file's state first (<see cref="CirculationRules"/>) and answers 409 and
/// changes nothing when it is out of order; each hand-over is kept in the chain of custody.
/// </summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<RequestAnswer>> Request(RequestFileCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CirculationRules.RequestOperation, command);
        // Asked by the branch the file is to be lent at (the pickup branch), or head office.
        var branch = command.PickupBranch ?? File.Branch;
        var admission = await Admit<RequestAnswer>(actor, new(AuditActions.RequestFile, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CirculationRules.RequestOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } repeated)
        {
            return ArchiveResult<RequestAnswer>.Ok(await RepeatedRequestAsync(repeated.ResultId));
        }
        if (CirculationRules.IsPlainCheckout(File, command.PickupBranch!))
        {
            if (LendingRules.RefuseCheckout(File, _circulation.NeverLent) is { } refused)
            {
                return ArchiveResult<RequestAnswer>.Conflict(refused);
            }
            if (LendingRules.RefuseForSensitivity(File, actor, File.Branch) is { } forbiddenHere)
            {
                return await _audit.Deny<RequestAnswer>(_clock, actor, AuditActions.RequestFile, Id, File.Branch, forbiddenHere);
            }
            var lent = await LendAtHomeAsync(command.AsCheckout(), actor, idempotencyKey, CirculationRules.RequestOperation, fingerprint);
            return lent.Succeeded ? ArchiveResult<RequestAnswer>.Ok(new RequestAnswer(null, null, Shown(lent.Value!))) : lent.Refusal<RequestAnswer>();
        }
        if (File.Sensitivity == Sensitivity.Confidential && LendingRules.RefuseForSensitivity(File, actor, command.PickupBranch!) is { } forbidden)
        {
            // Restricted files may be requested; their pickup needs a manager.
            return await _audit.Deny<RequestAnswer>(_clock, actor, AuditActions.RequestFile, Id, command.PickupBranch, forbidden);
        }
        if (CirculationRules.RefuseRequest(File, command, _circulation) is { } reason)
        {
            return ArchiveResult<RequestAnswer>.Conflict(reason);
        }
        // The borrower must be known at the pickup branch now; their loan slot is taken at pickup.
        var known = await Borrower(command.Borrower!.Trim()).Admit(command.PickupBranch!, actor);
        if (!known.Succeeded)
        {
            return known.Refusal<RequestAnswer>();
        }

        var now = _clock.GetUtcNow();
        var request = new FileRequest(Guid.NewGuid().ToString("D"), command.Borrower!.Trim(), command.PickupBranch!,
            command.Purpose!.Trim(), command.Days!.Value, now, actor.Subject);
        File.Requests.Add(request);
        File.Record(new CustodyEvent(now, CustodyAction.Requested, actor.Subject, request.PickupBranch,
            $"Request {request.RequestId} for {request.Borrower}, place {File.Requests.Count}."));
        RecordChange(actor, idempotencyKey, CirculationRules.RequestOperation, fingerprint, request.RequestId, now);
        await _file.SaveAsync(Record(actor, AuditActions.RequestFile, Outcome.Created,
            $"Request {request.RequestId} of branch {request.PickupBranch} for {request.Borrower}, place {File.Requests.Count}."));
        await TryPostNoticesAsync();
        return ArchiveResult<RequestAnswer>.Ok(new RequestAnswer(request, File.Requests.Count, null));
    }

    public async Task<ArchiveResult<CustomerFile>> CancelRequest(string requestId, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        // Withdrawn by the branch that asked (or head office); a request not waiting is a 404 below, to anyone.
        var waiting = File.Requests.FirstOrDefault(r => r.RequestId == requestId);
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.CancelRequest,
            caller => waiting is null || caller.CanAct(Permissions.LendFiles, waiting.PickupBranch) ? null : $"Request {requestId} belongs to branch {waiting.PickupBranch}.",
            WhileInspected.Refused) { Branch = waiting?.PickupBranch });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (waiting is not { } request)
        {
            return ArchiveResult<CustomerFile>.NotFound($"Request {requestId} does not wait for file {File.FileNumber}.");
        }

        var now = _clock.GetUtcNow();
        File.Requests.Remove(request);
        if (File.HeldFor == requestId)
        {
            // Waiting at the pickup branch for nobody now: it goes home.
            File.HeldFor = null;
            File.Status = FileStatus.AwaitingDispatch;
        }
        File.Record(new CustodyEvent(now, CustodyAction.RequestCancelled, actor.Subject, request.PickupBranch, $"Request {requestId} withdrawn."));
        RecordChange(actor, null, "cancel-request", "", requestId, now);
        await _file.SaveAsync(Record(actor, AuditActions.CancelRequest, Outcome.Ok, $"Request {requestId} of branch {request.PickupBranch} withdrawn."));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<CustomerFile>> Dispatch(DispatchCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CirculationRules.DispatchOperation, command);
        // Only the branch that has the file in hand may send it.
        var branch = File.AwayAt ?? File.Branch;
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.Dispatch, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CirculationRules.DispatchOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        var now = _clock.GetUtcNow();
        var (leg, reason) = CirculationRules.Dispatch(File, command.Reference!.Trim(), actor.Subject, now);
        if (leg is null)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason!);
        }

        File.Transit = leg;
        File.AwayAt = null;
        File.Status = FileStatus.InTransit;
        File.Record(new CustodyEvent(now, CustodyAction.Dispatched, actor.Subject, leg.From,
            $"Sent from {leg.From} to {leg.To} ({leg.Direction}), reference {leg.Reference}.", From: leg.From, To: leg.To));
        RaiseInTransit(leg, now);
        RecordChange(actor, idempotencyKey, CirculationRules.DispatchOperation, fingerprint, File.Version.ToString(), now);
        await _file.SaveAsync(Record(actor, AuditActions.Dispatch, Outcome.Ok, $"Dispatched from {leg.From} to {leg.To}, reference {leg.Reference}."));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<CustomerFile>> Receive(ReceiveCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CirculationRules.ReceiveOperation, command);
        // Only the branch the file travels to may take it from the courier.
        var branch = File.Transit?.To ?? File.AwayAt ?? File.Branch;
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.Receive, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CirculationRules.ReceiveOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        if (CirculationRules.RefuseReceive(File) is { } reason)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason);
        }

        var now = _clock.GetUtcNow();
        var leg = File.Transit!;
        File.Transit = null;
        if (leg.Direction == TransitDirection.Home)
        {
            File.AwayAt = null;
            File.Status = File.ConditionOnReturn is { } condition ? LendingRules.StatusAfterReturn(condition) : FileStatus.OnShelf;
            File.ConditionOnReturn = null;
        }
        else
        {
            File.AwayAt = leg.To;
            var stillWanted = File.Requests.Any(r => r.RequestId == leg.RequestId);
            File.HeldFor = stillWanted ? leg.RequestId : null;
            File.HeldSince = stillWanted ? now : null;
            File.Status = stillWanted ? FileStatus.AwaitingPickup : FileStatus.AwaitingDispatch;
            if (stillWanted)
            {
                RaiseArrivedForPickup(File.Requests.First(r => r.RequestId == leg.RequestId), now);
            }
        }
        File.Record(new CustodyEvent(now, CustodyAction.Received, actor.Subject, leg.To,
            $"Received from {leg.From} (reference {leg.Reference}){(command.Notes is { Length: > 0 } notes ? ": " + notes.Trim() : "")}.",
            From: leg.From, To: leg.To));
        RecordChange(actor, idempotencyKey, CirculationRules.ReceiveOperation, fingerprint, File.Version.ToString(), now);
        await _file.SaveAsync(Record(actor, AuditActions.Receive, Outcome.Ok, $"Received at {leg.To} from {leg.From}; now {File.Status}."));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<Loan>> Pickup(PickupCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CirculationRules.PickupOperation, command);
        var branch = File.Requests.FirstOrDefault(r => r.RequestId == command.RequestId)?.PickupBranch ?? CirculationRules.HandlingBranch(File);
        var admission = await Admit<Loan>(actor, new(AuditActions.Pickup, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CirculationRules.PickupOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } repeated)
        {
            return ArchiveResult<Loan>.Ok(Shown((await FindLoanAsync(repeated.ResultId))!.Loan));
        }
        var (request, reason) = CirculationRules.Pickup(File, command.RequestId!, _circulation.NeverLent);
        if (request is null)
        {
            return ArchiveResult<Loan>.Conflict(reason!);
        }
        if (LendingRules.RefuseForSensitivity(File, actor, request.PickupBranch) is { } forbidden)
        {
            return await _audit.Deny<Loan>(_clock, actor, AuditActions.Pickup, Id, request.PickupBranch, forbidden);
        }

        var loanId = Guid.NewGuid().ToString("D");
        var slot = await ReserveSlotAsync(request.Borrower, loanId, request.PickupBranch, actor);
        if (!slot.Succeeded)
        {
            return slot.Refusal<Loan>();
        }
        var now = _clock.GetUtcNow();
        var loan = new Loan(loanId, Id, request.Borrower, request.PickupBranch, request.Purpose, now,
            now.AddDays(request.Days), actor.Subject, ApprovedBy: LendingRules.ApproverFor(File, actor));
        File.Requests.Remove(request);
        File.HeldFor = null;
        File.OpenLoan = loan;
        File.Status = FileStatus.CheckedOut;
        File.Record(new LoanRecord(loan, null, null, null, null));
        File.Record(new CustodyEvent(now, CustodyAction.PickedUp, actor.Subject, request.PickupBranch,
            $"Lent to {loan.Borrower} on loan {loan.LoanId} for request {request.RequestId}."));
        RecordChange(actor, idempotencyKey, CirculationRules.PickupOperation, fingerprint, loan.LoanId, now);
        await SaveLoanAsync(loan, slot.Value, () => _file.SaveAsync(Record(actor, AuditActions.Pickup, Outcome.Ok,
            $"Loan {loan.LoanId} to {loan.Borrower} at {loan.Branch} until {loan.DueAt:yyyy-MM-dd} (request {request.RequestId}).")));
        return ArchiveResult<Loan>.Ok(Shown(loan));
    }

    public async Task<ArchiveResult<Loan>> Renew(RenewCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(CirculationRules.RenewOperation, command);
        // A renewal moves nothing: an inspection lets it through.
        var branch = CirculationRules.HandlingBranch(File);
        var admission = await Admit<Loan>(actor, new(AuditActions.Renew, Lends(branch), WhileInspected.Allowed)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = CirculationRules.RenewOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null && File.OpenLoan is { } current)
        {
            return ArchiveResult<Loan>.Ok(Shown(current));
        }
        var now = _clock.GetUtcNow();
        if (CirculationRules.RefuseRenewal(File, command, _circulation, now) is { } reason)
        {
            return ArchiveResult<Loan>.Conflict(reason);
        }

        var open = File.OpenLoan!;
        // An overdue loan renews from today, not from its past due date.
        var renewed = open with { DueAt = (open.DueAt > now ? open.DueAt : now).AddDays(command.Days!.Value), Renewals = open.Renewals + 1 };
        File.OpenLoan = renewed;
        File.Record(new LoanRecord(renewed, null, null, null, null));
        File.Record(new CustodyEvent(now, CustodyAction.Renewed, actor.Subject, renewed.Branch,
            $"Loan {renewed.LoanId} renewed until {renewed.DueAt:yyyy-MM-dd} (renewal {renewed.Renewals})."));
        RecordChange(actor, idempotencyKey, CirculationRules.RenewOperation, fingerprint, renewed.LoanId, now);
        await _file.SaveAsync(Record(actor, AuditActions.Renew, Outcome.Ok,
            $"Loan {renewed.LoanId} renewed until {renewed.DueAt:yyyy-MM-dd}, renewal {renewed.Renewals} of {_circulation.MaxRenewals}."));
        return ArchiveResult<Loan>.Ok(Shown(renewed));
    }

    public async Task<ArchiveResult<IReadOnlyList<CustodyEvent>>> GetCustody(Actor actor)
    {
        var sight = await AdmitRegisterRead<IReadOnlyList<CustodyEvent>>(actor);
        return sight.Refusal ?? await Recorded(actor, sight.OnlyOf is null ? AccessKinds.Custody : AccessKinds.CustodyHandled,
            ArchiveResult<IReadOnlyList<CustodyEvent>>.Ok(await CustodyAsync(sight.OnlyOf is { } branch ? custody => custody.HandledBy(branch) : null)));
    }

    /// <summary>The custody trail, newest first: whole, or only the events <paramref name="include"/> keeps.</summary>
    private async Task<List<CustodyEvent>> CustodyAsync(Func<CustodyEvent, bool>? include, int limit = CustomerFileState.RegisterReadLimit) => NewestFirst(
        include is null ? await _register.CustodyAsync(Id, limit) : await _register.CustodyAsync(Id, limit, include),
        [.. File.UnwrittenCustodySoFar.Where(include ?? (_ => true))], (a, b) => a == b, limit);

    public async Task RaiseDueNotices()
    {
        await _file.EnsureCurrentAsync();
        if (File.OpenLoan is not { } loan)
        {
            return; // returned since the catalogue was read
        }
        var now = _clock.GetUtcNow();
        if (now >= loan.DueAt - _circulation.ReminderLead)
        {
            await _notices.AddAsync(new LoanNotice(Id, NoticeKind.DueSoon, loan.DueAt, loan.Branch, File.FileNumber, loan.LoanId, loan.Borrower, now));
        }
        if (now >= loan.DueAt)
        {
            await _notices.AddAsync(new LoanNotice(Id, NoticeKind.Overdue, loan.DueAt, loan.Branch, File.FileNumber, loan.LoanId, loan.Borrower, now));
            LogOverdue(Id, loan.LoanId, loan.Branch, loan.DueAt);
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "File {FileId} is overdue on loan {LoanId} at {Branch} (due {DueAt})")]
    private partial void LogOverdue(string fileId, string loanId, string branch, DateTimeOffset dueAt);

    /// <summary>
    /// Who may read the file at all: those shown its details, and branches with a request waiting
    /// for it (the cross-branch flow), which are shown only what <see cref="CustomerFileState.ToView"/> gives them.
    /// </summary>
    private bool Sees(Actor actor) => File.ShowsDetailsTo(actor) || File.ShowsOnlyRequestTo(actor);

    /// <summary>A repeated request answers what the first one came to, as far as the file still knows it.</summary>
    private async Task<RequestAnswer> RepeatedRequestAsync(string? resultId)
    {
        if (await FindLoanAsync(resultId) is { } lent)
        {
            return new RequestAnswer(null, null, Shown(lent.Loan));
        }
        var index = File.Requests.FindIndex(r => r.RequestId == resultId);
        return index >= 0 ? new RequestAnswer(File.Requests[index], index + 1, null) : new RequestAnswer(null, null, null);
    }
}
