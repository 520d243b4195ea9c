using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
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
        if (await AdmitChange<CustomerFile>(actor, command.Validate(), Permissions.HoldFiles, AuditActions.PlaceLegalHold) is { } refusal)
        {
            return refusal;
        }
        if (File.LegalHold is not null)
        {
            return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, _clock.GetUtcNow())); // held already
        }
        var now = _clock.GetUtcNow();
        File.LegalHold = new LegalHold(command.Reason!.Trim(), actor.Subject, now);
        var withdrawn = File.Destruction is { } pending ? $" Destruction request {pending.RequestId} withdrawn." : "";
        File.Destruction = null;
        return await SaveChangeAsync(actor, AuditActions.PlaceLegalHold, $"File {File.FileNumber} on legal hold: {File.LegalHold.Reason}.{withdrawn}", now);
    }

    public async Task<ArchiveResult<CustomerFile>> LiftLegalHold(Actor actor)
    {
        if (await AdmitChange<CustomerFile>(actor, new ValidationErrors(), Permissions.HoldFiles, AuditActions.LiftLegalHold) is { } refusal)
        {
            return refusal;
        }
        if (File.LegalHold is not { } hold)
        {
            return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, _clock.GetUtcNow())); // lifted already
        }
        File.LegalHold = null;
        return await SaveChangeAsync(actor, AuditActions.LiftLegalHold, $"Legal hold on file {File.FileNumber} lifted (placed by {hold.PlacedBy}: {hold.Reason}).", _clock.GetUtcNow());
    }

    public async Task<ArchiveResult<DestructionRequest>> RequestDestruction(RequestDestructionCommand command, Actor actor)
    {
        if (await AdmitChange<DestructionRequest>(actor, command.Validate(), Permissions.DestroyFiles, AuditActions.RequestDestruction) is { } refusal)
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
        await SaveChangeAsync(actor, AuditActions.RequestDestruction,
            $"Destruction of file {File.FileNumber} requested ({File.Destruction.RequestId}): {File.Destruction.Reason}", now);
        return ArchiveResult<DestructionRequest>.Created(File.Destruction);
    }

    public async Task<ArchiveResult<DestructionRequest>> ApproveDestruction(ApproveDestructionCommand command, Actor actor)
    {
        if (await AdmitChange<DestructionRequest>(actor, command.Validate(), Permissions.DestroyFiles, AuditActions.ApproveDestruction) is { } refusal)
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
        if (_file.Exists && File.Destroyed is { } done && done.Request.RequestId == command.RequestId)
        {
            return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, _clock.GetUtcNow())); // a repeat
        }
        if (await AdmitChange<CustomerFile>(actor, command.Validate(), Permissions.DestroyFiles, AuditActions.Destroy) is { } refusal)
        {
            return refusal;
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

        // The place is freed first: if we fail after, a repeat frees it again (idempotent) and destroys.
        var cabinet = GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(File.Branch, File.Cabinet));
        if (await cabinet.Release(Id) is { Succeeded: false } released && released.Outcome != Outcome.NotFound)
        {
            return released.Refusal<CustomerFile>();
        }
        var witnesses = command.Witnesses!.Select(w => w.Trim()).ToList();
        var identity = IdentityKeys.Of(File.Customer); // taken before the purge removes what they are made of
        File.Destroyed = new DestructionRecord(request, now, actor.Subject, witnesses, command.Method?.Trim());
        File.Destruction = null;
        File.Status = FileStatus.Destroyed;
        Purge(File);
        await SaveChangeAsync(actor, AuditActions.Destroy,
            $"File {File.FileNumber} destroyed under request {request.RequestId}, approved by " +
            $"{string.Join(" and ", request.Approvals.Select(a => $"{a.By} ({a.Role})"))}, witnessed by {string.Join(", ", witnesses)}.", now);
        LogDestroyed(Id, File.FileNumber, witnesses.Count);
        await PurgeScansAsync();
        await ReleaseIdentityAsync(identity);
        return ArchiveResult<CustomerFile>.Ok(File.ToView(Id, actor, now));
    }

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
        file.ScansToPurge = [.. file.ReferencedScanDigests()];
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
