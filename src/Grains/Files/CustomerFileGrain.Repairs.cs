using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Audit;

namespace BranchArchive.Grains.Files;

/// <summary>Repairs: a damaged file is repaired or re-made and comes back to its shelf; missing documents are listed until supplied.</summary>
public sealed partial class CustomerFileGrain
{
    public async Task<ArchiveResult<CustomerFile>> StartRepair(StartRepairCommand command, Actor actor)
    {
        if (await AdmitRepair(actor, AuditActions.StartRepair, command.Validate()) is { } refusal)
        {
            return refusal;
        }
        if (File.Status != FileStatus.Damaged)
        {
            return ArchiveResult<CustomerFile>.Conflict(File.Repair is { } under
                ? $"File {File.FileNumber} is already in repair ({under.RepairId})."
                : $"File {File.FileNumber} is {File.Status}; only a Damaged file goes to repair.");
        }
        var now = _clock.GetUtcNow();
        File.Repair = new Repair(Guid.NewGuid().ToString("D"), command.Damage!.Trim(), actor.Subject, now);
        File.Status = FileStatus.InRepair;
        return await SaveChangeAsync(actor, AuditActions.StartRepair, $"File {File.FileNumber} to repair {File.Repair.RepairId}: {File.Repair.Damage}", now);
    }

    public async Task<ArchiveResult<CustomerFile>> CompleteRepair(string repairId, CompleteRepairCommand command, Actor actor)
    {
        if (await AdmitRepair(actor, AuditActions.CompleteRepair, command.Validate()) is { } refusal)
        {
            return refusal;
        }
        if (File.Repair is not { } repair || repair.RepairId != repairId)
        {
            return File.Repairs.Any(r => r.RepairId == repairId)
                ? ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow())) // finished already: a repeat
                : ArchiveResult<CustomerFile>.Conflict($"Repair {repairId} is not under way on file {File.FileNumber}.");
        }
        var now = _clock.GetUtcNow();
        File.Repairs.Add(repair with { Work = command.Work!.Trim(), CompletedBy = actor.Subject, CompletedAt = now });
        if (File.Repairs.Count > CustomerFileState.RepairHistoryCapacity)
        {
            File.Repairs.RemoveAt(0);
        }
        File.Repair = null;
        File.Status = FileStatus.OnShelf;
        return await SaveChangeAsync(actor, AuditActions.CompleteRepair, $"File {File.FileNumber} repaired ({repairId}), back on the shelf: {command.Work.Trim()}", now);
    }

    public async Task<ArchiveResult<CustomerFile>> SupplyDocuments(SupplyDocumentsCommand command, Actor actor)
    {
        if (await AdmitRepair(actor, AuditActions.SupplyDocuments, command.Validate()) is { } refusal)
        {
            return refusal;
        }
        var titles = command.Titles!.Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var supplied = File.MissingDocuments.Where(m => titles.Contains(m.Title)).ToList();
        var unknown = titles.Where(t => !supplied.Any(m => string.Equals(m.Title, t, StringComparison.OrdinalIgnoreCase))).ToList();
        if (supplied.Count == 0)
        {
            // Nothing of it is missing: already supplied (a repeat), or never missing.
            return File.MissingDocuments.Count == 0 || unknown.Count == 0
                ? ArchiveResult<CustomerFile>.Ok(View(actor, _clock.GetUtcNow()))
                : ArchiveResult<CustomerFile>.Conflict($"File {File.FileNumber} misses none of: {string.Join(", ", unknown)}.");
        }
        File.MissingDocuments.RemoveAll(supplied.Contains);
        var now = _clock.GetUtcNow();
        return await SaveChangeAsync(actor, AuditActions.SupplyDocuments,
            $"File {File.FileNumber}: supplied {string.Join(", ", supplied.Select(m => m.Title))}; {File.MissingDocuments.Count} still missing.", now);
    }

    /// <summary>A repair takes the paper in hand (supplied documents too: they go into it), so an inspection holds it.</summary>
    private async Task<ArchiveResult<CustomerFile>?> AdmitRepair(Actor actor, string action, Contracts.Validation.ValidationErrors errors) =>
        (await Admit<CustomerFile>(actor, new(action, Cares(Permissions.RepairFiles), WhileInspected.Refused) { Errors = errors })).Refusal;

    public Task<ArchiveResult<IReadOnlyList<Repair>>> GetRepairs(Actor actor) =>
        ReadAsync<IReadOnlyList<Repair>>(actor, Contracts.AccessLog.AccessKinds.Repairs, () => [.. File.Repair is { } current ? [current] : Array.Empty<Repair>(), .. File.Repairs.AsEnumerable().Reverse()]);
}
