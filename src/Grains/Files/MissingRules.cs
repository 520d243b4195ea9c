using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// When a file may be declared missing, found again, or called back on the road, and why not (a
/// 409's detail). A missing file is missing from its home: its place in its cabinet stays on the
/// roster, the stocktake looks for it there, and found again it is back on that shelf.
/// </summary>
internal static class MissingRules
{
    public const string CancelTransitOperation = "cancel-transit";

    /// <summary>
    /// Why the file can't be declared missing now, or null. A file lent out is in its borrower's
    /// hands (the loan stays open and its overdue notices chase it); one read on site or in repair
    /// is accounted for by whoever has it.
    /// </summary>
    public static string? RefuseDeclaration(CustomerFileState file) => file.Status switch
    {
        FileStatus.Missing => $"File {file.FileNumber} is already declared missing.",
        FileStatus.CheckedOut => $"File {file.FileNumber} is lent to {file.OpenLoan?.Borrower} of branch {file.OpenLoan?.Branch}; " +
                                 "a lent file is not declared missing: its loan stays open until it is returned.",
        FileStatus.OnShelf or FileStatus.Damaged or FileStatus.InTransit or FileStatus.AwaitingPickup or FileStatus.AwaitingDispatch
            when file.Relocating is null => null,
        _ when file.Relocating is not null => $"File {file.FileNumber} is being moved to {file.Relocating.ToBranch}/{file.Relocating.ToCabinet}; " +
                                              "it can be declared missing once the move is finished.",
        _ => $"File {file.FileNumber} is {file.Status}; it can't be declared missing now.",
    };

    public static string? RefuseFound(CustomerFileState file) =>
        file.Status == FileStatus.Missing ? null : $"File {file.FileNumber} is not missing; it is {file.Status}.";

    /// <summary>Why the transit can't be called back now, or null: only a file on the road is.</summary>
    public static string? RefuseCancelTransit(CustomerFileState file) =>
        file.Status == FileStatus.InTransit && file.Transit is not null
            ? null
            : $"File {file.FileNumber} is not on the road; it is {file.Status}. Only a dispatch not yet received can be called back.";

    /// <summary>The branches a missing file concerns: its home, and the branches it was at or travelling between.</summary>
    public static IReadOnlyList<string> BranchesConcerned(CustomerFileState file) =>
        new[] { file.Branch, file.AwayAt, file.Transit?.From, file.Transit?.To }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Where the file was last known, in words for its audit record and custody event.</summary>
    public static string LastKnown(CustomerFileState file) =>
        file.Transit is { } leg ? $"on the road from {leg.From} to {leg.To} (reference {leg.Reference})"
        : file.AwayAt is { } away ? $"{file.Status} at branch {away}"
        : $"{file.Status} in {file.Branch}/{file.Cabinet}";
}
