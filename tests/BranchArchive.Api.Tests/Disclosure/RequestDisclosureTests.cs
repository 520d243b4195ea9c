using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 4: a waiting request shows the requester the file's number and status, its details only once the file is sent to it.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class RequestDisclosureTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Request_then_cancel_reads_nothing_of_the_file_and_the_refused_reads_are_audited()
    {
        var (home, there) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var body = JsonSerializer.Serialize(FileBody(home)).Replace("\"Confidential\"", "\"Internal\"");
        var file = await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", homeClerk, body));
        var id = file.GetProperty("id").GetString();
        var request = new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 };

        var queued = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk, request));
        var waiting = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", thereClerk));

        Assert.Equal((file.GetProperty("fileNumber").GetInt64(), "OnShelf"), (waiting.GetProperty("fileNumber").GetInt64(), waiting.GetProperty("status").GetString()));
        Assert.Equal(queued.GetProperty("request").GetProperty("requestId").GetString(), waiting.GetProperty("requests")[0].GetProperty("requestId").GetString());
        AssertNoDetails(waiting);
        foreach (var part in new[] { "loans", "custody", "scans", "repairs", "classification/history" })
        {
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}/{part}", thereClerk));
        }
        var cancelled = await Expect(HttpStatusCode.OK, Api.Send(HttpMethod.Delete,
            $"/api/files/{id}/requests/{queued.GetProperty("request").GetProperty("requestId").GetString()}", thereClerk, null));
        AssertNoDetails(cancelled);
        var audit = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&actor=clerk.{there.ToLowerInvariant()}", await Api.Archivist()));
        Assert.Equal(5, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "Forbidden"));

        // Once the file is sent to the requesting branch, it sees the file in full.
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk, request));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-9" }));
        var sent = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", thereClerk));
        Assert.Equal("上海某某机械设备制造厂", sent.GetProperty("customer").GetProperty("name").GetString());
        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", thereClerk));
    }

    private static void AssertNoDetails(JsonElement seen)
    {
        var customer = seen.GetProperty("customer");
        Assert.All(new[] { "name", "idNumber", "industry", "region" }, field => Assert.Equal(JsonValueKind.Null, customer.GetProperty(field).ValueKind));
        Assert.Empty(seen.GetProperty("documents").EnumerateArray());
        Assert.Empty(seen.GetProperty("tags").EnumerateArray());
        Assert.DoesNotContain("Framework contract", seen.GetRawText());
    }
}
