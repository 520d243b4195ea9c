using BranchArchive.Contracts.Storage;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Grains.Branches;

public sealed partial class BranchGrain : Grain, IBranchGrain
{
    private const string AddCabinetOperation = "add-cabinet";

    private readonly AuditedState<BranchState> _branch;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger<BranchGrain> _logger;

    public BranchGrain(
        IAuditLog audit, IChangeStore changes, TimeProvider clock, ILogger<BranchGrain> logger)
    {
        _branch = new AuditedState<BranchState>(this, StateNames.Branch, changes);
        (_audit, _clock, _logger) = (audit, clock, logger);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await _branch.EnsureCurrentAsync();

    private BranchState State => _branch.Value;
    private string Code => this.GetPrimaryKeyString();

    public async Task<ArchiveResult<Branch>> Open(CreateBranchCommand command, Actor actor, string? idempotencyKey)
    {
        await _branch.EnsureCurrentAsync();
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<Branch>.Invalid(errors.ToDictionary());
        }
        if (!actor.Has(Permissions.ManageBranches))
        {
            return await _audit.Deny<Branch>(_clock, actor, AuditActions.OpenBranch, null, Code, "Only head office may open branches.");
        }
        var fingerprint = RecentRequests.Fingerprint("open-branch", new { actor.Subject, idempotencyKey, command });
        if (_branch.Exists)
        {
            return idempotencyKey is not null && State.OpeningFingerprint == fingerprint
                ? ArchiveResult<Branch>.Created(View())
                : ArchiveResult<Branch>.Conflict($"Branch code {Code} is already in use.");
        }

        // Listed first: a listed code whose branch is not open yet is skipped by readers.
        await GrainFactory.GetGrain<IBranchDirectoryGrain>(0).Enlist(Code);
        State.Code = Code;
        State.Name = command.Name!.Trim();
        State.Region = command.Region?.Trim();
        State.OpenedAt = _clock.GetUtcNow();
        State.OpenedBy = actor.Subject;
        State.OpeningFingerprint = fingerprint;
        await _branch.SaveAsync(AuditRecords.Of(actor, AuditActions.OpenBranch, null, Code, Outcome.Created, $"Branch {Code} ({State.Name}) opened.", _clock));
        LogOpened(Code, actor.Subject);
        return ArchiveResult<Branch>.Created(View());
    }

    public async Task<Branch?> Describe()
    {
        await _branch.EnsureCurrentAsync();
        return _branch.Exists ? View() : null;
    }

    public async Task<ArchiveResult<Branch>> Get(Actor actor)
    {
        await _branch.EnsureCurrentAsync();
        if (!_branch.Exists)
        {
            return NotFound<Branch>();
        }
        return actor.CanSee(Code)
            ? ArchiveResult<Branch>.Ok(View())
            : await _audit.Deny<Branch>(_clock, actor, AuditActions.ReadBranch, null, Code, $"You may not see branch {Code}.");
    }

    public async Task<ArchiveResult<Cabinet>> AddCabinet(CreateCabinetCommand command, Actor actor, string? idempotencyKey)
    {
        await _branch.EnsureCurrentAsync();
        if (!_branch.Exists)
        {
            return NotFound<Cabinet>();
        }
        var errors = command.Validate();
        if (!errors.IsValid)
        {
            return ArchiveResult<Cabinet>.Invalid(errors.ToDictionary());
        }
        if (!actor.CanAct(Permissions.ManageCabinets, Code))
        {
            return await _audit.Deny<Cabinet>(_clock, actor, AuditActions.AddCabinet, null, Code, $"You may not set up cabinets in branch {Code}.");
        }
        var cabinet = GrainFactory.GetGrain<ICabinetGrain>(CabinetKeys.Of(Code, command.Code!));
        var fingerprint = RecentRequests.Fingerprint(AddCabinetOperation, command);
        if (State.Cabinets.Contains(command.Code!))
        {
            var earlier = idempotencyKey is null ? null : State.RecentRequests.Find(actor.Subject, idempotencyKey);
            return earlier?.Fingerprint == fingerprint
                ? await cabinet.Get(actor) is { Succeeded: true, Value: { } view } ? ArchiveResult<Cabinet>.Created(view) : NotFound<Cabinet>()
                : ArchiveResult<Cabinet>.Conflict($"Branch {Code} already has a cabinet {command.Code}.");
        }

        var installed = await cabinet.Install(command);
        if (!installed.Succeeded)
        {
            return installed;
        }
        State.Cabinets.Add(command.Code!);
        if (idempotencyKey is not null)
        {
            State.RecentRequests.Remember(new RecentRequest(actor.Subject, idempotencyKey, AddCabinetOperation, fingerprint, command.Code));
        }
        await _branch.SaveAsync(AuditRecords.Of(actor, AuditActions.AddCabinet, null, Code, Outcome.Created,
            $"Cabinet {command.Code} ({command.Name}, {command.Capacity} places) set up.", _clock));
        LogCabinetAdded(command.Code!, Code, actor.Subject);
        await ArmInspectionsAsync(command.Code!);
        return installed;
    }

    /// <summary>The new cabinet's inspection schedule starts now; if this fails, its first use or the next silo start arms it.</summary>
    private async Task ArmInspectionsAsync(string cabinet)
    {
        try
        {
            await GrainFactory.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(Code, cabinet)).EnsureScheduled();
        }
        catch (Exception exception)
        {
            LogInspectionsDeferred(exception, cabinet, Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The inspection schedule of cabinet {Cabinet} in {Branch} is armed later")]
    private partial void LogInspectionsDeferred(Exception exception, string cabinet, string branch);

    private Branch View() => new(State.Code, State.Name, State.Region, State.Cabinets.ToList());

    private ArchiveResult<T> NotFound<T>() => ArchiveResult<T>.NotFound($"No branch has code {Code}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Branch {Branch} opened by {Actor}")]
    private partial void LogOpened(string branch, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cabinet {Cabinet} set up in branch {Branch} by {Actor}")]
    private partial void LogCabinetAdded(string cabinet, string branch, string actor);
}
