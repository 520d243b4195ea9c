using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Branches;

public sealed class CabinetGrain(
    [PersistentState(StateNames.Cabinet, StateNames.Provider)] IPersistentState<CabinetState> storage,
    IAuditLog audit, TimeProvider clock)
    : Grain, ICabinetGrain
{
    private readonly DurableState<CabinetState> _cabinet = new(storage);

    private CabinetState State => _cabinet.Value;

    public async Task<ArchiveResult<Cabinet>> Install(CreateCabinetCommand command)
    {
        await _cabinet.EnsureCurrentAsync();
        if (_cabinet.Exists)
        {
            return State.Name == command.Name && State.Capacity == command.Capacity
                ? ArchiveResult<Cabinet>.Created(View())
                : ArchiveResult<Cabinet>.Conflict($"Cabinet {State.Code} already exists in branch {State.Branch}.");
        }
        var (branch, code) = CabinetKeys.Parse(this.GetPrimaryKeyString());
        State.Branch = branch;
        State.Code = code;
        State.Name = command.Name!.Trim();
        State.Capacity = command.Capacity!.Value;
        await _cabinet.SaveAsync();
        return ArchiveResult<Cabinet>.Created(View());
    }

    public async Task<ArchiveResult<Cabinet>> Get(Actor actor)
    {
        await _cabinet.EnsureCurrentAsync();
        if (!_cabinet.Exists)
        {
            return NotFound();
        }
        return actor.CanSee(State.Branch)
            ? ArchiveResult<Cabinet>.Ok(View())
            : await audit.Deny<Cabinet>(clock, actor, AuditActions.ReadCabinet, null, State.Branch, $"Cabinet {State.Code} belongs to branch {State.Branch}.");
    }

    public async Task<ArchiveResult<Cabinet>> Shelve(string fileId)
    {
        await _cabinet.EnsureCurrentAsync();
        if (!_cabinet.Exists)
        {
            return NotFound();
        }
        if (State.Files.Contains(fileId))
        {
            return ArchiveResult<Cabinet>.Ok(View());
        }
        if (State.Files.Count >= State.Capacity)
        {
            return ArchiveResult<Cabinet>.Conflict(
                $"Cabinet {State.Code} of branch {State.Branch} is full: all {State.Capacity} places are taken.");
        }
        State.Files.Add(fileId);
        await _cabinet.SaveAsync();
        return ArchiveResult<Cabinet>.Ok(View());
    }

    public async Task<bool> Holds(string fileId)
    {
        await _cabinet.EnsureCurrentAsync();
        return State.Files.Contains(fileId);
    }

    private Cabinet View() => new(State.Branch, State.Code, State.Name, State.Capacity, State.Files.Count);

    private ArchiveResult<Cabinet> NotFound()
    {
        var (branch, code) = CabinetKeys.Parse(this.GetPrimaryKeyString());
        return ArchiveResult<Cabinet>.NotFound($"Branch {branch} has no cabinet {code}.");
    }
}
