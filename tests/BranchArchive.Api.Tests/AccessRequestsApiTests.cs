using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Purpose-bound access over HTTP: ask, see it on the approval queue, approve, read; bad input and wrong approvers change nothing.</summary>
public abstract class AccessRequestsApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task Staff_of_another_branch_ask_the_manager_finds_it_on_the_queue_approves_and_they_read_the_file()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var elsewhere = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();
        var stranger = await Api.Clerk(elsewhere);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}", stranger));

        var asked = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/access-requests", stranger, new { reason = "Guarantee check", hours = 2 }));
        var requestId = asked.GetProperty("requestId").GetString();
        Assert.Equal("Pending", asked.GetProperty("status").GetString());
        Assert.DoesNotContain("上海", asked.GetRawText()); // the answer is the request, nothing of the file
        var mine = await Expect(HttpStatusCode.OK, Api.Get("/api/access-requests/mine", stranger));
        Assert.Equal(requestId, Assert.Single(mine.EnumerateArray().ToList()).GetProperty("requestId").GetString());

        var queue = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}&awaiting=access", manager));
        var line = Assert.Single(queue.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal((id, "Access"), (line.GetProperty("id").GetString(), line.GetProperty("awaitingApproval")[0].GetString()));
        var requests = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/access-requests", manager));
        Assert.Equal("Guarantee check", Assert.Single(requests.EnumerateArray().ToList()).GetProperty("reason").GetString());

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/access-requests/{requestId}/approve", await Api.Clerk(branch), new { }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/access-requests/{requestId}/approve",
            await Api.Token($"manager.{elsewhere.ToLowerInvariant()}", ["manager"], elsewhere), new { }));
        var approved = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/access-requests/{requestId}/approve", manager, new { hours = 1 }));
        Assert.Equal("Granted", approved.GetProperty("status").GetString());

        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", stranger));
        Assert.Equal("913*********XXXX", file.GetProperty("customer").GetProperty("idNumber").GetString());
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/checkout", stranger, Checkout()));
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}&awaiting=access", manager)))
            .GetProperty("items").EnumerateArray());
    }

    [SkippableFact]
    public async Task Bad_input_is_a_problem_with_detail_and_changes_nothing()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();
        var stranger = await Api.Clerk(await Api.OpenBranchWithCabinet());
        var archivist = await Api.Archivist();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/access-requests", stranger, new { reason = "", hours = 2 }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/access-requests", stranger, new { reason = "x", hours = 999 }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/access-requests", stranger, new { reason = "x", hours = 9 })); // over Access:MaxGrant
        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/files/{id}/access-requests", stranger, "{\"reason\":"));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/not-an-id/access-requests", stranger, new { reason = "x" }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/access-requests/not-a-guid/approve", archivist, new { }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/inventory/files?awaiting=everything", archivist));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Post($"/api/files/{Guid.NewGuid():D}/access-requests", stranger, new { reason = "x" }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/access-requests", archivist, new { reason = "x" }));
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/access-requests", await Api.Clerk(branch), new { reason = "x" }));

        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/access-requests", archivist))).EnumerateArray());
        Assert.Equal(1, (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", archivist))).GetProperty("version").GetInt64());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class AccessRequestsApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : AccessRequestsApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class AccessRequestsApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : AccessRequestsApiTests(fixture);
