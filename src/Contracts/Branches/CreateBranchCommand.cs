using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Branches;

/// <summary>Opens a branch office. Also the body of <c>POST /api/branches</c>.</summary>
[GenerateSerializer, Immutable, Alias("create-branch-command")]
public sealed record CreateBranchCommand(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Region)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Pattern("code", Code, Codes.Branch(), Codes.BranchDescription);
        errors.RequiredText("name", Name, 200);
        errors.OptionalText("region", Region, 100);
        return errors;
    }
}
