using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>The cross-branch flow over HTTP, each step by the branch whose step it is.</summary>
public abstract class CirculationApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_file_travels_to_the_requesting_branch_is_lent_there_and_travels_home()
    {
        var home = await Api.OpenBranchWithCabinet();
        var there = await Api.OpenBranchWithCabinet();
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        // Internal: a Confidential file (the client's default body) is lent only to its own branch.
        var internalFile = System.Text.Json.JsonSerializer.Serialize(FileBody(home)).Replace("\"Confidential\"", "\"Internal\"");
        var id = (await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", homeClerk, internalFile))).GetProperty("id").GetString();

        var queued = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }));
        var requestId = queued.GetProperty("request").GetProperty("requestId").GetString();
        Assert.Equal(1, queued.GetProperty("position").GetInt32());
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/pickup", thereClerk, new { requestId }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/dispatch", thereClerk, new { reference = "EMS-1" }));

        var sent = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));
        Assert.Equal("InTransit", sent.GetProperty("status").GetString());
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/checkout", homeClerk, Checkout()));
        var arrived = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/receive", thereClerk, new { notes = "" }));
        Assert.Equal("AwaitingPickup", arrived.GetProperty("status").GetString());
        var loan = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/pickup", thereClerk, new { requestId }));
        Assert.Equal(there, loan.GetProperty("branch").GetString());
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", thereClerk,
            new { loanId = loan.GetProperty("loanId").GetString(), condition = "Damaged", notes = "torn cover" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", thereClerk, new { reference = "EMS-2" }));
        var back = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/receive", homeClerk, new { notes = "" }));

        // Damaged on return away from home: it counts once the file is back.
        Assert.Equal("Damaged", back.GetProperty("status").GetString());
        Assert.Equal(home, back.GetProperty("location").GetString());
        var custody = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", homeClerk));
        Assert.Equal(["Received", "Dispatched", "Returned", "PickedUp", "Received", "Dispatched", "Requested"],
            custody.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "", pickupBranch = "not a branch", purpose = "x", days = 0 }));
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class CirculationApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : CirculationApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class CirculationApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : CirculationApiTests(fixture);
