using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Inspections;

/// <summary>Body of <c>POST …/inspections/{id}/abandon</c>.</summary>
[GenerateSerializer, Immutable, Alias("abandon-inspection-command")]
public sealed record AbandonInspectionCommand([property: Id(0)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}
