using BranchArchive.Contracts.Imports;

namespace BranchArchive.Grains.Imports;

/// <summary>Counts of the batch in flight, shown with the stored ones while it runs.</summary>
internal sealed class BatchProgress
{
    public int Done { get; private set; }
    public int Imported { get; private set; }
    public int Duplicates { get; private set; }
    public int Errors { get; private set; }

    public void Count(IReadOnlyList<ImportIssue> issues)
    {
        Done++;
        if (issues.Count == 0)
        {
            Imported++;
        }
        else if (issues.Any(i => i.Kind == ImportIssueKind.Error))
        {
            Errors++;
        }
        else
        {
            Duplicates++;
        }
    }
}
