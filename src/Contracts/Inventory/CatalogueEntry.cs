using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// One file's line in the catalogue, the queryable copy head office searches. Written by the
/// file's grain after every change; <see cref="Version"/> orders the writes, so a repeated or
/// late one never replaces a newer line. <see cref="RetainUntil"/> puts the file on the list for
/// destruction once passed.
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
    DateTimeOffset? RetainUntil = null);
