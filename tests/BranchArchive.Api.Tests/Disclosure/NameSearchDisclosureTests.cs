using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 5: a name search (and its CSV export) matches no Restricted file whose name the caller may not see.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class NameSearchDisclosureTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task A_clerks_name_search_counts_the_same_for_a_restricted_customers_true_and_a_wrong_prefix()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var archivist = await Api.Archivist();
        var secret = await Register(archivist, branch, $"{branch}秘密客户", "Restricted");
        await Register(archivist, branch, $"{branch}公开客户", "Internal");
        var clerk = await Api.Clerk(branch);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);

        Assert.Equal(0, await Total(clerk, $"{branch}秘"));
        Assert.Equal(await Total(clerk, $"{branch}错"), await Total(clerk, $"{branch}秘"));
        Assert.Equal(1, await Total(clerk, $"{branch}公"));               // names it may see still match
        Assert.Equal(1, await Total(clerk, secret.ToString()));           // and the number still finds the file
        Assert.Equal(1, await Total(manager, $"{branch}秘"));             // a manager is shown the name
        Assert.Equal(1, await Total(archivist, $"{branch}秘"));

        using var csv = await Api.Get($"/api/inventory/files.csv?q={Uri.EscapeDataString($"{branch}秘")}", clerk);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // the header only
    }

    private async Task<long> Register(string token, string branch, string name, string sensitivity)
    {
        var body = new
        {
            branch, cabinet = "C01", customer = new { name, type = "Enterprise" }, importance = "Normal", sensitivity,
            documents = new[] { new { type = "Cooperation", title = "Framework contract", pages = 3, date = "2026-03-01" } },
        };
        return (await Expect(HttpStatusCode.Created, Api.Post("/api/files", token, body))).GetProperty("fileNumber").GetInt64();
    }

    private async Task<long> Total(string token, string q) =>
        (await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?q={Uri.EscapeDataString(q)}", token))).GetProperty("total").GetInt64();
}
