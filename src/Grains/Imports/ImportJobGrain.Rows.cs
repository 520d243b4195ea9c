using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;

namespace BranchArchive.Grains.Imports;

public sealed partial class ImportJobGrain
{
    /// <summary>
    /// One planned row: claim its identity keys for its file id (another holder makes it a
    /// duplicate), then register it as POST /api/files does; a refused registration gives its keys back.
    /// </summary>
    private async Task<IReadOnlyList<ImportIssue>> ImportRowAsync(PlannedRow row)
    {
        if (row.Command is null)
        {
            return row.Issues;
        }
        var fileId = ImportIds.File(Id, row.Row);
        var source = $"import {Id} row {row.Row}";
        var claimed = new List<string>(row.Keys.Count);
        foreach (var key in row.Keys)
        {
            var holder = await GrainFactory.GetGrain<ICustomerIdentityGrain>(key).Claim(fileId, source);
            if (holder.FileId != fileId)
            {
                await ReleaseAsync(claimed, fileId);
                return [await DuplicateAsync(row.Row, key, holder)];
            }
            claimed.Add(key);
        }
        var result = await GrainFactory.GetGrain<ICustomerFileGrain>(fileId).Register(row.Command, Job.StartedBy);
        if (result.Succeeded)
        {
            return [];
        }
        await ReleaseAsync(claimed, fileId);
        return Refusal(row.Row, result);
    }

    /// <summary>
    /// A row whose customer another file already holds. The file is named only to an importer shown
    /// that file and its customer; anyone else learns that the customer is already in the archive
    /// (the row can't be imported either way) but not which file, where, or how it came.
    /// </summary>
    private async Task<ImportIssue> DuplicateAsync(int row, string key, IdentityClaim holder)
    {
        var field = IdentityKeys.Describe(key);
        return await GrainFactory.GetGrain<ICustomerFileInternal>(holder.FileId).ShowsCustomerTo(Job.StartedBy)
            ? new ImportIssue(row, ImportIssueKind.Duplicate, field,
                $"The same customer as file {holder.FileId} already in the archive ({ImportPlan.Same(key)}; {holder.Source}).", DuplicateOfFile: holder.FileId)
            : new ImportIssue(row, ImportIssueKind.Duplicate, field,
                $"The same customer as a file already in the archive that you may not read ({ImportPlan.Same(key)}); head office can tell which.");
    }

    private async Task ReleaseAsync(IEnumerable<string> keys, string fileId)
    {
        foreach (var key in keys)
        {
            await GrainFactory.GetGrain<ICustomerIdentityGrain>(key).Release(fileId);
        }
    }

    private static IReadOnlyList<ImportIssue> Refusal(int row, ArchiveResult<CustomerFile> result) => result.Outcome switch
    {
        Outcome.Invalid => [.. result.Errors!.SelectMany(e => e.Value.Select(m => new ImportIssue(row, ImportIssueKind.Error, e.Key, m)))],
        Outcome.Forbidden => [new ImportIssue(row, ImportIssueKind.Error, "branch", result.Detail ?? "Refused.")],
        Outcome.NotFound => [new ImportIssue(row, ImportIssueKind.Error, "cabinet", result.Detail ?? "Not found.")],
        _ => [new ImportIssue(row, ImportIssueKind.Error, result.Detail?.Contains("full", StringComparison.Ordinal) == true ? "cabinet" : "row",
            result.Detail ?? "Refused.")],
    };
}
