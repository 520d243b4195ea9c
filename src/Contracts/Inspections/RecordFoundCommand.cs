using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Inspections;

/// <summary>
/// File numbers read in the cabinet, one or a batch, as a scanner sends them. Body of
/// <c>POST /api/branches/{branch}/cabinets/{cabinet}/inspections/{id}/found</c>. Repeats are harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("record-found-command")]
public sealed record RecordFoundCommand([property: Id(0)] IReadOnlyList<long>? FileNumbers)
{
    public const int MaxBatch = 1_000;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (FileNumbers is null || FileNumbers.Count == 0)
        {
            errors.Add("fileNumbers", "is required: at least one file number.");
        }
        else if (FileNumbers.Count > MaxBatch)
        {
            errors.Add("fileNumbers", $"must hold at most {MaxBatch} numbers per call.");
        }
        else if (FileNumbers.Any(n => n < 1))
        {
            errors.Add("fileNumbers", "must be positive file numbers.");
        }
        return errors;
    }
}
