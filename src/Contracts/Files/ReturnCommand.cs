using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>Brings a lent file back and records its condition. Also the body of <c>POST /api/files/{id}/return</c>.</summary>
[GenerateSerializer, Immutable, Alias("return-command")]
public sealed record ReturnCommand(
    [property: Id(0)] string? LoanId,
    [property: Id(1)] ReturnCondition? Condition,
    [property: Id(2)] string? Notes)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("loanId", LoanId, 64);
        errors.Required("condition", Condition);
        errors.Defined("condition", Condition);
        errors.OptionalText("notes", Notes, 2000);
        return errors;
    }
}
