using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// Brings a lent file back and records its condition (and, if Incomplete, which documents are
/// missing). Also the body of <c>POST /api/files/{id}/return</c>. <c>ReturnedAt</c> is when the file
/// came back, for a return caught up late from a paper register: never in the future, never before
/// the checkout; left out, it is now. Lateness is counted against it.
/// </summary>
[GenerateSerializer, Immutable, Alias("return-command")]
public sealed record ReturnCommand(
    [property: Id(0)] string? LoanId,
    [property: Id(1)] ReturnCondition? Condition,
    [property: Id(2)] string? Notes,
    [property: Id(3)] IReadOnlyList<string>? MissingDocuments = null,
    [property: Id(4)] DateTimeOffset? ReturnedAt = null)
{
    public const int MaxMissingDocuments = 100;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("loanId", LoanId, 64);
        errors.Required("condition", Condition);
        errors.Defined("condition", Condition);
        errors.OptionalText("notes", Notes, 2000);
        if (MissingDocuments is { Count: > 0 } missing)
        {
            if (Condition is not Files.ReturnCondition.Incomplete)
            {
                errors.Add("missingDocuments", "are named only for an Incomplete return.");
            }
            if (missing.Count > MaxMissingDocuments)
            {
                errors.Add("missingDocuments", $"must name at most {MaxMissingDocuments} documents.");
            }
            for (var i = 0; i < missing.Count; i++)
            {
                errors.RequiredText($"missingDocuments[{i}]", missing[i], 200);
            }
        }
        return errors;
    }
}
