using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;

namespace BranchArchive.Grains.Imports;

/// <summary>What a row is, decided from the CSV alone: its command and identity keys, or its errors, or the earlier row it repeats.</summary>
public sealed record PlannedRow(int Row, RegisterFileCommand? Command, IReadOnlyList<string> Keys, IReadOnlyList<ImportIssue> Issues);

/// <summary>
/// Reads every row of a job (standardisation, validation, the caller's branch scope) and finds the
/// rows that repeat an earlier valid row of the same CSV: deterministic, so a resumed job plans
/// the same. Rows that would be refused for branch scope claim no identity.
/// </summary>
public static class ImportPlan
{
    public static IReadOnlyList<PlannedRow> Make(IReadOnlyList<ImportRow> rows, ImportRowReader reader, Actor actor, string? defaultBranch, string jobId)
    {
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var planned = new List<PlannedRow>(rows.Count);
        foreach (var row in rows)
        {
            var (command, errors) = reader.Read(row, defaultBranch);
            if (command is null)
            {
                planned.Add(new PlannedRow(row.Row, null, [], errors));
                continue;
            }
            if (!actor.CanAct(Permissions.ImportFiles, command.Branch!))
            {
                planned.Add(new PlannedRow(row.Row, null, [],
                    [new ImportIssue(row.Row, ImportIssueKind.Error, "branch", $"You may not import files into branch {command.Branch}.")]));
                continue;
            }
            var keys = IdentityKeys.Of(command.Customer!);
            if (keys.FirstOrDefault(firstRowOf.ContainsKey) is { } repeated)
            {
                var first = firstRowOf[repeated];
                planned.Add(new PlannedRow(row.Row, null, [], [new ImportIssue(row.Row, ImportIssueKind.Duplicate, IdentityKeys.Describe(repeated),
                    $"The same customer as row {first} of this import ({Same(repeated)}).", first, ImportIds.File(jobId, first))]));
                continue;
            }
            foreach (var key in keys)
            {
                firstRowOf[key] = row.Row;
            }
            planned.Add(new PlannedRow(row.Row, command, keys, []));
        }
        return planned;
    }

    public static string Same(string key) => key.StartsWith("id/", StringComparison.Ordinal) ? "same id number" : "same name and customer type";
}
