using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// One file of a search. <see cref="Branch"/> and <see cref="Cabinet"/> are its home; <see cref="Location"/>
/// the branch holding it now (null on the road), <see cref="CirculationStage"/> where it stands in a
/// journey and <see cref="Destination"/> the branch it travels to or waits to be sent to. <see cref="AwaitingApproval"/>
/// names what the file waits for an approver for (empty or null: nothing), <see cref="ApprovalDueAt"/> the earliest
/// deadline among them (an emergency access grant's review); past it, the file is overdue on the approval queue.
/// </summary>
[GenerateSerializer, Immutable, Alias("inventory-item")]
public sealed record InventoryItem(
    [property: Id(0)] string Id,
    [property: Id(1)] long FileNumber,
    [property: Id(2)] string? CustomerName,
    [property: Id(3)] CustomerType? CustomerType,
    [property: Id(4)] Importance Importance,
    [property: Id(5)] ColorLabel ColorLabel,
    [property: Id(6)] FileStatus Status,
    [property: Id(7)] string Branch,
    [property: Id(8)] string Cabinet,
    [property: Id(9)] DateTimeOffset? DueAt,
    [property: Id(10)] Sensitivity Sensitivity,
    [property: Id(11)] string? Location = null,
    [property: Id(12)] CirculationStage CirculationStage = CirculationStage.AtHome,
    [property: Id(13)] string? Destination = null,
    [property: Id(14)] IReadOnlyList<ApprovalKind>? AwaitingApproval = null,
    [property: Id(15)] DateTimeOffset? ApprovalDueAt = null);

[GenerateSerializer, Immutable, Alias("inventory-page")]
public sealed record InventoryPage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<InventoryItem> Items);

/// <summary>
/// A slice of a search for export, in file-number order: the next slice starts after the last
/// number here. Keyset paging keeps every slice as cheap as the first, however far in.
/// </summary>
[GenerateSerializer, Immutable, Alias("inventory-slice")]
public sealed record InventorySlice(
    [property: Id(0)] IReadOnlyList<InventoryItem> Items,
    [property: Id(1)] bool More);

[GenerateSerializer, Immutable, Alias("branch-inventory")]
public sealed record BranchInventory(
    [property: Id(0)] string Branch,
    [property: Id(1)] long Total,
    [property: Id(2)] IReadOnlyDictionary<string, long> ByStatus);

/// <summary>
/// What one branch holds now, whatever their home (<see cref="Held"/>, by <see cref="CirculationStage"/>),
/// and how many files are on the road to it (<see cref="Arriving"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("branch-whereabouts")]
public sealed record BranchWhereabouts(
    [property: Id(0)] string Branch,
    [property: Id(1)] long Held,
    [property: Id(2)] IReadOnlyDictionary<string, long> ByStage,
    [property: Id(3)] long Arriving);

/// <summary>
/// The counts of the archive (or of the caller's branch): <see cref="ByBranch"/> by home branch,
/// <see cref="ByLocation"/> by the branch holding the files now, <see cref="OverdueByBranch"/> the
/// overdue loans by home branch (branches with none left out; they add up to <see cref="Overdue"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("inventory-summary")]
public sealed record InventorySummary(
    [property: Id(0)] long Total,
    [property: Id(1)] IReadOnlyList<BranchInventory> ByBranch,
    [property: Id(2)] IReadOnlyDictionary<string, long> ByCustomerType,
    [property: Id(3)] IReadOnlyDictionary<string, long> ByImportance,
    [property: Id(4)] long Overdue,
    [property: Id(5)] IReadOnlyList<BranchWhereabouts> ByLocation,
    [property: Id(6)] IReadOnlyDictionary<string, long> OverdueByBranch);
