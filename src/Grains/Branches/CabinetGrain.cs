using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Branches;

public sealed class CabinetGrain : Grain, ICabinetGrain
{
    private readonly AuditedState<CabinetState> _cabinet;
    private readonly IAuditLog audit;
    private readonly TimeProvider clock;

    public CabinetGrain(
        IAuditLog audit, IChangeStore changes, TimeProvider clock)
    {
        _cabinet = new AuditedState<CabinetState>(this, StateNames.Cabinet, changes);
        (this.audit, this.clock) = (audit, clock);
    }

    /// <summary>Moves audit records left by a crash into the log before anything else happens.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await _cabinet.EnsureCurrentAsync();

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
        if (State.Inspection is not null)
        {
            return ArchiveResult<Cabinet>.Conflict(
                $"Cabinet {State.Code} of branch {State.Branch} is being inspected; files are shelved in it once the inspection is completed.");
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

    public async Task<ArchiveResult<Cabinet>> Release(string fileId)
    {
        await _cabinet.EnsureCurrentAsync();
        if (!_cabinet.Exists)
        {
            return NotFound();
        }
        if (State.Files.Remove(fileId))
        {
            await _cabinet.SaveAsync();
        }
        return ArchiveResult<Cabinet>.Ok(View());
    }

    public async Task<ArchiveResult<Cabinet>> AssignCustodian(AssignCustodianCommand command, Actor actor)
    {
        await _cabinet.EnsureCurrentAsync();
        if (!_cabinet.Exists)
        {
            return NotFound();
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<Cabinet>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.ManageCabinets, State.Branch))
        {
            return await audit.Deny<Cabinet>(clock, actor, AuditActions.AssignCustodian, null, State.Branch,
                $"Only a manager of branch {State.Branch} or head office may name the custodian of cabinet {State.Code}.");
        }
        var custodian = command.Custodian!.Trim();
        if (custodian == State.Custodian)
        {
            return ArchiveResult<Cabinet>.Ok(View()); // a repeat changes nothing
        }
        var change = new CustodianChange(clock.GetUtcNow(), State.Custodian, custodian, actor.Subject);
        State.Custodian = custodian;
        State.CustodianHistory.Add(change);
        if (State.CustodianHistory.Count > CabinetState.CustodianHistoryCapacity)
        {
            State.CustodianHistory.RemoveAt(0);
        }
        await _cabinet.SaveAsync(AuditRecords.Of(actor, AuditActions.AssignCustodian, null, State.Branch, Outcome.Ok,
            $"Custodian of cabinet {State.Code}: {change.From ?? "(none)"} → {custodian}.", clock));
        return ArchiveResult<Cabinet>.Ok(View());
    }

    public async Task<bool> Holds(string fileId)
    {
        await _cabinet.EnsureCurrentAsync();
        return State.Files.Contains(fileId);
    }

    public async Task<IReadOnlyList<string>?> Roster()
    {
        await _cabinet.EnsureCurrentAsync();
        return _cabinet.Exists ? State.Files.ToList() : null;
    }

    public async Task<IReadOnlyList<string>?> BeginInspection(string inspectionId)
    {
        await _cabinet.EnsureCurrentAsync();
        if (!_cabinet.Exists)
        {
            return null;
        }
        if (State.Inspection != inspectionId)
        {
            // The inspection grain is the one authority: a lock it no longer knows of (a crash
            // before it stored its session) is simply taken over.
            State.Inspection = inspectionId;
            await _cabinet.SaveAsync();
        }
        return State.Files.ToList();
    }

    public async Task EndInspection(string inspectionId)
    {
        await _cabinet.EnsureCurrentAsync();
        if (_cabinet.Exists && State.Inspection == inspectionId)
        {
            State.Inspection = null;
            await _cabinet.SaveAsync();
        }
    }

    private Cabinet View() => new(State.Branch, State.Code, State.Name, State.Capacity, State.Files.Count,
        State.Custodian, State.CustodianHistory.AsEnumerable().Reverse().ToList());

    private ArchiveResult<Cabinet> NotFound()
    {
        var (branch, code) = CabinetKeys.Parse(this.GetPrimaryKeyString());
        return ArchiveResult<Cabinet>.NotFound($"Branch {branch} has no cabinet {code}.");
    }
}
