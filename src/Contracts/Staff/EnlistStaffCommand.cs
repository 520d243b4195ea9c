using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Staff;

/// <summary>Puts a member of staff on a branch's staff list (or updates them). Body of <c>PUT /api/branches/{branch}/staff/{staffId}</c>.</summary>
[GenerateSerializer, Immutable, Alias("enlist-staff-command")]
public sealed record EnlistStaffCommand(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<string>? Roles)
{
    /// <summary>Staff ids are identity-provider subjects: printable, no spaces, at most 100 characters.</summary>
    public const int MaxStaffIdLength = 100;

    /// <summary>The roles a listed member may hold (those of tokens); they choose the loan limit.</summary>
    public static readonly IReadOnlyList<string> RoleNames = ["clerk", "manager", "archivist", "auditor", "admin"];

    public ValidationErrors Validate(string? staffId)
    {
        var errors = new ValidationErrors();
        ValidateStaffId(errors, "staffId", staffId);
        errors.RequiredText("name", Name, 100);
        if (Roles is null || Roles.Count == 0)
        {
            errors.Add("roles", "must name at least one role.");
        }
        else if (Roles.FirstOrDefault(role => !RoleNames.Contains(role)) is { } unknown)
        {
            errors.Add("roles", $"must each be one of {string.Join(", ", RoleNames)}; '{Truncated(unknown)}' is not.");
        }
        return errors;
    }

    public static void ValidateStaffId(ValidationErrors errors, string field, string? staffId)
    {
        errors.RequiredText(field, staffId, MaxStaffIdLength);
        if (staffId is not null && staffId.Any(char.IsWhiteSpace))
        {
            errors.Add(field, "must not contain spaces.");
        }
    }

    private static string Truncated(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
