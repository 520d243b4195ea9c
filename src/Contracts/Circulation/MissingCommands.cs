using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Circulation;

/// <summary>
/// Declares the file missing: it is not where the register says (not on its shelf, lost on the
/// road, never arrived). Body of <c>POST /api/files/{id}/missing</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("declare-missing-command")]
public sealed record DeclareMissingCommand([property: Id(0)] string? Note)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("note", Note, 2000);
        return errors;
    }
}

/// <summary>A missing file is found and back on its home shelf. Body of <c>POST /api/files/{id}/found</c>.</summary>
[GenerateSerializer, Immutable, Alias("found-command")]
public sealed record FoundCommand([property: Id(0)] string? Note)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("note", Note, 2000);
        return errors;
    }
}

/// <summary>The sender takes the file back before the courier delivers it. Body of <c>POST /api/files/{id}/transit/cancel</c>.</summary>
[GenerateSerializer, Immutable, Alias("cancel-transit-command")]
public sealed record CancelTransitCommand([property: Id(0)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}
