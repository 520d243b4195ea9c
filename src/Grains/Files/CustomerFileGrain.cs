using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Telemetry;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Grains.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Files;

public sealed partial class CustomerFileGrain : Grain, ICustomerFileGrain
{
    private readonly AuditedState<CustomerFileState> _file;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger<CustomerFileGrain> _logger;
    private readonly CirculationOptions _circulation;
    private readonly ILoanNotices _notices;
    private readonly RetentionOptions _retention;
    private readonly IFileRegister _register;
    private readonly CatalogueMetrics _catalogueMetrics;
    private readonly AccessOptions _access;
    private readonly ICatalogue _catalogue;

    public CustomerFileGrain(
        IAuditLog audit, IChangeStore changes, ICatalogue catalogue, IFileRegister register, CatalogueMetrics catalogueMetrics, TimeProvider clock,
        IOptions<CirculationOptions> circulation, ILoanNotices notices, IOptions<RetentionOptions> retention, ILogger<CustomerFileGrain> logger,
        IOptions<AccessOptions> access)
    {
        // Every stored change commits, with it, its audit record, the file's line in head office's
        // catalogue and its new register entries, in one transaction.
        _file = new AuditedState<CustomerFileState>(this, StateNames.CustomerFile, changes, source: this);
        _catalogue = catalogue;
        (_audit, _clock, _logger, _circulation, _notices, _retention, _register, _catalogueMetrics) =
            (audit, clock, logger, circulation.Value, notices, retention.Value, register, catalogueMetrics);
        _access = access.Value;
    }

    private string Id => this.GetPrimaryKeyString();
    private CustomerFileState File => _file.Value;

