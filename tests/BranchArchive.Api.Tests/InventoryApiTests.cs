using System.Net;
using System.Text;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Head office's inventory endpoints over HTTP: summary, search, CSV export.</summary>
public abstract class InventoryApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task The_summary_and_the_search_show_a_checkout_at_once()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        await Api.RegisterFile(clerk, branch);
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()));

        var summary = await Expect(HttpStatusCode.OK, Api.Get("/api/inventory/summary", clerk));
        var mine = Assert.Single(summary.GetProperty("byBranch").EnumerateArray());
        Assert.Equal(branch, mine.GetProperty("branch").GetString());
        Assert.Equal(1, mine.GetProperty("byStatus").GetProperty("CheckedOut").GetInt64());
        Assert.Equal(1, mine.GetProperty("byStatus").GetProperty("OnShelf").GetInt64());
        var found = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}&status=checkedout", await Api.Archivist()));
        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task Pages_are_stable_and_bad_filters_are_a_400_problem()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        for (var i = 0; i < 5; i++)
        {
            await Api.RegisterFile(clerk, branch);
        }

        var numbers = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}&page={page}&pageSize=2", clerk));
            Assert.Equal(5, answer.GetProperty("total").GetInt64());
            numbers.AddRange(answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fileNumber").GetInt64()));
        }
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(5, numbers.Distinct().Count());
        foreach (var bad in new[] { "status=Lost", "importance=1", "type=Martian", "pageSize=100000", "page=0" })
        {
            await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/inventory/files?branch={branch}&{bad}", clerk));
        }
    }

    [SkippableFact]
    public async Task The_csv_export_lists_every_file_of_the_search_safely_quoted()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var plain = (await Api.RegisterFile(clerk, branch)).GetProperty("fileNumber").GetInt64();
        var awkward = await Expect(HttpStatusCode.Created, Api.Post("/api/files", clerk, new
        {
            branch, cabinet = "C01", importance = "Normal",
            customer = new { name = "=HYPERLINK(\"x\"), Ltd", type = "Enterprise" },
        }));

        using var response = await Api.Get($"/api/inventory/files.csv?branch={branch}", clerk);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,fileNumber,customerName", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains($",{plain},上海某某机械设备制造厂,Enterprise,Vip,Red,OnShelf,{branch},C01,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($",{awkward.GetProperty("fileNumber").GetInt64()},\"'=HYPERLINK(\"\"x\"\"), Ltd\",", StringComparison.Ordinal));

        var other = await Api.OpenBranchWithCabinet();
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/inventory/files.csv?branch={branch}", await Api.Clerk(other)));
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class InventoryApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : InventoryApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class InventoryApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : InventoryApiTests(fixture);
