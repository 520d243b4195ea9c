namespace BranchArchive.Contracts.Access;

/// <summary>The roles of the API contract; a member of staff may hold several.</summary>
[Flags]
public enum StaffRoles
{
    None = 0,
    Clerk = 1,
    Manager = 2,
    Archivist = 4,
    Auditor = 8,
    Admin = 16,
}
