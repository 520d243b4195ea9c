using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Classification;

/// <summary>
/// Moves a file to other classes; only the fields given change. Also the body of
/// <c>POST /api/files/{id}/classification</c>. A reason is always recorded. <c>RelationshipEndedOn</c>
/// goes with stage <c>Terminated</c> (today when left out), or corrects the end of an already
/// terminated customer's relationship.
/// </summary>
[GenerateSerializer, Immutable, Alias("reclassify-command")]
public sealed record ReclassifyCommand(
    [property: Id(0)] string? Reason,
    [property: Id(1)] Importance? Importance = null,
    [property: Id(2)] CustomerType? CustomerType = null,
    [property: Id(3)] string? Industry = null,
    [property: Id(4)] CooperationStage? Stage = null,
    [property: Id(5)] Relationship? Relationship = null,
    [property: Id(6)] Sensitivity? Sensitivity = null,
    [property: Id(7)] int? Year = null,
    [property: Id(8)] int? Quarter = null,
    [property: Id(9)] DateOnly? RelationshipEndedOn = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        errors.Defined("importance", Importance);
        errors.Defined("customerType", CustomerType);
        errors.Defined("stage", Stage);
        errors.Defined("relationship", Relationship);
        errors.Defined("sensitivity", Sensitivity);
        if (Industry is not null)
        {
            errors.RequiredText("industry", Industry, 100);
        }
        FilingPeriod.Validate(errors, Year, Quarter);
        RelationshipEnd.Validate(errors, RelationshipEndedOn, Stage);
        if (Importance is null && CustomerType is null && Industry is null && Stage is null && Relationship is null
            && Sensitivity is null && Year is null && RelationshipEndedOn is null)
        {
            errors.Add("body", "must name at least one class to change.");
        }
        return errors;
    }
}
