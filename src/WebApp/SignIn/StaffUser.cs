using System.Security.Claims;
using BranchArchive.Contracts.Access;

namespace BranchArchive.WebApp.SignIn;

/// <summary>
/// The signed-in member of staff as the web app knows them: from the claims of their API token,
/// kept in the web app's cookie together with the token itself. Used to choose what to show;
/// every decision that matters is the API's, made again on each call.
/// </summary>
public sealed record StaffUser(string Subject, StaffRoles Roles, string? Branch, string? Token, string? Name = null)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string BranchClaim = "branch";
    public const string NameClaim = "name";
    public const string TokenClaim = "api_token";

    public static readonly StaffUser Anonymous = new("", StaffRoles.None, null, null);

    public bool IsSignedIn => Token is not null;

    /// <summary>What the app bar shows: the provider's display name with the subject, or the subject alone.</summary>
    public string Shown => Name is { Length: > 0 } name && name != Subject ? $"{name} ({Subject})" : Subject;

    public bool Has(StaffRoles any) => (Roles & any) != 0;

    /// <summary>Clerks and managers work at a branch desk.</summary>
    public bool IsBranchStaff => Has(StaffRoles.Clerk | StaffRoles.Manager) && Branch is not null;

    /// <summary>Archivists, admins and auditors work across branches.</summary>
    public bool IsHeadOffice => Has(StaffRoles.Archivist | StaffRoles.Admin | StaffRoles.Auditor);

    public static StaffUser From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var roles = principal.FindAll(RoleClaim).Aggregate(StaffRoles.None, (all, claim) => all | ParseRole(claim.Value));
        return new StaffUser(principal.FindFirstValue(SubjectClaim) ?? "", roles, principal.FindFirstValue(BranchClaim), principal.FindFirstValue(TokenClaim),
            principal.FindFirstValue(NameClaim));
    }

    /// <summary>As the API reads a <c>role</c> claim: one lower-case role name, anything else is no role.</summary>
    public static StaffRoles ParseRole(string name) =>
        Enum.GetValues<StaffRoles>().FirstOrDefault(role => role != StaffRoles.None && RoleName(role) == name);

    public static string RoleName(StaffRoles role) => role.ToString().ToLowerInvariant();
}