    /// <summary>Moves audit records left by a crash into the log before anything else happens.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _file.EnsureCurrentAsync();
        if (_file.Exists && File.Cleanup is not null)
        {
            await TryFinishDestructionAsync(); // a process died before a destruction's last steps
        }
        if (_file.Exists && File.HasUnpostedNotices)
        {
            await TryPostNoticesAsync(); // a process died between a change and its notices
        }
        if (_file.Exists && File.Relocating is not null)
        {
            try
            {
                await FinishRelocationOrRetryLaterAsync(); // a process died midway: finish the move first
            }
            catch (Exception exception)
            {
                LogRelocationDeferred(exception, Id); // the timer goes on trying
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relocation of {FileId} could not be finished yet; it is retried")]
    private partial void LogRelocationDeferred(Exception exception, string fileId);

    public async Task<ArchiveResult<CustomerFile>> Register(RegisterFileCommand command, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint("register", command);
        if (_file.Exists)
        {
            return File.RegistrationFingerprint == fingerprint
                ? ArchiveResult<CustomerFile>.Created(View(actor, _clock.GetUtcNow()))
                : ArchiveResult<CustomerFile>.Conflict($"File {Id} is already registered by another request.");
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<CustomerFile>.Invalid(errors.ToDictionary());
        }
        if (RelationshipEnd.RefuseFuture(command.RelationshipEndedOn, _clock.GetUtcNow()) is { } future)
        {
            return ArchiveResult<CustomerFile>.Invalid(RelationshipEnd.Field, future);
        }
        if (!actor.CanAct(Permissions.RegisterFiles, command.Branch!))
        {
            return await _audit.Deny<CustomerFile>(_clock, actor, AuditActions.RegisterFile, Id, command.Branch,
                $"You may not register files in branch {command.Branch}.");
        }

        // The cabinet keeps its place for this id even if we fail below; a retry reuses it.
        var cabinet = GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(command.Branch!, command.Cabinet!));
        var shelved = await cabinet.Shelve(Id);
        if (!shelved.Succeeded)
        {
            return shelved.Refusal<CustomerFile>();
        }
        var number = await GrainFactory.GetGrain<IFileNumberGrain>(0).Next();

        Fill(command, actor, number, fingerprint);
        await _file.SaveAsync(Record(actor, AuditActions.RegisterFile, Outcome.Created,
            $"File number {number} shelved in {File.Branch}/{File.Cabinet}.{DescribeNeverLent(command)}"));
        LogRegistered(Id, number, File.Branch, File.Cabinet);
        await RecordIdentityAsync(File.Customer);
        return ArchiveResult<CustomerFile>.Created(View(actor, _clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<CustomerFile>> Get(Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return NotFound<CustomerFile>();
        }
        var reader = ReaderOf(actor);
        return Sees(reader)
            ? await Recorded(actor, AccessKinds.Details, ArchiveResult<CustomerFile>.Ok(View(reader, _clock.GetUtcNow())))
            : await _audit.Deny<CustomerFile>(_clock, actor, AuditActions.ReadFile, Id, File.Branch, $"File {Id} belongs to branch {File.Branch}.");
    }

    public async Task<ArchiveResult<Loan>> CheckOut(CheckoutCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(LendingRules.CheckoutOperation, command);
        var admission = await Admit<Loan>(actor, new(AuditActions.CheckOut, Lends(File.Branch), WhileInspected.Refused)
        {
            Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = LendingRules.CheckoutOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is { } repeated)
        {
            return ArchiveResult<Loan>.Ok(Shown((await FindLoanAsync(repeated.ResultId))!.Loan));
        }
        if (LendingRules.RefuseCheckout(File, _circulation.NeverLent) is { } reason)
        {
            return ArchiveResult<Loan>.Conflict(reason);
        }
        if (LendingRules.RefuseForSensitivity(File, actor, File.Branch) is { } forbidden)
        {
            return await _audit.Deny<Loan>(_clock, actor, AuditActions.CheckOut, Id, File.Branch, forbidden);
        }
        var lent = await LendAtHomeAsync(command, actor, idempotencyKey, LendingRules.CheckoutOperation, fingerprint);
        return lent.Succeeded ? ArchiveResult<Loan>.Ok(Shown(lent.Value!)) : lent;
    }

    /// <summary>The file as <paramref name="actor"/> may see it now.</summary>
    private CustomerFile View(Actor actor, DateTimeOffset now) => File.ToView(Id, actor, now, _circulation);

    /// <summary>A loan as answered: with the renewals it has left.</summary>
    private Loan Shown(Loan loan) => loan.Shown(_circulation.MaxRenewals);

    /// <summary>
    /// Opens a loan on a file on its home shelf (checked by the caller) and stores it, once the
    /// borrower is known at the branch and has a loan slot free (refused otherwise, changing nothing).
    /// </summary>
    private async Task<ArchiveResult<Loan>> LendAtHomeAsync(CheckoutCommand command, Actor actor, string? idempotencyKey, string operation, string fingerprint)
    {
        var loanId = Guid.NewGuid().ToString("D");
        var borrower = command.Borrower!.Trim();
        var slot = await ReserveSlotAsync(borrower, loanId, File.Branch, actor);
        if (!slot.Succeeded)
        {
            return slot.Refusal<Loan>();
        }
        var now = _clock.GetUtcNow();
        var loan = new Loan(loanId, Id, borrower, File.Branch,
            command.Purpose!.Trim(), now, now.AddDays(command.Days!.Value), actor.Subject, ApprovedBy: LendingRules.ApproverFor(File, actor));
        File.OpenLoan = loan;
        File.Status = FileStatus.CheckedOut;
        File.Record(new LoanRecord(loan, null, null, null, null));
        RecordChange(actor, idempotencyKey, operation, fingerprint, loan.LoanId, now);
        await SaveLoanAsync(loan, slot.Value, () => _file.SaveAsync(Record(actor, AuditActions.CheckOut, Outcome.Ok,
            $"Loan {loan.LoanId} to {loan.Borrower} until {loan.DueAt:yyyy-MM-dd}.")));
        LogCheckedOut(Id, loan.LoanId, loan.Borrower, loan.Branch);
        return ArchiveResult<Loan>.Ok(loan);
    }

    public async Task<ArchiveResult<CustomerFile>> Return(ReturnCommand command, Actor actor, string? idempotencyKey)
    {
        await _file.EnsureCurrentAsync();
        var fingerprint = RecentRequests.Fingerprint(LendingRules.ReturnOperation, command);
        // Taken back where it was lent: at home, or at the branch that requested it.
        var branch = CirculationRules.HandlingBranch(File);
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.Return, Lends(branch), WhileInspected.Refused)
        {
            Branch = branch, Errors = command.Validate(), IdempotencyKey = idempotencyKey, Operation = LendingRules.ReturnOperation, Fingerprint = fingerprint,
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (admission.Repeated is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        if (File.OpenLoan is not { } loan || loan.LoanId != command.LoanId)
        {
            return ArchiveResult<CustomerFile>.Conflict(LendingRules.DescribeNoSuchLoan(File, command.LoanId!));
        }

        var now = _clock.GetUtcNow();
        // A return caught up late from a paper register carries the day the file came back; lateness counts to then.
        // Only a given date is checked: a return entered as it happens is never refused for the clock.
        var returnedAt = command.ReturnedAt ?? now;
        if (command.ReturnedAt is { } given && LendingRules.RefuseReturnDate(loan, given, now) is { } badDate)
        {
            return ArchiveResult<CustomerFile>.Invalid("returnedAt", badDate);
        }
        var recordedLate = returnedAt < now ? now : (DateTimeOffset?)null;
        var daysOverdue = LendingRules.DaysOverdue(loan, returnedAt);
        File.OpenLoan = null;
        if (loan.Branch == File.Branch)
        {
            File.Status = LendingRules.StatusAfterReturn(command.Condition!.Value);
        }
        else
        {
            // Lent at a requesting branch: it waits there to travel home, where its condition counts.
            File.AwayAt = loan.Branch;
            File.ConditionOnReturn = command.Condition;
            File.Status = FileStatus.AwaitingDispatch;
            File.Record(new CustodyEvent(returnedAt, CustodyAction.Returned, actor.Subject, loan.Branch,
                $"Loan {loan.LoanId} returned {command.Condition}; to be sent home.", recordedLate));
        }
        File.Record(new LoanRecord(loan, returnedAt, actor.Subject, command.Condition, command.Notes, recordedLate, daysOverdue));
        foreach (var title in command.MissingDocuments ?? [])
        {
            File.MissingDocuments.Add(new MissingDocument(title.Trim(), loan.LoanId, actor.Subject, now));
        }
        RecordChange(actor, idempotencyKey, LendingRules.ReturnOperation, fingerprint, loan.LoanId, now);
        var late = daysOverdue > 0 ? $", {daysOverdue} day(s) overdue" : "";
        var caughtUp = recordedLate is null ? "" : $", returned {returnedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC (recorded late)";
        await _file.SaveAsync(Record(actor, AuditActions.Return, Outcome.Ok,
            $"Loan {loan.LoanId} closed, condition {command.Condition}{caughtUp}{late}."));
        await ReleaseSlotAsync(loan);
        LogReturned(Id, loan.LoanId, command.Condition!.Value, returnedAt, daysOverdue, recordedLate is not null);
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    public async Task<ArchiveResult<IReadOnlyList<LoanRecord>>> GetLoanHistory(Actor actor)
    {
        var sight = await AdmitRegisterRead<IReadOnlyList<LoanRecord>>(actor);
        return sight.Refusal ?? await Recorded(actor, sight.OnlyOf is null ? AccessKinds.Loans : AccessKinds.LoansHandled,
            ArchiveResult<IReadOnlyList<LoanRecord>>.Ok((await LoansAsync(sight.OnlyOf is { } branch ? record => record.HandledBy(branch) : null))
            .Select(entry => entry.ReturnedAt is null && entry.Loan.LoanId == File.OpenLoan?.LoanId ? entry with { Loan = Shown(entry.Loan) } : entry)
            .ToList()));
    }

    /// <summary>The loan register, newest first: whole, or only the loans <paramref name="include"/> keeps.</summary>
    private async Task<List<LoanRecord>> LoansAsync(Func<LoanRecord, bool>? include, int limit = CustomerFileState.RegisterReadLimit) => NewestFirst(
        include is null ? await _register.LoansAsync(Id, limit) : await _register.LoansAsync(Id, limit, include),
        [.. File.UnwrittenLoansSoFar.Where(include ?? (_ => true))], (a, b) => a.Loan.LoanId == b.Loan.LoanId, limit);

    /// <summary>
    /// Register entries newest first: the stored ones, then those still held in the state (written
    /// after the state, they may be in both when the last write failed; the state's copy wins).
    /// </summary>
    private static List<T> NewestFirst<T>(IReadOnlyList<T> stored, IReadOnlyList<T> unwritten, Func<T, T, bool> same, int limit)
    {
        var entries = stored.Where(entry => !unwritten.Any(u => same(u, entry))).Concat(unwritten).ToList();
        entries.Reverse();
        return entries.Count > limit ? entries[..limit] : entries;
    }

    /// <summary>
    /// Who reads the file's registers, and how much: whoever is shown its details reads them whole
    /// (<see cref="RegisterSight{T}.OnlyOf"/> null); a branch that is not, but the file was sent to or
    /// from it or lent at it (it borrowed the file, and the file has gone home), reads only its own
    /// entries (<see cref="HandledEntries"/>); anyone else is refused as by <see cref="AdmitRead{T}"/>, audited.
    /// </summary>
    private async Task<RegisterSight<T>> AdmitRegisterRead<T>(Actor actor)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists || File.ShowsDetailsTo(ReaderOf(actor)) || actor.Branch is not { } branch)
        {
            return new(await AdmitRead<T>(actor, AuditActions.ReadFile), null);
        }
        var handled = (await CustodyAsync(custody => custody.SentToOrFrom(branch), limit: 1)).Count > 0
            || (await LoansAsync(record => record.HandledBy(branch), limit: 1)).Count > 0;
        return handled ? new(null, branch) : new(await AdmitRead<T>(actor, AuditActions.ReadFile), null);
    }

    /// <summary>A register read admitted (no refusal), whole or only of what branch <c>OnlyOf</c> handled.</summary>
    private readonly record struct RegisterSight<T>(ArchiveResult<T>? Refusal, string? OnlyOf);

    /// <summary>One of the file's loans, from the state if its entry is not written yet, else from the register.</summary>
    private async Task<LoanRecord?> FindLoanAsync(string? loanId) =>
        loanId is null ? null
        : File.UnwrittenLoansSoFar.FirstOrDefault(r => r.Loan.LoanId == loanId) ?? await _register.LoanAsync(Id, loanId);

    /// <summary>
    /// A read of part of the file, for whoever is shown its details (<see cref="CustomerFileState.ShowsDetailsTo"/>); a refusal is audited
    /// as a file read.
    /// </summary>
    /// <remarks>An admitted read is written to the access log as <paramref name="kind"/> before it is answered.</remarks>
    private async Task<ArchiveResult<T>> ReadAsync<T>(Actor actor, string kind, Func<T> read) =>
        await AdmitRead<T>(actor, AuditActions.ReadFile) ?? await Recorded(actor, kind, ArchiveResult<T>.Ok(read()));

    private void RecordChange(Actor actor, string? idempotencyKey, string operation, string fingerprint, string resultId, DateTimeOffset now)
    {
        Touch(now);
        if (idempotencyKey is not null)
        {
            File.RecentRequests.Remember(new RecentRequest(actor.Subject, idempotencyKey, operation, fingerprint, resultId));
        }
    }

    private void Fill(RegisterFileCommand command, Actor actor, long number, string fingerprint)
    {
        var now = _clock.GetUtcNow();
        File.FileNumber = number;
        File.Customer = command.Customer!;
        File.Importance = command.Importance!.Value;
        File.Sensitivity = command.Sensitivity ?? Sensitivity.Internal;
        File.Tags = command.Tags?.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        File.Documents = command.Documents?.ToList() ?? [];
        // A clerk can't make lendable what the archive's rule never lends: the flag is stored false
        // (kept so even if the rule is later narrowed) and every check applies the rule again anyway.
        File.Lendable = (command.Lendable ?? true) && NeverLentRule.Cause(File, _circulation.NeverLent) is null;
        File.Branch = command.Branch!;
        File.Cabinet = command.Cabinet!;
        File.Status = FileStatus.OnShelf;
        File.Version = 1;
        File.RegisteredAt = File.UpdatedAt = now;
        File.RegisteredBy = actor.Subject;
        File.RegistrationFingerprint = fingerprint;
        File.Stage = command.Stage ?? CooperationStage.Potential;
        File.Relationship = command.Relationship ?? (File.Stage == CooperationStage.Potential ? Relationship.Potential : Relationship.New);
        File.FilingYear = command.Year ?? now.Year;
        File.FilingQuarter = command.Quarter ?? FilingPeriod.QuarterOf(now);
        // A customer who left before the file reached the archive: retention counts from when they left.
        File.RelationshipEndedAt = File.Stage != CooperationStage.Terminated ? null
            : command.RelationshipEndedOn is { } endedOn ? RelationshipEnd.StartOf(endedOn) : now;
    }

    /// <summary>What the registration's audit record adds when the never-lent rule covers the new file.</summary>
    private string DescribeNeverLent(RegisterFileCommand command) =>
        NeverLentRule.Cause(File, _circulation.NeverLent) is { } cause
            ? $" Never lent by rule (Circulation:NeverLent): it {cause}{(command.Lendable == true ? "; lendable: true was not honoured" : "")}."
            : "";

    /// <summary>Every stored change moves the file's version on (clients see it) and its time of change.</summary>
    private void Touch(DateTimeOffset now)
    {
        File.Version++;
        File.UpdatedAt = now;
        RaiseDispatchRequestIfWaiting(now); // whichever change left the file waiting to be sent
    }

    /// <summary>Stores a change made to the file with its audit record, then answers the file as it now is.</summary>
    private async Task<ArchiveResult<CustomerFile>> SaveChangeAsync(Actor actor, string action, string detail, DateTimeOffset now)
    {
        Touch(now);
        await _file.SaveAsync(Record(actor, action, Outcome.Ok, detail));
        await TryPostNoticesAsync();
        return ArchiveResult<CustomerFile>.Ok(View(actor, now));
    }

    private AuditRecord Record(Actor actor, string action, Outcome outcome, string detail) =>
        AuditRecords.Of(actor, action, Id, File.Branch, outcome, detail, _clock);

    private ArchiveResult<T> NotFound<T>() => ArchiveResult<T>.NotFound($"No file has id {Id}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} registered as number {FileNumber} in {Branch}/{Cabinet}")]
    private partial void LogRegistered(string fileId, long fileNumber, string branch, string cabinet);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} checked out on loan {LoanId} to {Borrower} of {Branch}")]
    private partial void LogCheckedOut(string fileId, string loanId, string borrower, string branch);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "File {FileId} returned from loan {LoanId} in condition {Condition} at {ReturnedAt}, {DaysOverdue} day(s) overdue (entered late: {EnteredLate})")]
    private partial void LogReturned(string fileId, string loanId, ReturnCondition condition, DateTimeOffset returnedAt, int daysOverdue, bool enteredLate);
}
