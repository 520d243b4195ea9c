using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using BranchArchive.Grains.Circulation;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// Runs one import: stores the rows in batches, then works through the batches one grain turn at a
/// time (reads of its progress interleave), each batch's rows registered with bounded parallelism
/// through the file grains. After each batch its issues and the job's counters are stored, so a
/// restart redoes at most the batch in flight, whose rows land on the same file ids again.
/// </summary>
public sealed partial class ImportJobGrain : Grain, IImportJobGrain, IRemindable
{
    private const string ReminderName = "import";
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly AuditedState<ImportJobState> _job;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ImportOptions _options;
    private readonly ILogger<ImportJobGrain> _logger;
    private readonly ImportMetrics _metrics;
    private readonly ILoanNotices _notices;
    private IGrainTimer? _work;
    private IReadOnlyList<PlannedRow>? _plan;
    private BatchProgress _inFlight = new();

    public ImportJobGrain(
        IAuditLog audit, IChangeStore changes, TimeProvider clock, IOptions<ImportOptions> options, ImportMetrics metrics, ILoanNotices notices, ILogger<ImportJobGrain> logger)
    {
        _job = new AuditedState<ImportJobState>(this, StateNames.ImportJob, changes);
        (_audit, _clock, _options, _metrics, _notices, _logger) = (audit, clock, options.Value, metrics, notices, logger);
    }

