using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// One file's line in the catalogue, the queryable copy head office searches. Written by the
/// file's grain after every change; <see cref="Version"/> orders the writes, so a repeated or
/// late one never replaces a newer line. <see cref="RetainUntil"/> puts the file on the list for
/// destruction once passed. <see cref="Whereabouts"/> says which branch holds the file now and
/// where it goes next (null: at home, as lines written before it was kept). <see cref="AwaitingApproval"/> is
/// what the file waits for an approver for (<c>ApprovalQueue</c>), <see cref="ApprovalDueAt"/> the earliest deadline among them.
/// </summary>
public sealed record CatalogueEntry(
    string FileId,
    long FileNumber,
    long Version,
    string? CustomerName,
    CustomerType? CustomerType,
    Importance Importance,
    Sensitivity Sensitivity,
    FileStatus Status,
    string Branch,
    string Cabinet,
    IReadOnlyList<string> Tags,
    DateTimeOffset? DueAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RetainUntil = null,
    Whereabouts? Whereabouts = null,
    DateTimeOffset? AwaitingPickupSince = null,
    IReadOnlySet<ApprovalKind>? AwaitingApproval = null,
    DateTimeOffset? ApprovalDueAt = null)
{
    /// <summary>Where the file is: as stored, or at home when the line does not say.</summary>
    public Whereabouts Where => Whereabouts ?? new Whereabouts(CirculationStage.AtHome, Branch, null);
}
