using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// The filters of <c>GET /api/inventory/files</c>; every filter is optional and they combine with AND.
/// <see cref="NamesOfRestrictedHidden"/> is not the client's to set: the inventory grain sets it for
/// callers not shown Restricted customers' names, so a name search never matches those files.
/// <see cref="Branch"/> is the file's home; <see cref="Location"/> the branch holding it now,
/// <see cref="Destination"/> the branch it travels to (or waits to be sent to), <see cref="CirculationStage"/>
/// where it stands in its journey. <see cref="DueFrom"/> and <see cref="DueBefore"/> bound the open loans' due dates
/// (a branch's loans due soon). <see cref="Awaiting"/> keeps the files waiting for an approval of that kind (the approval queue).
/// </summary>
[GenerateSerializer, Immutable, Alias("inventory-query")]
public sealed record InventoryQuery(
    [property: Id(0)] string? Branch,
    [property: Id(1)] string? Cabinet,
    [property: Id(2)] FileStatus? Status,
    [property: Id(3)] Importance? Importance,
    [property: Id(4)] CustomerType? Type,
    [property: Id(5)] string? Tag,
    [property: Id(6)] string? Q,
    [property: Id(7)] bool Overdue,
    [property: Id(8)] int Page = 1,
    [property: Id(9)] int PageSize = 50,
    [property: Id(10)] bool NamesOfRestrictedHidden = false,
    [property: Id(11)] string? Location = null,
    [property: Id(12)] string? Destination = null,
    [property: Id(13)] CirculationStage? CirculationStage = null,
    [property: Id(14)] DateTimeOffset? DueFrom = null,
    [property: Id(15)] DateTimeOffset? DueBefore = null,
    [property: Id(16)] ApprovalKind? Awaiting = null)
{
    public const int MaxPageSize = 500;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Branch is not null)
        {
            errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        }
        if (Location is not null)
        {
            errors.Pattern("location", Location, Codes.Branch(), Codes.BranchDescription);
        }
        if (Destination is not null)
        {
            errors.Pattern("destination", Destination, Codes.Branch(), Codes.BranchDescription);
        }
        errors.Defined("circulationStage", CirculationStage);
        errors.Defined("awaiting", Awaiting);
        if (Cabinet is not null)
        {
            errors.Pattern("cabinet", Cabinet, Codes.Cabinet(), Codes.CabinetDescription);
        }
        errors.Defined("status", Status);
        errors.Defined("importance", Importance);
        errors.Defined("type", Type);
        errors.OptionalText("tag", Tag, 50);
        errors.OptionalText("q", Q, 200);
        errors.Range("page", Page, 1, 1_000_000);
        errors.Range("pageSize", PageSize, 1, MaxPageSize);
        return errors;
    }
}
