using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Validation;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Storage;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The one admission every change to a file passes before its own rules (<see cref="Admit{T}"/>),
/// and the one every read of its details passes (<see cref="AdmitRead{T}"/>). A change is checked
/// in one order: the file exists (404); the request is well formed (400); the caller's role and
/// branch (403, the denial audited); not destroyed (409); a repeat of an Idempotency-Key answers
/// its first outcome; then the inspection lock (409) for the changes it holds.
/// </summary>
/// <remarks>
/// The request is checked before the caller's scope because some scopes are read from it (a
/// request's pickup branch, a relocation's new branch): a malformed one is a 400, not a denial
/// naming a branch that does not exist. The lock comes after the repeat on purpose: a change acknowledged before its cabinet's
/// inspection began, retried during it, answers what it came to rather than a 409 that would read
/// as "not done". What an inspection holds is each change's <see cref="WhileInspected"/>: every step
/// that takes the paper in hand, moves it or changes its status is refused (docs/lifecycle.md).
/// </remarks>
public sealed partial class CustomerFileGrain
{
    /// <summary>What an inspection of the file's cabinet does to a change.</summary>
    private enum WhileInspected
    {
        /// <summary>Takes the paper in hand, moves it or changes its status: 409 until the inspection ends.</summary>
        Refused,

        /// <summary>Leaves the paper where it is (a decision, a record, a renewal): made as usual.</summary>
        Allowed,
    }

    /// <summary>
    /// A change as the admission sees it: the audit action a denial is recorded as, who may make it
    /// (<see cref="Scope"/> answers a denial's detail, or null), what an inspection does to it, and
    /// (when it has them) its validation errors and its Idempotency-Key with what it fingerprints.
    /// </summary>
    private sealed record Change(string AuditAction, Func<Actor, string?> Scope, WhileInspected Inspected)
    {
        /// <summary>The branch a denial's audit record names: the branch the step is taken in; the file's home when null.</summary>
        public string? Branch { get; init; }

        /// <summary>Made to a destroyed file too: access requests (the record outlives the paper) and a repeated destruction.</summary>
        public bool AfterDestruction { get; init; }

        public ValidationErrors? Errors { get; init; }
        public string? IdempotencyKey { get; init; }
        public string? Operation { get; init; }
        public string? Fingerprint { get; init; }
    }

    /// <summary>A change admitted (no <c>Refusal</c>), or repeating the earlier request <c>Repeated</c> names.</summary>
    private readonly record struct Admission<T>(ArchiveResult<T>? Refusal, RecentRequest? Repeated);

    /// <summary>The checks every change passes, in their one order (see the type's summary).</summary>
    private async Task<Admission<T>> Admit<T>(Actor actor, Change change)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return new(NotFound<T>(), null);
        }
        if (change.Errors is { IsValid: false } errors)
        {
            return new(ArchiveResult<T>.Invalid(errors.ToDictionary()), null);
        }
        if (change.Scope(actor) is { } denial)
        {
            return new(await _audit.Deny<T>(_clock, actor, change.AuditAction, Id, change.Branch ?? File.Branch, denial), null);
        }
        if (File.Status == FileStatus.Destroyed && !change.AfterDestruction)
        {
            return new(ArchiveResult<T>.Conflict($"File {File.FileNumber} was destroyed."), null);
        }
        if (change.IdempotencyKey is { } key && File.RecentRequests.Find(actor.Subject, key) is { } earlier)
        {
            return earlier.Operation == change.Operation && earlier.Fingerprint == change.Fingerprint
                ? new(null, earlier)
                : new(ArchiveResult<T>.Conflict("This Idempotency-Key was already used for a different request."), null);
        }
        if (change.Inspected == WhileInspected.Refused && RefuseWhileInspected() is { } locked)
        {
            return new(ArchiveResult<T>.Conflict(locked), null);
        }
        return new(null, null);
    }

    /// <summary>
    /// The checks a read passes: the file exists and the caller is shown its details (a refusal is
    /// audited as <paramref name="action"/>). Null when it may go on.
    /// </summary>
    private async Task<ArchiveResult<T>?> AdmitRead<T>(Actor actor, string action)
    {
        await _file.EnsureCurrentAsync();
        if (!_file.Exists)
        {
            return NotFound<T>();
        }
        return ShownDetails(actor) is { } denial ? await _audit.Deny<T>(_clock, actor, action, Id, File.Branch, denial) : null;
    }

    // Scopes: who may make a change. Each answers the denial's detail, or null for a caller who may.

    /// <summary>A step of circulation: staff who lend in <paramref name="branch"/> (the branch that has the file in hand), or head office.</summary>
    private Func<Actor, string?> Lends(string branch, bool auditorsToo = false) => actor =>
        actor.CanAct(Permissions.LendFiles, branch) || (auditorsToo && actor.Has(StaffRoles.Auditor))
            ? null
            : $"This step on file {File.FileNumber} is for branch {branch}; only that branch or head office may take it.";

    /// <summary>The file's care: staff holding one of <paramref name="roles"/> in its home branch, or head office.</summary>
    private Func<Actor, string?> Cares(StaffRoles roles) => actor =>
        actor.CanAct(roles, File.Branch)
            ? null
            : $"You may not do this to file {File.FileNumber} of branch {File.Branch}; its branch's staff in the right role or head office may.";

    /// <summary>Whoever is shown the file's details (through an access grant too); who of them may decide a request is the request's rule.</summary>
    private string? ShownDetails(Actor actor) =>
        File.ShowsDetailsTo(ReaderOf(actor)) ? null
        : File.ShowsOnlyRequestTo(actor) ? $"File {File.FileNumber} is requested by branch {actor.Branch}; its details are shown there once it is sent there."
        : $"File {Id} belongs to branch {File.Branch}.";

    /// <summary>Why the file can't be taken in hand or moved while its cabinet is inspected (a 409's detail), or null.</summary>
    private string? RefuseWhileInspected() =>
        File.Inspection is { } held
            ? $"File {File.FileNumber} is locked by inspection {held.InspectionId} of cabinet {File.Branch}/{File.Cabinet} " +
              "until the inspection is completed."
            : null;
}
