using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>Reads the whole catalogue and every file grain, and lists where they disagree.</summary>
public static class CatalogueComparison
{
    public static async Task<List<InventoryItem>> AllLines(IClusterClient client, string branch)
    {
        var lines = new List<InventoryItem>();
        for (var page = 1; ; page++)
        {
            var answer = (await client.GetGrain<IInventoryGrain>(0).Search(
                new InventoryQuery(branch, null, null, null, null, null, null, false, page, InventoryQuery.MaxPageSize), Archive.Archivist)).AssertSucceeded();
            lines.AddRange(answer.Items);
            if (page * answer.PageSize >= answer.Total)
            {
                return lines;
            }
        }
    }

    public static async Task<List<string>> Disagreements(IClusterClient client, string branch, IEnumerable<string> fileIds)
    {
        var files = new List<CustomerFile>();
        foreach (var id in fileIds)
        {
            files.Add((await client.GetGrain<ICustomerFileGrain>(id).Get(Archive.Archivist)).AssertSucceeded());
        }
        var lines = (await AllLines(client, branch)).ToDictionary(l => l.Id);
        // A file the caller does not know of may still be stored (its registration's answer was
        // lost with a killed silo): its line is compared like the others; a line is wrong on its
        // own only if no file is stored under its id.
        var problems = new List<string>();
        foreach (var id in lines.Keys.Except(files.Select(f => f.Id)).ToList())
        {
            var unknown = await client.GetGrain<ICustomerFileGrain>(id).Get(Archive.Archivist);
            if (unknown.Outcome == BranchArchive.Contracts.Results.Outcome.NotFound)
            {
                problems.Add($"{id}: a catalogue line without a file");
                lines.Remove(id);
                continue;
            }
            files.Add(unknown.AssertSucceeded());
        }
        foreach (var file in files)
        {
            var id = file.Id;
            if (!lines.Remove(id, out var line))
            {
                problems.Add($"{id}: no catalogue line");
                continue;
            }
            var expected = (file.FileNumber, file.Status, file.Branch, file.Cabinet, file.Loan?.DueAt, file.Importance, file.Customer.Name);
            var actual = (line.FileNumber, line.Status, line.Branch, line.Cabinet, line.DueAt, line.Importance, line.CustomerName);
            if (expected != actual)
            {
                problems.Add($"{id}: grain {expected} but catalogue {actual}");
            }
        }
        return problems;
    }
}
