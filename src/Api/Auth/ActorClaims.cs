using System.Security.Claims;
using BranchArchive.Contracts.Access;

namespace BranchArchive.Api.Auth;

/// <summary>Reads the contract's claims (<c>sub</c>, <c>role</c>, <c>branch</c>) into an <see cref="Actor"/>.</summary>
public static class ActorClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Branch = "branch";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var roles = StaffRoles.None;
        foreach (var claim in user.FindAll(Role))
        {
            if (TryParseRole(claim.Value, out var role))
            {
                roles |= role;
            }
        }
        return new Actor(user.FindFirstValue(Subject) ?? "", roles, user.FindFirstValue(Branch), PurposeOf(user));
    }

    /// <summary>
    /// The identity that carries the purpose the caller stated for this request (added by
    /// <see cref="Http.AccessPurposeMiddleware"/> from the request, never from a token).
    /// </summary>
    public const string PurposeIdentity = "archive-access-purpose";

    public const string PurposeClaim = "purpose";

    private static string? PurposeOf(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(identity => identity.AuthenticationType == PurposeIdentity)?.FindFirst(PurposeClaim)?.Value;

    /// <summary>Role names as written in tokens: lower case, one role each.</summary>
    public static bool TryParseRole(string value, out StaffRoles role)
    {
        role = value switch
        {
            "clerk" => StaffRoles.Clerk,
            "manager" => StaffRoles.Manager,
            "archivist" => StaffRoles.Archivist,
            "auditor" => StaffRoles.Auditor,
            "admin" => StaffRoles.Admin,
            _ => StaffRoles.None,
        };
        return role != StaffRoles.None;
    }
}
