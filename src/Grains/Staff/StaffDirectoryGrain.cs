using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Staff;
using BranchArchive.Contracts.Storage;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Staff;

/// <summary>A branch's staff list; each change is stored with its audit record and told to the member's borrower grain first.</summary>
public sealed class StaffDirectoryGrain : Grain, IStaffDirectoryGrain
{
    public const int MaxMembers = 5000;

    private readonly AuditedState<StaffDirectoryState> _directory;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;

    public StaffDirectoryGrain(
        IAuditLog audit, IChangeStore changes, TimeProvider clock)
    {
        _directory = new AuditedState<StaffDirectoryState>(this, StateNames.StaffDirectory, changes);
        (_audit, _clock) = (audit, clock);
    }

    private string Branch => this.GetPrimaryKeyString();
    private SortedDictionary<string, StaffMember> Members => _directory.Value.Members;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await _directory.EnsureCurrentAsync();

    public async Task<ArchiveResult<StaffMember>> Enlist(string staffId, EnlistStaffCommand command, Actor actor)
    {
        await _directory.EnsureCurrentAsync();
        var errors = command.Validate(staffId);
        if (!errors.IsValid)
        {
            return ArchiveResult<StaffMember>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.ManageStaff, Branch))
        {
            return await _audit.Deny<StaffMember>(_clock, actor, AuditActions.ListStaff, null, Branch,
                $"Only a manager of branch {Branch} or head office may keep its staff list.");
        }
        if (await GrainFactory.GetGrain<IBranchGrain>(Branch).Describe() is null)
        {
            return ArchiveResult<StaffMember>.NotFound($"No branch has code {Branch}.");
        }
        if (!Members.ContainsKey(staffId) && Members.Count >= MaxMembers)
        {
            return ArchiveResult<StaffMember>.Conflict($"Branch {Branch} already lists {MaxMembers} members of staff, the most it may.");
        }

        var member = new StaffMember(staffId, Branch, command.Name!.Trim(), command.Roles!.Distinct().ToList(), _clock.GetUtcNow(), actor.Subject);
        // The borrower grain first: a member lendable to is always listed here too, or the retry lists them.
        await GrainFactory.GetGrain<IBorrowerGrain>(staffId).List(member);
        var created = !Members.ContainsKey(staffId);
        Members[staffId] = member;
        await _directory.SaveAsync(AuditRecords.Of(actor, AuditActions.ListStaff, null, Branch, created ? Outcome.Created : Outcome.Ok,
            $"{staffId} ({member.Name}, {string.Join(",", member.Roles)}) is on the staff list of branch {Branch}.", _clock));
        return created ? ArchiveResult<StaffMember>.Created(member) : ArchiveResult<StaffMember>.Ok(member);
    }

    public async Task<ArchiveResult<StaffMember>> Remove(string staffId, Actor actor)
    {
        await _directory.EnsureCurrentAsync();
        if (!actor.CanAct(Permissions.ManageStaff, Branch))
        {
            return await _audit.Deny<StaffMember>(_clock, actor, AuditActions.UnlistStaff, null, Branch,
                $"Only a manager of branch {Branch} or head office may keep its staff list.");
        }
        if (!Members.TryGetValue(staffId, out var member))
        {
            return ArchiveResult<StaffMember>.NotFound($"{staffId} is not on the staff list of branch {Branch}.");
        }
        await GrainFactory.GetGrain<IBorrowerGrain>(staffId).List(null);
        Members.Remove(staffId);
        await _directory.SaveAsync(AuditRecords.Of(actor, AuditActions.UnlistStaff, null, Branch, Outcome.Ok,
            $"{staffId} ({member.Name}) is off the staff list of branch {Branch}; open loans stay open.", _clock));
        return ArchiveResult<StaffMember>.Ok(member);
    }

    public async Task Forget(string staffId)
    {
        await _directory.EnsureCurrentAsync();
        if (Members.Remove(staffId))
        {
            await _directory.SaveAsync(AuditRecords.Of(new Actor("archive", StaffRoles.None, null), AuditActions.UnlistStaff, null, Branch, Outcome.Ok,
                $"{staffId} moved to another branch's staff list.", _clock));
        }
    }

    public async Task<ArchiveResult<IReadOnlyList<StaffMember>>> List(Actor actor)
    {
        await _directory.EnsureCurrentAsync();
        if (!actor.Has(Permissions.Read) || !actor.CanSee(Branch))
        {
            return await _audit.Deny<IReadOnlyList<StaffMember>>(_clock, actor, AuditActions.ReadStaff, null, Branch,
                $"You may see the staff list of branch {actor.Branch} only.");
        }
        return ArchiveResult<IReadOnlyList<StaffMember>>.Ok(Members.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());
    }
}
