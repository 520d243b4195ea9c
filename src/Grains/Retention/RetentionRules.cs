using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Files;

namespace BranchArchive.Grains.Retention;

/// <summary>Until when a file must be kept, and what stands in the way of destroying it now.</summary>
public static class RetentionRules
{
    /// <summary>The end of the file's retention, or null while it has none (active customer, legal hold, destroyed).</summary>
    public static DateTimeOffset? RetainUntil(CustomerFileState file, RetentionOptions options)
    {
        if (file.LegalHold is not null || file.Status == FileStatus.Destroyed)
        {
            return null;
        }
        DateTimeOffset? anchor = file.Stage switch
        {
            CooperationStage.Terminated => file.RelationshipEndedAt,
            CooperationStage.Potential => file.RegisteredAt,
            _ => null,
        };
        if (anchor is not { } from)
        {
            return null;
        }
        var years = options.EffectiveRules
            .Where(rule => rule.Stage == file.Stage && (rule.DocumentType is null || file.Documents.Any(d => d.Type == rule.DocumentType)))
            .Select(rule => (int?)rule.Years)
            .Max();
        return years is { } kept ? from.AddYears(kept) : null;
    }

    /// <summary>Why the file can't be destroyed at <paramref name="now"/> (a 409), or null when it can.</summary>
    public static string? RefuseDestruction(CustomerFileState file, RetentionOptions options, DateTimeOffset now)
    {
        if (file.Status == FileStatus.Destroyed)
        {
            return $"File {file.FileNumber} was already destroyed.";
        }
        if (file.LegalHold is { } hold)
        {
            return $"File {file.FileNumber} is on legal hold ({hold.Reason}); an archivist must lift it first.";
        }
        if (file.OpenLoan is { } loan)
        {
            return $"File {file.FileNumber} is on loan to {loan.Borrower} of branch {loan.Branch}; it can't be destroyed until returned.";
        }
        if (file.Requests.Count > 0)
        {
            return $"{file.Requests.Count} request(s) wait for file {file.FileNumber}; they must be withdrawn first.";
        }
        if (file.Status is not (FileStatus.OnShelf or FileStatus.Damaged) || file.AwayAt is not null || file.Relocating is not null)
        {
            return $"File {file.FileNumber} is {file.Status}; only a file at home on its shelf (or damaged there) can be destroyed.";
        }
        if (RetainUntil(file, options) is not { } until)
        {
            return $"File {file.FileNumber} has no end of retention: its customer is {file.Stage?.ToString() ?? "not classified by stage"}.";
        }
        return until > now ? $"File {file.FileNumber} must be kept until {until:yyyy-MM-dd}." : null;
    }
}
