using BranchArchive.Contracts.Access;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The rules of purpose-bound access to a file (查看权限申请): who may ask, who may decide, what a grant
/// shows and when it ends. A grant lets its holder read the file as an auditor would (every detail
/// and register, the customer with identity numbers masked, scans but not the ID copy) and change
/// nothing; it ends at its time, checked at every read against the clock.
/// </summary>
public static class AccessGrants
{
    /// <summary>Is <paramref name="viewer"/> shown the file and its customer already, so has nothing to ask for?</summary>
    public static bool ShowsInFull(CustomerFileState file, Actor viewer) =>
        file.ShowsDetailsTo(viewer) && Disclosure.ShowsCustomer(viewer, file.Branch, file.Sensitivity);

    /// <summary>Why <paramref name="asker"/> may not ask for access now (a conflict), or null.</summary>
    public static string? RefuseRequest(CustomerFileState file, Actor asker, DateTimeOffset now)
    {
        if (ShowsInFull(file, asker))
        {
            return "You are shown this file already; there is nothing to ask access for.";
        }
        return file.AccessRequestsSoFar.FirstOrDefault(r => r.Requester == asker.Subject && (r.Status == AccessRequestStatus.Pending || r.GrantsAt(now))) is { } open
            ? $"Your access request {open.RequestId} for this file is {(open.Status == AccessRequestStatus.Pending ? "waiting for a decision" : "granted")} already."
            : null;
    }

    /// <summary>May <paramref name="approver"/> decide or review requests for the file? Managers of its branch and head office.</summary>
    public static bool MayDecide(CustomerFileState file, Actor approver) => approver.CanAct(Permissions.ApproveAccess, file.Branch);

    /// <summary>Who sees every request for the file: its deciders and auditors. Anyone else sees only their own.</summary>
    public static bool SeesAllRequests(CustomerFileState file, Actor viewer) => MayDecide(file, viewer) || viewer.Has(StaffRoles.Auditor);

    /// <summary>
    /// How <paramref name="actor"/> reads the file now: through an active grant, as an auditor (shown
    /// everything, identity numbers masked) unless their own roles show more; else as themselves.
    /// Only reads use it: a grant changes nothing of what the holder may do.
    /// </summary>
    public static Actor Reader(CustomerFileState file, Actor actor, DateTimeOffset now) =>
        GrantUsed(file, actor, now) is not null ? actor with { Roles = StaffRoles.Auditor } : actor;

    /// <summary>
    /// The grant <paramref name="actor"/> reads the file through now, or null when they read it in
    /// their own right (or not at all); the access log names it as the read's purpose.
    /// </summary>
    public static AccessRequest? GrantUsed(CustomerFileState file, Actor actor, DateTimeOffset now) =>
        // The requests first: most files have none, and every read of every file passes here.
        file.AccessRequestsSoFar.Count > 0 && !ShowsInFull(file, actor)
            ? file.AccessRequestsSoFar.FirstOrDefault(r => r.Requester == actor.Subject && r.GrantsAt(now))
            : null;

    /// <summary>The purpose a read through <paramref name="grant"/> is recorded with: the grant and its reason, then what the caller said.</summary>
    public static string PurposeOf(AccessRequest grant, string? stated) =>
        $"access request {grant.RequestId}: {grant.Reason}" + (stated is { Length: > 0 } ? $" ({stated})" : "");

    /// <summary>The hours a request asks for, within <see cref="AccessOptions.MaxGrant"/>; null when more than allowed.</summary>
    public static int? HoursFor(int? asked, AccessOptions options)
    {
        var hours = asked ?? (int)Math.Ceiling(options.DefaultGrant.TotalHours);
        return hours <= options.MaxGrant.TotalHours ? hours : null;
    }

    /// <summary>Does the file wait for an access decision or review? (The approval queue.)</summary>
    public static bool AwaitsDecision(CustomerFileState file) =>
        file.AccessRequestsSoFar.Any(r => r.Status == AccessRequestStatus.Pending || r.AwaitsReview);

    /// <summary>
    /// Keeps the file's list of requests bounded: pending ones, grants, unreviewed emergencies and the
    /// newest <paramref name="finishedKept"/> finished ones stay (the custody register and the audit log keep all).
    /// </summary>
    public static void Prune(List<AccessRequest> requests, DateTimeOffset now, int finishedKept)
    {
        var finished = requests.Where(r => r.Status != AccessRequestStatus.Pending && !r.GrantsAt(now) && !r.AwaitsReview).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - finishedKept)))
        {
            requests.Remove(old);
        }
    }
}
