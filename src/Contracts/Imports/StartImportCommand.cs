using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Imports;

/// <summary>Starts an import job over rows read from one CSV.</summary>
/// <param name="Digest">SHA-256 of the CSV as sent (hex), which names the job with the caller and branch.</param>
/// <param name="Branch">The branch the import is for: rows naming no branch go there. Staff of a branch default to their own.</param>
[GenerateSerializer, Immutable, Alias("start-import-command")]
public sealed record StartImportCommand(
    [property: Id(0)] string Digest,
    [property: Id(1)] string? Branch,
    [property: Id(2)] IReadOnlyList<ImportRow> Rows)
{
    public const int MaxRows = 100_000;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Branch is not null)
        {
            errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        }
        if (Rows.Count == 0)
        {
            errors.Add("rows", "the CSV has no data rows.");
        }
        if (Rows.Count > MaxRows)
        {
            errors.Add("rows", $"must be at most {MaxRows} per import.");
        }
        return errors;
    }
}
