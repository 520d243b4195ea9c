using System.Net;
using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// Issue 18.2 over HTTP: head office lists a file by where it is as well as by home, the branch
    /// holding it (or receiving it) lists it, and a third branch learns nothing of it, not even a count.
    /// </summary>
    [SkippableFact]
    public async Task Files_are_listed_and_counted_where_they_are_and_a_third_branch_sees_nothing_of_them()
    {
        var (home, there, bystander) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (homeClerk, thereClerk, bystanderClerk, archivist) = (await Api.Clerk(home), await Api.Clerk(there), await Api.Clerk(bystander), await Api.Archivist());
        var file = await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", homeClerk,
            System.Text.Json.JsonSerializer.Serialize(FileBody(home)).Replace("\"Confidential\"", "\"Internal\"")));
        var (id, number) = (file.GetProperty("id").GetString(), file.GetProperty("fileNumber").GetInt64());
        Assert.Equal(("AtHome", home), (file.GetProperty("circulationStage").GetString(), file.GetProperty("location").GetString()));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }));

        var toDispatch = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?location={home}&circulationStage=AwaitingDispatch", homeClerk));
        var line = Assert.Single(toDispatch.GetProperty("items").EnumerateArray());
        Assert.Equal((number, there), (line.GetProperty("fileNumber").GetInt64(), line.GetProperty("destination").GetString()));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/inventory/files?destination={there}&circulationStage=AwaitingDispatch", thereClerk));

        var sent = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-7" }));
        Assert.Equal(("InTransit", JsonValueKind.Null, there),
            (sent.GetProperty("circulationStage").GetString(), sent.GetProperty("location").ValueKind, sent.GetProperty("destination").GetString()));
        var arriving = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?destination={there}", thereClerk));
        Assert.Equal(number, Assert.Single(arriving.GetProperty("items").EnumerateArray()).GetProperty("fileNumber").GetInt64());

        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/receive", thereClerk, new { notes = "" }));
        var pickups = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?location={there}&circulationStage=AwaitingPickup", thereClerk));
        var held = Assert.Single(pickups.GetProperty("items").EnumerateArray());
        Assert.Equal((home, there, "AwaitingPickup"), (held.GetProperty("branch").GetString(), held.GetProperty("location").GetString(), held.GetProperty("circulationStage").GetString()));
        Assert.Equal("上海某某机械设备制造厂", held.GetProperty("customerName").GetString());
        var headOffice = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={home}&location={there}", archivist));
        Assert.Equal(1, headOffice.GetProperty("total").GetInt64());
        var summary = await Expect(HttpStatusCode.OK, Api.Get("/api/inventory/summary", archivist));
        var place = summary.GetProperty("byLocation").EnumerateArray().Single(p => p.GetProperty("branch").GetString() == there);
        Assert.Equal((1, 1), (place.GetProperty("held").GetInt64(), place.GetProperty("byStage").GetProperty("AwaitingPickup").GetInt64()));
        var theirs = await Expect(HttpStatusCode.OK, Api.Get("/api/inventory/summary", thereClerk));
        Assert.Equal(there, Assert.Single(theirs.GetProperty("byLocation").EnumerateArray()).GetProperty("branch").GetString());
        Assert.Empty(theirs.GetProperty("byBranch").EnumerateArray());

        // The third branch: no line, no count, and a 403 for naming another branch.
        foreach (var query in new[] { "", $"location={bystander}", $"destination={bystander}", $"q={number}" })
        {
            Assert.Equal(0, (await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?{query}", bystanderClerk))).GetProperty("total").GetInt64());
        }
        foreach (var query in new[] { $"location={there}", $"destination={there}", $"branch={home}" })
        {
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/inventory/files?{query}", bystanderClerk));
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/inventory/files.csv?{query}", bystanderClerk));
        }
        var nothing = await Expect(HttpStatusCode.OK, Api.Get("/api/inventory/summary", bystanderClerk));
        Assert.Equal(0, nothing.GetProperty("total").GetInt64());
        Assert.Empty(nothing.GetProperty("byLocation").EnumerateArray());
        Assert.DoesNotContain(id!, nothing.GetRawText());
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/inventory/files?circulationStage=Lost", archivist));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/inventory/files?location=sh-01", archivist));

        using var csv = await Api.Get($"/api/inventory/files.csv?location={there}", thereClerk);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.EndsWith(",location,circulationStage,destination", text.Split("\r\n")[0]);
        Assert.Contains($",{there},AwaitingPickup,", text, StringComparison.Ordinal);
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class InventoryApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : InventoryApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class InventoryApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : InventoryApiTests(fixture);
