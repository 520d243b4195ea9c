using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Scans;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Retention;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Legal holds, and destruction by the rules: a file past its retention is proposed, approved by
/// a manager of its branch and an archivist (two different people), and destroyed before at
/// least two witnesses. What stays is its number, its tombstone and its audit trail.
/// </summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<CustomerFile>> PlaceLegalHold(PlaceLegalHoldCommand command, Actor actor)
    {
        if ((await Admit<CustomerFile>(actor, new(AuditActions.PlaceLegalHold, Cares(Permissions.HoldFiles), WhileInspected.Allowed) { Errors = command.Validate() }))
            .Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.LegalHold is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow())); // held already
        }
        var now = _clock.GetUtcNow();
        File.LegalHold = new LegalHold(command.Reason!.Trim(), actor.Subject, now);
        var withdrawn = File.Destruction is { } pending ? $" Destruction request {pending.RequestId} withdrawn." : "";
        File.Destruction = null;
        return await SaveChangeAsync(actor, AuditActions.PlaceLegalHold, $"File {File.FileNumber} on legal hold: {File.LegalHold.Reason}.{withdrawn}", now);
    }

    public async Task<ArchiveResult<CustomerFile>> LiftLegalHold(Actor actor)
    {
        if ((await Admit<CustomerFile>(actor, new(AuditActions.LiftLegalHold, Cares(Permissions.HoldFiles), WhileInspected.Allowed))).Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.LegalHold is not { } hold)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow())); // lifted already
        }
        File.LegalHold = null;
        return await SaveChangeAsync(actor, AuditActions.LiftLegalHold, $"Legal hold on file {File.FileNumber} lifted (placed by {hold.PlacedBy}: {hold.Reason}).", _clock.GetUtcNow());
    }

    public async Task<ArchiveResult<DestructionRequest>> RequestDestruction(RequestDestructionCommand command, Actor actor)
    {
        // Proposed while its cabinet is counted, the proposal could name a file the count finds missing: an inspection holds it.
        if ((await Admit<DestructionRequest>(actor, new(AuditActions.RequestDestruction, Cares(Permissions.DestroyFiles), WhileInspected.Refused) { Errors = command.Validate() }))
            .Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.Destruction is { } pending)
        {
            return ArchiveResult<DestructionRequest>.Ok(pending);
        }
        var now = _clock.GetUtcNow();
        if (RetentionRules.RefuseDestruction(File, _retention, now) is { } reason)
        {
            return ArchiveResult<DestructionRequest>.Conflict(reason);
        }
        File.Destruction = new DestructionRequest(Guid.NewGuid().ToString("D"), actor.Subject, now, command.Reason!.Trim(), []);
        RaiseDestructionAwaitingApproval(File.Destruction);
        await SaveChangeAsync(actor, AuditActions.RequestDestruction,
            $"Destruction of file {File.FileNumber} requested ({File.Destruction.RequestId}): {File.Destruction.Reason}", now);
        return ArchiveResult<DestructionRequest>.Created(File.Destruction);
    }

    public async Task<ArchiveResult<DestructionRequest>> ApproveDestruction(ApproveDestructionCommand command, Actor actor)
    {
        if ((await Admit<DestructionRequest>(actor, new(AuditActions.ApproveDestruction, Cares(Permissions.DestroyFiles), WhileInspected.Allowed) { Errors = command.Validate() }))
            .Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.Destruction is not { } request || request.RequestId != command.RequestId)
        {
            return ArchiveResult<DestructionRequest>.Conflict($"Destruction request {command.RequestId} is not pending on file {File.FileNumber}.");
        }
        var role = command.As!.Value;
        if (!MayApproveAs(actor, role))
        {
            return await _audit.Deny<DestructionRequest>(_clock, actor, AuditActions.ApproveDestruction, Id, File.Branch,
                role == DestructionApprover.Manager
                    ? $"Only a manager of branch {File.Branch} approves the destruction of file {File.FileNumber} as manager."
                    : $"Only an archivist approves the destruction of file {File.FileNumber} as archivist.");
        }
        if (request.Approvals.FirstOrDefault(a => a.Role == role) is { } given)
        {
            return given.By == actor.Subject
                ? ArchiveResult<DestructionRequest>.Ok(request) // a repeat
                : ArchiveResult<DestructionRequest>.Conflict($"{given.By} already approved as {role}.");
        }
        if (request.Approvals.Any(a => a.By == actor.Subject))
        {
            return ArchiveResult<DestructionRequest>.Conflict(
                $"{actor.Subject} already approved this destruction; the second approval must come from a different person.");
        }
        var now = _clock.GetUtcNow();
        File.Destruction = request with { Approvals = [.. request.Approvals, new DestructionApproval(actor.Subject, role, now)] };
        await SaveChangeAsync(actor, AuditActions.ApproveDestruction, $"Destruction of file {File.FileNumber} ({request.RequestId}) approved as {role}.", now);
        return ArchiveResult<DestructionRequest>.Ok(File.Destruction);
    }

    public async Task<ArchiveResult<CustomerFile>> Destroy(DestroyFileCommand command, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        // The paper leaves its cabinet for good: an inspection holds it. A repeat answers the tombstone.
        var repeat = File.Destroyed is { } done && done.Request.RequestId == command.RequestId;
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.Destroy, Cares(Permissions.DestroyFiles), WhileInspected.Refused)
        {
            AfterDestruction = repeat, Errors = command.Validate(),
        });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (repeat)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }
        if (File.Destruction is not { } request || request.RequestId != command.RequestId)
        {
            return ArchiveResult<CustomerFile>.Conflict($"Destruction request {command.RequestId} is not pending on file {File.FileNumber}.");
        }
        if (request.Approvals.Select(a => a.Role).Distinct().Count() < 2)
        {
            return ArchiveResult<CustomerFile>.Conflict(
                $"File {File.FileNumber} may be destroyed once a manager of branch {File.Branch} and an archivist have both approved.");
        }
        var now = _clock.GetUtcNow();
        if (RetentionRules.RefuseDestruction(File, _retention, now) is { } reason)
        {
            return ArchiveResult<CustomerFile>.Conflict(reason);
        }

        var witnesses = command.Witnesses!.Select(w => w.Trim()).ToList();
        File.Destroyed = new DestructionRecord(request, now, actor.Subject, witnesses, command.Method?.Trim());
        File.Destruction = null;
        File.Status = FileStatus.Destroyed;
        // What is left to do elsewhere is stored with the destruction itself, then done (and
        // retried until done): the cabinet place, the scans' content, the identity index.
        File.Cleanup = new DestructionCleanup
        {
            ReleaseCabinet = true, Scans = [.. File.ReferencedScanDigests()], Identities = [.. IdentityKeys.Of(File.Customer)],
        };
        Purge(File);
        var answer = await SaveChangeAsync(actor, AuditActions.Destroy,
            $"File {File.FileNumber} destroyed under request {request.RequestId}, approved by " +
            $"{string.Join(" and ", request.Approvals.Select(a => $"{a.By} ({a.Role})"))}, witnessed by {string.Join(", ", witnesses)}.", now);
        LogDestroyed(Id, File.FileNumber, witnesses.Count);
        await TryFinishDestructionAsync();
        return answer;
    }

    /// <summary>
    /// Does what the destruction left to do elsewhere; on failure keeps it stored and tries again
    /// every <see cref="CleanupRetryPeriod"/> while active, and at the file's next activation.
    /// </summary>
    private async Task TryFinishDestructionAsync()
    {
        if (File.Cleanup is null)
        {
            return;
        }
        try
        {
            await FinishDestructionAsync(File.Cleanup);
            _cleanupRetry?.Dispose();
            _cleanupRetry = null;
        }
        catch (Exception exception)
        {
            LogCleanupDeferred(exception, Id);
            _cleanupRetry ??= this.RegisterGrainTimer(_ => TryFinishDestructionAsync(),
                new GrainTimerCreationOptions(CleanupRetryPeriod, CleanupRetryPeriod) { KeepAlive = true });
        }
    }

    private static readonly TimeSpan CleanupRetryPeriod = TimeSpan.FromSeconds(30);

    private IGrainTimer? _cleanupRetry;

    /// <summary>Each step is idempotent and struck off as it is done, so a repeat takes up where the last stopped.</summary>
    private async Task FinishDestructionAsync(DestructionCleanup cleanup)
    {
        if (cleanup.ReleaseCabinet)
        {
            var released = await GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(File.Branch, File.Cabinet)).Release(Id);
            if (!released.Succeeded && released.Outcome != Outcome.NotFound)
            {
                throw new InvalidOperationException($"The cabinet did not free the place of destroyed file {Id}: {released.Detail}");
            }
            cleanup.ReleaseCabinet = false;
        }
        foreach (var digest in cleanup.Scans.ToList())
        {
            var erased = await GrainFactory.GetGrain<IScanContentGrain>(digest).Release(Id);
            LogScanPurged(Id, digest, erased);
            cleanup.Scans.Remove(digest);
        }
        foreach (var key in cleanup.Identities.ToList())
        {
            await GrainFactory.GetGrain<ICustomerIdentityGrain>(key).Release(Id);
            cleanup.Identities.Remove(key);
        }
        File.Cleanup = null;
        await _file.SaveAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {Digest} of destroyed file {FileId} released; content erased: {Erased}")]
    private partial void LogScanPurged(string fileId, string digest, bool erased);

    [LoggerMessage(Level = LogLevel.Warning, Message = "What the destruction of file {FileId} left to do elsewhere is not done yet; it is retried")]
    private partial void LogCleanupDeferred(Exception exception, string fileId);

    /// <summary>
    /// Removes what identifies the customer from the file's state (and so from its catalogue line):
    /// name, id number, industry, region, document titles and tags, the registration digest
    /// computed over them, and its scans (their content is erased once no other file refers to it). The customer type, classes, number and histories of custody stay.
    /// </summary>
    private static void Purge(CustomerFileState file)
    {
        file.Customer = new Customer(null, file.Customer.Type, null, null, null);
        file.Documents = file.Documents.Select(d => d with { Title = null }).ToList();
        file.Tags = [];
        file.MissingDocuments = [];
        file.RegistrationFingerprint = "";
        file.Scans = [];
        foreach (var (change, index) in file.ClassificationHistory.Select((c, i) => (c, i)).ToList())
        {
            file.ClassificationHistory[index] = change with { Changes = change.Changes.Where(c => c.Field != "industry").ToList() };
        }
    }

    private bool MayApproveAs(Actor actor, DestructionApprover role) => role switch
    {
        DestructionApprover.Manager => actor.Has(StaffRoles.Manager) && actor.CanAct(StaffRoles.Manager, File.Branch),
        DestructionApprover.Archivist => actor.Has(StaffRoles.Archivist),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} (number {FileNumber}) destroyed before {Witnesses} witnesses")]
    private partial void LogDestroyed(string fileId, long fileNumber, int witnesses);
}
