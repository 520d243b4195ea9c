namespace BranchArchive.Contracts.Access;

/// <summary>
/// The authenticated member of staff on whose behalf a grain call is made. The API builds it
/// from the token; grains decide with it, so branch scope is enforced where the state lives.
/// <see cref="Purpose"/> is why the caller reads, when they said (header <c>X-Access-Purpose</c>):
/// it travels with the actor, so every grain a read reaches writes it into the access log without
/// a parameter of its own. Records compare by value: an actor with a purpose is a different actor.
/// </summary>
[GenerateSerializer, Immutable, Alias("actor")]
public sealed record Actor(
    [property: Id(0)] string Subject,
    [property: Id(1)] StaffRoles Roles,
    [property: Id(2)] string? Branch,
    [property: Id(3)] string? Purpose = null)
{
    public bool Has(StaffRoles any) => (Roles & any) != 0;

    /// <summary>Head-office roles see and act across every branch.</summary>
    public bool IsHeadOffice => Has(StaffRoles.Archivist | StaffRoles.Admin);

    /// <summary>May this actor read what belongs to <paramref name="branch"/>?</summary>
    public bool CanSee(string branch) =>
        Has(StaffRoles.Archivist | StaffRoles.Admin | StaffRoles.Auditor) || IsOwnBranch(branch);

    /// <summary>May this actor change what belongs to <paramref name="branch"/> with one of <paramref name="roles"/>?</summary>
    public bool CanAct(StaffRoles roles, string branch)
    {
        var headOffice = roles & (StaffRoles.Archivist | StaffRoles.Admin);
        var branchStaff = roles & (StaffRoles.Clerk | StaffRoles.Manager);
        return Has(headOffice) || (Has(branchStaff) && IsOwnBranch(branch));
    }

    /// <summary>The roles as written in tokens and in the audit log, e.g. <c>clerk,manager</c>.</summary>
    public string RoleNames =>
        string.Join(",", Enum.GetValues<StaffRoles>().Where(r => r != StaffRoles.None && Has(r)).Select(r => r.ToString().ToLowerInvariant()));

    private bool IsOwnBranch(string branch) =>
        Branch is not null && string.Equals(Branch, branch, StringComparison.Ordinal);
}
