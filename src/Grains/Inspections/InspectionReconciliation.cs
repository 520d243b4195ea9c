using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Grains.Inspections;

/// <summary>What an inspection concludes from the numbers found and the roster as it stood when locked.</summary>
internal static class InspectionReconciliation
{
    /// <summary>
    /// Files the register says are in the cabinet. Anything else (on loan, in transit, in reading,
    /// held at another branch, destroyed) is accounted for elsewhere and not looked for.
    /// </summary>
    public static bool ExpectedOnShelf(FileStatus status) => status is FileStatus.OnShelf or FileStatus.Damaged or FileStatus.Missing;

    /// <param name="elsewhere">The catalogue's lines for the numbers found that are not on the roster.</param>
    public static Inspection Reconcile(InspectionSession session, IReadOnlyList<InventoryItem> elsewhere, string branch, string cabinet,
        DateTimeOffset completedAt, string completedBy)
    {
        List<InspectedFile> missing = [], foundAgain = [], accounted = [];
        List<MisplacedFile> misplaced = [];
        List<UnexpectedNumber> unexpected = [];
        var onRoster = new HashSet<long>();
        foreach (var file in session.Roster.OrderBy(f => f.FileNumber))
        {
            onRoster.Add(file.FileNumber);
            var found = session.Found.Contains(file.FileNumber);
            if (file.Status == FileStatus.Destroyed)
            {
                if (found)
                {
                    unexpected.Add(new UnexpectedNumber(file.FileNumber, UnexpectedReason.Destroyed));
                }
            }
            else if (!ExpectedOnShelf(file.Status))
            {
                accounted.Add(file);
            }
            else if (!found)
            {
                missing.Add(file);
            }
            else if (file.Status == FileStatus.Missing)
            {
                foundAgain.Add(file);
            }
        }
        var lines = elsewhere.ToDictionary(line => line.FileNumber);
        foreach (var number in session.Found.Where(n => !onRoster.Contains(n)).Order())
        {
            if (!lines.TryGetValue(number, out var line))
            {
                unexpected.Add(new UnexpectedNumber(number, UnexpectedReason.Unknown));
            }
            else if (line.Branch != branch)
            {
                // The report is read by the inspecting branch's staff: a file of another branch,
                // Restricted or destroyed or not, gives away nothing but that it is not theirs.
                unexpected.Add(new UnexpectedNumber(number, UnexpectedReason.OtherBranch));
            }
            else if (line.Status == FileStatus.Destroyed)
            {
                unexpected.Add(new UnexpectedNumber(number, UnexpectedReason.Destroyed));
            }
            else if (line.Cabinet != cabinet)
            {
                misplaced.Add(new MisplacedFile(line.Id, number, line.Branch, line.Cabinet));
            }
            // else: registered into this cabinet while the session ran, and here: found.
        }
        return new Inspection(session.Id, branch, cabinet, InspectionStatus.Completed, session.StartedAt, session.StartedBy, completedAt, completedBy,
            session.Roster.Count, session.Found.Count, missing, foundAgain, accounted, misplaced, unexpected);
    }

    /// <summary>What the file is told when its lock ends.</summary>
    public static InspectionFinding FindingFor(InspectionSession session, InspectedFile file) =>
        session.Report?.Status == InspectionStatus.Abandoned || !ExpectedOnShelf(file.Status) ? InspectionFinding.Accounted
        : session.Found.Contains(file.FileNumber) ? InspectionFinding.Found
        : InspectionFinding.Missing;
}
