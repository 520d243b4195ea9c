using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Branches;

/// <summary>Sets up a locked cabinet in a branch. Also the body of <c>POST /api/branches/{branch}/cabinets</c>.</summary>
[GenerateSerializer, Immutable, Alias("create-cabinet-command")]
public sealed record CreateCabinetCommand(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? Name,
    [property: Id(2)] int? Capacity)
{
    public const int MaxCapacity = 100_000;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Pattern("code", Code, Codes.Cabinet(), Codes.CabinetDescription);
        errors.RequiredText("name", Name, 200);
        errors.Required("capacity", Capacity);
        if (Capacity is { } capacity)
        {
            errors.Range("capacity", capacity, 1, MaxCapacity);
        }
        return errors;
    }
}
