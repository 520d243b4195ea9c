using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Staff;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Staff;

/// <summary>
/// A member of staff as a borrower. Calls to it are one at a time, so two checkouts for the same
/// borrower at once reserve their slots in turn and the limit holds. The files stay the source of
/// truth: a slot is checked with its file (<see cref="ICustomerFileInternal.OpenLoanOf"/>, which
/// interleaves) before it counts against a refusal or is listed, and dropped when the file does not
/// hold that loan and the slot is older than a checkout takes (a crash between reserve and the
/// file's write, or between a return and its release).
/// </summary>
public sealed partial class BorrowerGrain(
    [PersistentState(StateNames.Borrower, StateNames.Provider)] IPersistentState<BorrowerState> storage,
    IOptions<CirculationOptions> circulation, IAuditLog audit, TimeProvider clock, ILogger<BorrowerGrain> logger)
    : Grain, IBorrowerGrain
{
    private readonly DurableState<BorrowerState> _borrower = new(storage);
    private readonly CirculationOptions _options = circulation.Value;
    private readonly ILogger<BorrowerGrain> _logger = logger;

    private string StaffId => this.GetPrimaryKeyString();
    private BorrowerState State => _borrower.Value;

    public async Task List(StaffMember? member)
    {
        await _borrower.EnsureCurrentAsync();
        var movedFrom = State.Member is { } before && member is not null && before.Branch != member.Branch ? before.Branch : null;
        State.Member = member;
        await _borrower.SaveAsync();
        if (movedFrom is not null)
        {
            await GrainFactory.GetGrain<IStaffDirectoryGrain>(movedFrom).Forget(StaffId); // one-way: staff belong to one branch
        }
    }

    public async Task<ArchiveResult<bool>> Admit(string branch, Actor actor)
    {
        await _borrower.EnsureCurrentAsync();
        return RolesAt(branch, actor) is null ? Unknown(branch) : ArchiveResult<bool>.Ok(true);
    }

    public async Task<ArchiveResult<bool>> Reserve(LoanSlot slot, Actor actor)
    {
        await _borrower.EnsureCurrentAsync();
        if (RolesAt(slot.Branch, actor) is not { } roles)
        {
            return Unknown(slot.Branch);
        }
        if (State.Slots.Any(s => s.LoanId == slot.LoanId))
        {
            return ArchiveResult<bool>.Ok(true);
        }
        var limit = _options.LoanLimitFor(roles);
        if (State.Slots.Count >= limit)
        {
            await DropUnconfirmedSlotsAsync();
            if (State.Slots.Count >= limit)
            {
                LogLimitReached(StaffId, limit);
                return ArchiveResult<bool>.Conflict(
                    $"{StaffId} holds {State.Slots.Count} open loan(s); the limit for a {string.Join("/", roles)} is {limit}. A file must be returned first.");
            }
        }
        State.Slots.Add(slot);
        await _borrower.SaveAsync();
        return ArchiveResult<bool>.Ok(true);
    }

    public async Task Release(string loanId)
    {
        await _borrower.EnsureCurrentAsync();
        if (State.Slots.RemoveAll(s => s.LoanId == loanId) > 0)
        {
            await _borrower.SaveAsync();
        }
    }

    public async Task<ArchiveResult<BorrowerLoans>> Loans(Actor actor)
    {
        await _borrower.EnsureCurrentAsync();
        var member = State.Member;
        var own = actor.Subject == StaffId;
        var everywhere = own || actor.Has(Permissions.ReadAllBranches);
        if (!everywhere && !(actor.Has(StaffRoles.Manager) && actor.Branch is not null))
        {
            return await audit.Deny<BorrowerLoans>(clock, actor, AuditActions.ReadBorrowerLoans, null, actor.Branch,
                "Only managers and head office see other borrowers' loans; you may see your own at /api/loans/mine.");
        }
        var loans = await ConfirmedLoansAsync();
        // A manager sees the loans held at their branch, and who the borrower is only if they are its staff.
        var shown = everywhere ? loans : loans.Where(loan => loan.Branch == actor.Branch).ToList();
        var showsWho = everywhere || member?.Branch == actor.Branch;
        return ArchiveResult<BorrowerLoans>.Ok(new BorrowerLoans(StaffId, showsWho ? member?.Name : null, showsWho ? member?.Branch : null,
            showsWho && member is not null ? _options.LoanLimitFor(member.Roles) : null,
            shown.OrderBy(loan => loan.DueAt).Select(loan => loan.Shown(_options.MaxRenewals)).ToList()));
    }

    /// <summary>
    /// The roles that set this borrower's limit at <paramref name="branch"/>, or null when files may
    /// not be lent to them there: they are on its staff list, or they are the caller themselves,
    /// staff of that branch by their token (the identity provider vouches for who they are).
    /// </summary>
    private IReadOnlyList<string>? RolesAt(string branch, Actor actor)
    {
        if (State.Member is { } member && member.Branch == branch)
        {
            return member.Roles;
        }
        if (actor.Subject == StaffId && actor.Branch == branch && actor.Has(StaffRoles.Clerk | StaffRoles.Manager))
        {
            return actor.RoleNames.Split(',');
        }
        return null;
    }

    /// <summary>Someone files may not be lent to here: refused naming the field, or counted as free text where that is allowed.</summary>
    private ArchiveResult<bool> Unknown(string branch) =>
        _options.AllowUnlistedBorrowers
            ? ArchiveResult<bool>.Ok(false)
            : ArchiveResult<bool>.Invalid(new Dictionary<string, string[]>
            {
                ["borrower"] = [$"'{StaffId}' is not on the staff list of branch {branch}; files are lent to its staff (a manager lists them at /api/branches/{branch}/staff)."],
            });

    /// <summary>Each slot's loan as its file holds it now; slots their files do not hold, past a checkout's time, are dropped.</summary>
    private async Task<List<Loan>> ConfirmedLoansAsync()
    {
        var answers = await Task.WhenAll(State.Slots.Select(async slot =>
            (Slot: slot, Loan: await GrainFactory.GetGrain<ICustomerFileInternal>(slot.FileId).OpenLoanOf(slot.LoanId))));
        var stale = answers.Where(a => a.Loan is null && clock.GetUtcNow() - a.Slot.ReservedAt > _options.SlotCheckAfter).Select(a => a.Slot).ToList();
        if (stale.Count > 0)
        {
            State.Slots.RemoveAll(stale.Contains);
            await _borrower.SaveAsync();
            LogSlotsDropped(StaffId, stale.Count);
        }
        return answers.Where(a => a.Loan is not null).Select(a => a.Loan!).ToList();
    }

    private async Task DropUnconfirmedSlotsAsync() => await ConfirmedLoansAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Borrower {StaffId} is at their limit of {Limit} open loans")]
    private partial void LogLimitReached(string staffId, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Borrower {StaffId}: {Count} loan slot(s) their files do not hold were dropped")]
    private partial void LogSlotsDropped(string staffId, int count);
}