    private string Id => this.GetPrimaryKeyString();
    private ImportJobState Job => _job.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _job.EnsureCurrentAsync();
        if (_job.Exists && Job.State == ImportState.Running)
        {
            ScheduleWork(TimeSpan.Zero); // resume where the stored progress says
        }
        if (_job.Exists && Job.UnpostedNotices.Count > 0)
        {
            await TryPostNoticesAsync(); // a process died between the job's end and its notices
        }
    }

    public async Task<ArchiveResult<ImportJob>> Start(StartImportCommand command, Actor actor)
    {
        await _job.EnsureCurrentAsync();
        if (_job.Exists)
        {
            return Job.Digest == command.Digest && Job.StartedBy.Subject == actor.Subject
                ? ArchiveResult<ImportJob>.Created(View())
                : ArchiveResult<ImportJob>.Conflict($"Import {Id} was started with another CSV.");
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<ImportJob>.Invalid(errors.ToDictionary());
        }
        var branch = command.Branch ?? (actor.IsHeadOffice ? null : actor.Branch);
        if (!actor.Has(Permissions.ImportFiles) || (branch is not null && !actor.CanAct(Permissions.ImportFiles, branch)))
        {
            return await _audit.Deny<ImportJob>(_clock, actor, AuditActions.StartImport, null, branch,
                $"You may not import files into branch {branch}.");
        }

        var size = Math.Max(1, _options.BatchSize);
        var batches = command.Rows.Chunk(size).ToList();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(batches.Select(async (rows, index) =>
        {
            await gate.WaitAsync();
            try
            {
                await Batch(index).Store(rows);
            }
            finally
            {
                gate.Release();
            }
        }));

        (Job.Digest, Job.StartedBy, Job.Branch, Job.State) = (command.Digest, actor, branch, ImportState.Running);
        (Job.RowsTotal, Job.BatchSize, Job.Batches, Job.StartedAt) = (command.Rows.Count, size, batches.Count, _clock.GetUtcNow());
        await _job.SaveAsync(AuditRecords.Of(actor, AuditActions.StartImport, null, branch, Outcome.Created,
            $"Import {Id}: {Job.RowsTotal} rows in {Job.Batches} batches (CSV sha256 {command.Digest}).", _clock));
        LogStarted(Id, Job.RowsTotal, actor.Subject);
        await GrainFactory.GetGrain<IImportRegistryGrain>(0).Add(Id);
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        ScheduleWork(TimeSpan.Zero);
        return ArchiveResult<ImportJob>.Created(View());
    }

    public async Task<ArchiveResult<ImportJob>> Get(Actor actor)
    {
        if (!_job.Exists)
        {
            return NotFound<ImportJob>();
        }
        return Sees(actor) ? ArchiveResult<ImportJob>.Ok(View()) : await DenyRead<ImportJob>(actor);
    }

    public async Task<ArchiveResult<ImportReport>> GetReport(Actor actor)
    {
        if (!_job.Exists)
        {
            return NotFound<ImportReport>();
        }
        if (!Sees(actor))
        {
            return await DenyRead<ImportReport>(actor);
        }
        var view = View();
        var done = await Task.WhenAll(Enumerable.Range(0, Job.NextBatch).Select(i => Batch(i).Issues()));
        return ArchiveResult<ImportReport>.Ok(new ImportReport(view, [.. done.SelectMany(issues => issues).OrderBy(i => i.Row)]));
    }

    /// <summary>Activating is enough: OnActivateAsync resumes a running job.</summary>
    public Task<bool> Resume() => Task.FromResult(_job.Exists && Job.State == ImportState.Running);

    /// <summary>Likewise after a silo was lost; a reminder left behind by a finished job is removed.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if ((!_job.Exists || Job.State != ImportState.Running) && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private bool Sees(Actor actor) =>
        actor.Has(StaffRoles.Archivist | StaffRoles.Admin | StaffRoles.Auditor)
        || actor.Subject == Job.StartedBy.Subject
        || (Job.Branch is { } branch && actor.CanSee(branch));

    private Task<ArchiveResult<T>> DenyRead<T>(Actor actor) =>
        _audit.Deny<T>(_clock, actor, AuditActions.ReadImport, null, Job.Branch, $"Import {Id} is not of your branch.");

    private ArchiveResult<T> NotFound<T>() => ArchiveResult<T>.NotFound($"No import has id {Id}.");

    private IImportBatchGrain Batch(int index) => GrainFactory.GetGrain<IImportBatchGrain>($"{Id}/{index}");

    private ImportJob View()
    {
        var running = Job.State == ImportState.Running;
        var flight = running ? _inFlight : new BatchProgress();
        return new ImportJob(Id, Job.State, Job.StartedBy.Subject, Job.Branch, Job.RowsTotal,
            Math.Min(Job.RowsTotal, Job.RowsDoneInStoredBatches + flight.Done),
            Job.Imported + flight.Imported, Job.Duplicates + flight.Duplicates, Job.Errors + flight.Errors,
            Job.StartedAt, Job.FinishedAt, Job.Failure);
    }

    private void ScheduleWork(TimeSpan after)
    {
        if (_work is null)
        {
            _work = this.RegisterGrainTimer(_ => WorkAsync(), new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            return;
        }
        _work.Change(after, Timeout.InfiniteTimeSpan);
    }

    /// <summary>One batch per timer turn, so reads of the job's progress get their turn in between.</summary>
    private async Task WorkAsync()
    {
        try
        {
            await _job.EnsureCurrentAsync();
            if (!_job.Exists || Job.State != ImportState.Running)
            {
                return;
            }
            if (Job.NextBatch < Job.Batches)
            {
                _plan ??= await PlanAsync();
                if (_plan is null)
                {
                    await FinishAsync(ImportState.Failed, "The stored rows of this import are missing.");
                    return;
                }
                await RunBatchAsync(Job.NextBatch);
            }
            if (Job.NextBatch >= Job.Batches)
            {
                await FinishAsync(ImportState.Completed, null);
                return;
            }
            ScheduleWork(TimeSpan.Zero);
        }
        catch (Exception exception)
        {
            _inFlight = new BatchProgress();
            LogBatchFailed(exception, Id, Job.NextBatch);
            ScheduleWork(RetryAfterFailure); // the batch is redone; its rows land on the same files
        }
    }

    private async Task<IReadOnlyList<PlannedRow>?> PlanAsync()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, Job.Batches).Select(i => Batch(i).Rows()));
        if (batches.Any(rows => rows is null))
        {
            return null;
        }
        var reader = new ImportRowReader(_options.IndustrySynonyms);
        var (rows, actor, branch, id) = (batches.SelectMany(rows => rows!).ToList(), Job.StartedBy, Job.Branch, Id);
        // Pure work over every row (a second or so for 100,000): off the grain's turn, so progress reads are not held up.
        return await Task.Run(() => ImportPlan.Make(rows, reader, actor, branch, id));
    }

    private async Task RunBatchAsync(int index)
    {
        var rows = _plan!.Skip(index * Job.BatchSize).Take(Job.BatchSize).ToList();
        _inFlight = new BatchProgress();
        var issues = new List<ImportIssue>[rows.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, _options.Parallelism));
        await Task.WhenAll(rows.Select(async (row, i) =>
        {
            await gate.WaitAsync();
            try
            {
                issues[i] = [.. await ImportRowAsync(row)];
                _inFlight.Count(issues[i]);
                _metrics.Record(issues[i]);
            }
            finally
            {
                gate.Release();
            }
        }));
        var all = issues.SelectMany(i => i).ToList();
        await AuditScopeRefusalsAsync(all);
        await Batch(index).Complete(all);

        Job.NextBatch = index + 1;
        Job.Imported += _inFlight.Imported;
        Job.Duplicates += _inFlight.Duplicates;
        Job.Errors += _inFlight.Errors;
        _inFlight = new BatchProgress();
        await _job.SaveAsync();
    }

    /// <summary>A row the caller may not import for its branch is a denied attempt like any other: audited.</summary>
    private async Task AuditScopeRefusalsAsync(List<ImportIssue> issues)
    {
        var refused = issues.Where(i => i is { Kind: ImportIssueKind.Error, Field: "branch" } && i.Message.StartsWith("You may not", StringComparison.Ordinal)).ToList();
        if (refused.Count > 0)
        {
            // One entry per row even when a resumed batch is done again: the log skips a known EntryId.
            await _audit.AppendAsync([.. refused.Select(i => AuditRecords.Of(Job.StartedBy, AuditActions.RegisterFile, ImportIds.File(Id, i.Row), null,
                Outcome.Forbidden, $"Import {Id} row {i.Row}: {i.Message}", _clock) with { EntryId = "import-" + ImportIds.File(Id, i.Row).Replace("-", "", StringComparison.Ordinal) })]);
        }
    }

    private async Task FinishAsync(ImportState state, string? failure)
    {
        (Job.State, Job.Failure, Job.FinishedAt) = (state, failure, _clock.GetUtcNow());
        RaiseFinished(Job.FinishedAt.Value);
        await _job.SaveAsync(AuditRecords.Of(Job.StartedBy, AuditActions.FinishImport, null, Job.Branch, state == ImportState.Completed ? Outcome.Ok : Outcome.Conflict,
            $"Import {Id} {state}: {Job.Imported} imported, {Job.Duplicates} duplicates, {Job.Errors} rows with errors of {Job.RowsTotal}.{(failure is null ? "" : " " + failure)}", _clock));
        LogFinished(Id, state, Job.Imported, Job.Duplicates, Job.Errors);
        await TryPostNoticesAsync();
        _plan = null;
        _work?.Dispose(); // it kept the job active while running; a finished job may be collected
        _work = null;
        try
        {
            for (var index = 0; index < Job.Batches; index++)
            {
                await Batch(index).Forget();
            }
            await GrainFactory.GetGrain<IImportRegistryGrain>(0).Remove(Id);
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            LogCleanupDeferred(exception, Id); // the registry drops it at the next start, the reminder at its next tick
        }
    }

    /// <summary>
    /// Tells the branch the import was for (if one) and, in person, who started it that it ended,
    /// dated when it ended: one event per job. The count of imported rows stays in the job's report.
    /// </summary>
    private void RaiseFinished(DateTimeOffset at)
    {
        var notice = new LoanNotice("", NoticeKind.ImportFinished, at, Job.Branch ?? "", 0, "", "", at, ImportJob: Id);
        if (Job.Branch is not null)
        {
            Job.UnpostedNotices.Add(notice);
        }
        Job.UnpostedNotices.Add(notice with { Recipient = Job.StartedBy.Subject });
    }

    /// <summary>
    /// Posts the notices the job's end raised, and stores the emptied outbox: a finished job changes
    /// no more, so nothing else would (each activation would post them again). If the board can't
    /// be written now, the next activation does.
    /// </summary>
    private async Task TryPostNoticesAsync()
    {
        try
        {
            await NoticeOutbox.PostAsync(_notices, Job.UnpostedNotices);
            await _job.SaveAsync();
        }
        catch (Exception exception)
        {
            LogNoticesDeferred(exception, Id, Job.UnpostedNotices.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} notice(s) of import {JobId} could not be posted yet; they are posted on its next activation")]
    private partial void LogNoticesDeferred(Exception exception, string jobId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} started: {Rows} rows by {Subject}")]
    private partial void LogStarted(string jobId, int rows, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {JobId} {State}: {Imported} imported, {Duplicates} duplicates, {Errors} rows with errors")]
    private partial void LogFinished(string jobId, ImportState state, int imported, int duplicates, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId} has ended; leaving the list of running imports is left for later")]
    private partial void LogCleanupDeferred(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {JobId}: batch {Batch} failed; it is done again shortly")]
    private partial void LogBatchFailed(Exception exception, string jobId, int batch);
}
