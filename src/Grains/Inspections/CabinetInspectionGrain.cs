using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Inspections;

/// <summary>
/// A cabinet's inspection sessions. Start stores the session, then locks each file on the roster
/// (the lock lives in the file); Complete stores the report, then ends each lock with its finding,
/// then stores that it is done. Both file steps are idempotent per inspection id, so whatever
/// stopped midway is finished by the next call or activation.
/// </summary>
public sealed partial class CabinetInspectionGrain : Grain, ICabinetInspectionGrain
{
    private const int FileBatch = 100;

    /// <summary>Bounds the session's state: far more numbers than any cabinet holds.</summary>
    public const int MaxFound = 200_000;

    // A session interrupted by a crash is finished as the system, on its starter's behalf.
    private static readonly Actor Continuation = new("system:inspection", StaffRoles.Admin, null);

    private readonly AuditedState<CabinetInspectionState> _inspections;
    private readonly IAuditLog _audit;
    private readonly ICatalogue _catalogue;
    private readonly ILoanNotices _notices;
    private readonly InspectionOptions _options;
    private readonly TimeProvider _clock;
    private readonly InspectionMetrics _metrics;
    private readonly ILogger<CabinetInspectionGrain> _logger;

    public CabinetInspectionGrain(
        IAuditLog audit, IChangeStore changes, ICatalogue catalogue, ILoanNotices notices, IOptions<InspectionOptions> options, TimeProvider clock,
        InspectionMetrics metrics, ILogger<CabinetInspectionGrain> logger)
    {
        _inspections = new AuditedState<CabinetInspectionState>(this, StateNames.CabinetInspection, changes);
        (_audit, _catalogue, _notices, _options, _clock, _metrics, _logger) = (audit, catalogue, notices, options.Value, clock, metrics, logger);
    }

