using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Circulation;

/// <summary>Moves a file's home for good. Body of <c>POST /api/files/{id}/relocate</c>.</summary>
[GenerateSerializer, Immutable, Alias("relocate-command")]
public sealed record RelocateCommand(
    [property: Id(0)] string? Branch,
    [property: Id(1)] string? Cabinet,
    [property: Id(2)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        errors.Pattern("cabinet", Cabinet, Codes.Cabinet(), Codes.CabinetDescription);
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}

/// <summary>
/// A relocation under way, stored with the file before any cabinet is touched, so whichever
/// activation of the file comes next finishes it (the file is the single writer of its location;
/// the cabinets' roster changes are idempotent and repeated until done).
/// </summary>
[GenerateSerializer, Immutable, Alias("relocation")]
public sealed record Relocation(
    [property: Id(0)] string FromBranch,
    [property: Id(1)] string FromCabinet,
    [property: Id(2)] string ToBranch,
    [property: Id(3)] string ToCabinet,
    [property: Id(4)] string By,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Arrived = false);
