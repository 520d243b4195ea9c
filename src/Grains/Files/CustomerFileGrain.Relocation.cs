using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Permanent relocation. The file grain is the only writer of its location; the protocol is
/// (1) store the intent, (2) take a place in the new cabinet, (3) store the new home,
/// (4) give up the old place, (5) store that it is done. Steps 2 and 4 are idempotent, so after a
/// crash the next activation repeats from the stored step until file and rosters agree. A full
/// new cabinet ends it at step 2 with nothing moved.
/// </summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<CustomerFile>> Relocate(RelocateCommand command, Actor actor)
    {
        await _file.EnsureCurrentAsync();
        await FinishRelocationOrRetryLaterAsync();
        // A manager moves files within the branch; a move between branches is head office's.
        var admission = await Admit<CustomerFile>(actor, new(AuditActions.Relocate,
            caller => caller.CanAct(Permissions.ManageCabinets, File.Branch) && (command.Branch is null || caller.CanAct(Permissions.ManageCabinets, command.Branch))
                ? null
                : $"Only a manager of branch {File.Branch} (within it) or head office may move file {File.FileNumber} to {command.Branch}.",
            WhileInspected.Refused) { Errors = command.Validate() });
        if (admission.Refusal is { } refusal)
        {
            return refusal;
        }
        if (File.Status != FileStatus.OnShelf || File.Requests.Count > 0)
        {
            return ArchiveResult<CustomerFile>.Conflict(File.Status != FileStatus.OnShelf
                ? $"File {File.FileNumber} is {File.Status}; only a file on its shelf can be moved."
                : $"{File.Requests.Count} request(s) wait for file {File.FileNumber}; serve or cancel them before moving it.");
        }
        if (command.Branch == File.Branch && command.Cabinet == File.Cabinet)
        {
            return ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
        }

        var now = _clock.GetUtcNow();
        File.Relocating = new Relocation(File.Branch, File.Cabinet, command.Branch!, command.Cabinet!, actor.Subject, now);
        RecordChange(actor, null, "relocate", "", "", now);
        await _file.SaveAsync(Record(actor, AuditActions.Relocate, Outcome.Ok,
            $"Moving from {File.Branch}/{File.Cabinet} to {command.Branch}/{command.Cabinet}: {command.Reason!.Trim()}."));
        var notMoved = await FinishRelocationOrRetryLaterAsync();
        return notMoved ?? ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()));
    }

    private IGrainTimer? _relocationRetry;

    /// <summary>
    /// Finishes a stored relocation; if a cabinet can't be reached, the failure goes to the caller
    /// and a timer keeps trying (the next activation would too, if this one dies).
    /// </summary>
    private async Task<ArchiveResult<CustomerFile>?> FinishRelocationOrRetryLaterAsync()
    {
        try
        {
            var refusal = await FinishRelocationAsync();
            _relocationRetry?.Dispose();
            _relocationRetry = null;
            return refusal;
        }
        catch (Exception)
        {
            _relocationRetry ??= this.RegisterGrainTimer(async _ => await FinishRelocationOrRetryLaterAsync(),
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)) { KeepAlive = true });
            throw;
        }
    }

    /// <summary>Carries a stored relocation on to its end; a refusal when the new cabinet had no room.</summary>
    private async Task<ArchiveResult<CustomerFile>?> FinishRelocationAsync()
    {
        if (File.Relocating is not { } move)
        {
            return null;
        }
        // The continuation runs as the system, on the mover's behalf: the audit must not show the
        // manager who asked for the move as holding the admin role.
        var system = new Actor("system:relocation", StaffRoles.Admin, null);
        if (!move.Arrived)
        {
            var shelved = await GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(move.ToBranch, move.ToCabinet)).Shelve(Id);
            if (!shelved.Succeeded)
            {
                File.Relocating = null;
                RecordChange(system, null, "relocate", "", "", _clock.GetUtcNow());
                await _file.SaveAsync(Record(system, AuditActions.Relocate, shelved.Outcome,
                    $"Not moved to {move.ToBranch}/{move.ToCabinet} for {move.By}: {shelved.Detail}"));
                return shelved.Refusal<CustomerFile>();
            }
            (File.Branch, File.Cabinet) = (move.ToBranch, move.ToCabinet);
            File.Relocating = move = move with { Arrived = true };
            File.Record(new CustodyEvent(_clock.GetUtcNow(), CustodyAction.Relocated, move.By, move.ToBranch,
                $"Moved from {move.FromBranch}/{move.FromCabinet} to {move.ToBranch}/{move.ToCabinet}."));
            RecordChange(system, null, "relocate", "", "", _clock.GetUtcNow());
            await _file.SaveAsync(Record(system, AuditActions.Relocate, Outcome.Ok,
                $"Now kept in {move.ToBranch}/{move.ToCabinet}, moved for {move.By}."));
        }
        await GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(move.FromBranch, move.FromCabinet)).Release(Id);
        File.Relocating = null;
        RecordChange(system, null, "relocate", "", "", _clock.GetUtcNow());
        await _file.SaveAsync(Record(system, AuditActions.Relocate, Outcome.Ok,
            $"Place in {move.FromBranch}/{move.FromCabinet} given up, moved for {move.By}."));
        return null;
    }
}