    private CabinetInspectionState State => _inspections.Value;
    private string Branch => CabinetKeys.Parse(this.GetPrimaryKeyString()).Branch;
    private string Code => CabinetKeys.Parse(this.GetPrimaryKeyString()).Cabinet;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _inspections.EnsureCurrentAsync();
        if (!_inspections.Exists)
        {
            return;
        }
        try
        {
            await ArmAsync();
            await FinishInterruptedAsync(Continuation);
        }
        catch (Exception exception)
        {
            LogResumeDeferred(exception, this.GetPrimaryKeyString()); // the next call tries again
        }
    }

    public async Task<ArchiveResult<Inspection>> Start(Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        if (!actor.CanAct(Permissions.InspectCabinets, Branch))
        {
            return await _audit.Deny<Inspection>(_clock, actor, AuditActions.StartInspection, null, Branch,
                $"Only staff of branch {Branch} or head office may inspect cabinet {Code}.");
        }
        await FinishInterruptedAsync(actor);
        if (State.Open is { } open)
        {
            return ArchiveResult<Inspection>.Ok(await RunningAsync(open)); // one session at a time: a repeat answers it
        }
        if (await Cabinet.Roster() is null)
        {
            return ArchiveResult<Inspection>.NotFound($"Branch {Branch} has no cabinet {Code}.");
        }
        var now = _clock.GetUtcNow();
        BeginSchedule(now);
        var session = new InspectionSession
        {
            Id = Guid.NewGuid().ToString("D"), StartedAt = now, StartedBy = actor.Subject, Phase = InspectionPhase.Locking,
        };
        State.Open = session;
        await _inspections.SaveAsync(Record(actor, AuditActions.StartInspection, Outcome.Created,
            $"Inspection {session.Id} of {Branch}/{Code} started."));
        await LockRosterAsync(session, actor);
        await ArmAsync();
        LogStarted(session.Id, Branch, Code, session.Roster.Count, actor.Subject);
        return ArchiveResult<Inspection>.Created(await RunningAsync(session));
    }

    public async Task<ArchiveResult<Inspection>> RecordFound(string inspectionId, RecordFoundCommand command, Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<Inspection>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.InspectCabinets, Branch))
        {
            return await _audit.Deny<Inspection>(_clock, actor, AuditActions.RecordFound, null, Branch,
                $"Only staff of branch {Branch} or head office may inspect cabinet {Code}.");
        }
        await FinishInterruptedAsync(actor);
        if (State.Open is not { } open || open.Id != inspectionId)
        {
            return NotOpen(inspectionId);
        }
        var numbers = command.FileNumbers!.Where(n => !open.Found.Contains(n)).Distinct().ToList();
        if (numbers.Count == 0)
        {
            return ArchiveResult<Inspection>.Ok(await RunningAsync(open)); // every number was recorded before
        }
        if (open.Found.Count + numbers.Count > MaxFound)
        {
            return ArchiveResult<Inspection>.Conflict($"Inspection {inspectionId} already holds {open.Found.Count} numbers, the most it takes is {MaxFound}.");
        }
        open.Found.UnionWith(numbers);
        await _inspections.SaveAsync(Record(actor, AuditActions.RecordFound, Outcome.Ok,
            $"Inspection {inspectionId}: {numbers.Count} number(s) recorded, {open.Found.Count} in all."));
        return ArchiveResult<Inspection>.Ok(await RunningAsync(open));
    }

    public async Task<ArchiveResult<Inspection>> Complete(string inspectionId, Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        if (!actor.CanAct(Permissions.InspectCabinets, Branch))
        {
            return await _audit.Deny<Inspection>(_clock, actor, AuditActions.CompleteInspection, null, Branch,
                $"Only staff of branch {Branch} or head office may inspect cabinet {Code}.");
        }
        await FinishInterruptedAsync(actor);
        if (State.Open is not { } open || open.Id != inspectionId)
        {
            return State.Reports.FirstOrDefault(r => r.Id == inspectionId) is { } done
                ? ArchiveResult<Inspection>.Ok(done) // a repeat answers the stored report
                : ArchiveResult<Inspection>.NotFound($"Cabinet {Branch}/{Code} has no inspection {inspectionId}.");
        }
        open.Report = InspectionReconciliation.Reconcile(open, await ElsewhereAsync(open), Branch, Code, _clock.GetUtcNow(), actor.Subject);
        open.Phase = InspectionPhase.Unlocking;
        await _inspections.SaveAsync();
        var report = open.Report;
        await UnlockRosterAsync(open, actor);
        return ArchiveResult<Inspection>.Ok(report);
    }

    public async Task<ArchiveResult<Inspection>> Abandon(string inspectionId, AbandonInspectionCommand command, Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<Inspection>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.AbandonInspections, Branch))
        {
            return await _audit.Deny<Inspection>(_clock, actor, AuditActions.AbandonInspection, null, Branch,
                $"Only a manager of branch {Branch} or head office may call off an inspection of cabinet {Code}.");
        }
        await FinishInterruptedAsync(actor);
        if (State.Open is not { } open || open.Id != inspectionId)
        {
            return State.Reports.FirstOrDefault(r => r.Id == inspectionId) is { Status: InspectionStatus.Abandoned } done
                ? ArchiveResult<Inspection>.Ok(done)
                : NotOpen(inspectionId);
        }
        open.Report = View(open) with
        {
            Status = InspectionStatus.Abandoned, CompletedAt = _clock.GetUtcNow(), CompletedBy = actor.Subject, AbandonReason = command.Reason!.Trim(),
        };
        open.Phase = InspectionPhase.Unlocking;
        await _inspections.SaveAsync();
        var report = open.Report;
        await UnlockRosterAsync(open, actor);
        return ArchiveResult<Inspection>.Ok(report);
    }

    public async Task<ArchiveResult<Inspection>> Get(string inspectionId, Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        if (!actor.CanSee(Branch))
        {
            return await _audit.Deny<Inspection>(_clock, actor, AuditActions.ReadInspections, null, Branch,
                $"Cabinet {Code} belongs to branch {Branch}.");
        }
        if (State.Open is { } open && open.Id == inspectionId)
        {
            return ArchiveResult<Inspection>.Ok(await RunningAsync(open));
        }
        return State.Reports.FirstOrDefault(r => r.Id == inspectionId) is { } report
            ? ArchiveResult<Inspection>.Ok(report)
            : ArchiveResult<Inspection>.NotFound($"Cabinet {Branch}/{Code} has no inspection {inspectionId}.");
    }

    public async Task<ArchiveResult<IReadOnlyList<InspectionSummary>>> List(Actor actor)
    {
        await _inspections.EnsureCurrentAsync();
        if (!actor.CanSee(Branch))
        {
            return await _audit.Deny<IReadOnlyList<InspectionSummary>>(_clock, actor, AuditActions.ReadInspections, null, Branch,
                $"Cabinet {Code} belongs to branch {Branch}.");
        }
        if (!_inspections.Exists && await Cabinet.Roster() is null)
        {
            return ArchiveResult<IReadOnlyList<InspectionSummary>>.NotFound($"Branch {Branch} has no cabinet {Code}.");
        }
        return ArchiveResult<IReadOnlyList<InspectionSummary>>.Ok(await Summaries());
    }

    public async Task<IReadOnlyList<InspectionSummary>> Summaries()
    {
        await _inspections.EnsureCurrentAsync();
        var open = State.Open is { } session ? [View(session).Summary()] : Array.Empty<InspectionSummary>();
        return [.. open, .. State.Reports.AsEnumerable().Reverse().Select(r => r.Summary())];
    }

    private ICabinetGrain Cabinet => GrainFactory.GetGrain<ICabinetGrain>(this.GetPrimaryKeyString());

    /// <summary>Carries a session stored midway (locking or unlocking its files) on to its next stable phase.</summary>
    private async Task FinishInterruptedAsync(Actor actor)
    {
        switch (State.Open)
        {
            case { Phase: InspectionPhase.Locking } locking:
                await LockRosterAsync(locking, actor);
                break;
            case { Phase: InspectionPhase.Unlocking } unlocking:
                await UnlockRosterAsync(unlocking, actor);
                break;
        }
    }

    private async Task LockRosterAsync(InspectionSession session, Actor actor)
    {
        // The cabinet closes to new files and names its roster in one step (again after a crash:
        // it is idempotent), so the roster counted is the roster locked.
        session.RosterIds = (await Cabinet.BeginInspection(session.Id))?.ToList() ?? [];
        var locked = new List<InspectedFile>(session.RosterIds.Count);
        var unfiled = new List<string>();
        foreach (var batch in session.RosterIds.Chunk(FileBatch))
        {
            var files = await Task.WhenAll(batch.Select(id =>
                GrainFactory.GetGrain<ICustomerFileInternal>(id).BeginInspection(session.Id, Branch, Code, actor)));
            locked.AddRange(files.OfType<InspectedFile>());
            unfiled.AddRange(batch.Where((_, i) => files[i] is null));
        }
        session.Roster = locked;
        session.Unfiled = unfiled;
        session.RosterIds = []; // needed only while locking: the roster as locked is kept above
        session.Phase = InspectionPhase.Open;
        await _inspections.SaveAsync();
    }

    private async Task UnlockRosterAsync(InspectionSession session, Actor actor)
    {
        foreach (var batch in session.Roster.Chunk(FileBatch))
        {
            await Task.WhenAll(batch.Select(file => GrainFactory.GetGrain<ICustomerFileInternal>(file.FileId)
                .EndInspection(session.Id, InspectionReconciliation.FindingFor(session, file), actor)));
        }
        var report = session.Report!;
        var abandoned = report.Status == InspectionStatus.Abandoned;
        var freed = abandoned ? 0 : await FreeUnfiledPlacesAsync(session);
        await Cabinet.EndInspection(session.Id);
        State.Open = null;
        if (!abandoned)
        {
            State.LastInspectedAt = report.CompletedAt; // an abandoned inspection does not count for the period
        }
        State.Reports.Add(report);
        if (State.Reports.Count > _options.ReportsKept)
        {
            State.Reports.RemoveRange(0, State.Reports.Count - _options.ReportsKept);
        }
        if (abandoned)
        {
            await _inspections.SaveAsync(Record(actor, AuditActions.AbandonInspection, Outcome.Ok,
                $"Inspection {report.Id} of {Branch}/{Code} abandoned: {report.AbandonReason}. Its {report.RosterCount} file(s) unlocked unchanged."));
            return;
        }
        await _inspections.SaveAsync(Record(actor, AuditActions.CompleteInspection, Outcome.Ok,
            $"Inspection {report.Id} of {Branch}/{Code} completed: {report.RosterCount} on the roster, {report.FoundCount} number(s) found, " +
            $"{report.Missing.Count} missing, {report.FoundAgain.Count} found again, {report.Misplaced.Count} misplaced, {report.Unexpected.Count} unexpected." +
            (freed > 0 ? $" {freed} place(s) freed that no registered file held." : "")));
        _metrics.Record(report);
        LogCompleted(report.Id, Branch, Code, report.Missing.Count, report.Misplaced.Count, report.Unexpected.Count);
    }

    /// <summary>
    /// Frees the places of the roster that no file of this cabinet holds, unless the file has since
    /// been stored here (its registration was retried during the session: its place is kept).
    /// A file that moved away meanwhile is released by its move as well; releasing twice is harmless.
    /// </summary>
    private async Task<int> FreeUnfiledPlacesAsync(InspectionSession session)
    {
        var freed = 0;
        foreach (var id in session.Unfiled)
        {
            var file = await GrainFactory.GetGrain<ICustomerFileGrain>(id).Get(Continuation);
            if (file.Value is { } stored && stored.Branch == Branch && stored.Cabinet == Code)
            {
                continue;
            }
            await Cabinet.Release(id);
            freed++;
            LogPlaceFreed(id, Branch, Code, session.Id);
        }
        return freed;
    }

    /// <summary>The catalogue's lines for the numbers found that are not on the roster (misplaced or unexpected).</summary>
    private async Task<IReadOnlyList<InventoryItem>> ElsewhereAsync(InspectionSession session)
    {
        var rostered = session.Roster.Select(f => f.FileNumber).ToHashSet();
        var others = session.Found.Where(n => !rostered.Contains(n)).ToList();
        return others.Count == 0 ? [] : await _catalogue.FindByNumbersAsync(others);
    }

    // The running answers' catalogue lines of off-roster numbers, by number (null: no such file),
    // looked up once per number and session: a scan reads only its own new numbers, not every
    // earlier one again. Completion reads them all afresh (ElsewhereAsync).
    private readonly Dictionary<long, InventoryItem?> _seenElsewhere = [];
    private string? _seenFor;

    /// <summary>
    /// An open session with its running reconciliation: the rule completion applies, to the numbers
    /// found so far (missing so far, found again, accounted, misplaced, unexpected). Computed on each
    /// answer, never stored: only completion acts on it.
    /// </summary>
    private async Task<Inspection> RunningAsync(InspectionSession session)
    {
        if (session.Report is not null || session.Phase != InspectionPhase.Open)
        {
            return View(session);
        }
        if (_seenFor != session.Id)
        {
            _seenFor = session.Id;
            _seenElsewhere.Clear();
        }
        var rostered = session.Roster.Select(f => f.FileNumber).ToHashSet();
        var unseen = session.Found.Where(n => !rostered.Contains(n) && !_seenElsewhere.ContainsKey(n)).ToList();
        if (unseen.Count > 0)
        {
            var lines = (await _catalogue.FindByNumbersAsync(unseen)).ToDictionary(line => line.FileNumber);
            foreach (var number in unseen)
            {
                _seenElsewhere[number] = lines.GetValueOrDefault(number);
            }
        }
        var running = InspectionReconciliation.Reconcile(session, _seenElsewhere.Values.OfType<InventoryItem>().ToList(), Branch, Code,
            _clock.GetUtcNow(), session.StartedBy);
        return running with { Status = InspectionStatus.Open, CompletedAt = null, CompletedBy = null, Scanned = [.. session.Found.Order()] };
    }

    private Inspection View(InspectionSession session) => session.Report ?? new Inspection(session.Id, Branch, Code, InspectionStatus.Open,
        session.StartedAt, session.StartedBy, null, null, session.Phase == InspectionPhase.Locking ? session.RosterIds.Count : session.Roster.Count,
        session.Found.Count, [], [], [], [], []);

    private ArchiveResult<Inspection> NotOpen(string inspectionId) =>
        State.Reports.Any(r => r.Id == inspectionId)
            ? ArchiveResult<Inspection>.Conflict($"Inspection {inspectionId} of {Branch}/{Code} is completed; start a new one.")
            : ArchiveResult<Inspection>.NotFound($"Cabinet {Branch}/{Code} has no open inspection {inspectionId}.");

    private AuditRecord Record(Actor actor, string action, Outcome outcome, string detail) =>
        AuditRecords.Of(actor, action, null, Branch, outcome, detail, _clock);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cabinet {Branch}/{Cabinet}: the place reserved for {FileId}, which was never stored there, is freed by inspection {InspectionId}")]
    private partial void LogPlaceFreed(string fileId, string branch, string cabinet, string inspectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inspection {InspectionId} of {Branch}/{Cabinet} started by {Actor}; {Files} file(s) locked")]
    private partial void LogStarted(string inspectionId, string branch, string cabinet, int files, string actor);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Inspection {InspectionId} of {Branch}/{Cabinet} completed: {Missing} missing, {Misplaced} misplaced, {Unexpected} unexpected")]
    private partial void LogCompleted(string inspectionId, string branch, string cabinet, int missing, int misplaced, int unexpected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inspection schedule or session of {Cabinet} could not be resumed on activation; the next call tries again")]
    private partial void LogResumeDeferred(Exception exception, string cabinet);
}
