using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>
/// Issue 18 point 8 over HTTP: once the file has gone home, the branch that borrowed it reads the
/// custody events and loan of its own journey, and nothing else of the file; a branch that handled
/// nothing gets the same 403 as before, audited.
/// </summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class BorrowingBranchDisclosureTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task After_the_file_went_home_the_borrowing_branch_reads_its_own_journey_and_loan_and_nothing_else()
    {
        var (home, there, next, never) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet(),
            await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (thereClerk, neverClerk) = (await Api.Clerk(there), await Api.Clerk(never));
        var id = await RegisterLendable(Api, home);
        var loanId = await Journey(Api, id, home, there, returned: true);
        await Journey(Api, id, home, next, returned: false);

        var custody = (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", thereClerk))).EnumerateArray().ToList();
        Assert.Equal(["Received", "Dispatched", "Returned", "PickedUp", "Received", "Dispatched", "Requested"],
            custody.Select(e => e.GetProperty("action").GetString()));
        // Each transit names both ends; the far end is how the branch finds the dispatch to it and the receipt at home.
        Assert.Equal((home, there, home), Ends(custody[0]));
        Assert.Equal((home, home, there), Ends(custody[^2]));
        Assert.All(custody, e => Assert.DoesNotContain(next, e.GetRawText()));
        var loans = (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", thereClerk))).EnumerateArray().ToList();
        var loan = Assert.Single(loans).GetProperty("loan");
        Assert.Equal((loanId, there), (loan.GetProperty("loanId").GetString(), loan.GetProperty("branch").GetString()));

        // No customer, documents or other parts of the file.
        foreach (var part in new[] { "", "/scans", "/repairs", "/classification/history" })
        {
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}{part}", thereClerk));
        }

        // A branch that handled nothing: the refusal it got before, word for word, and audited.
        var refusedFile = await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}", neverClerk));
        foreach (var part in new[] { "custody", "loans" })
        {
            var refused = await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}/{part}", neverClerk));
            Assert.Equal(refusedFile.GetProperty("detail").GetString(), refused.GetProperty("detail").GetString());
        }
        var audit = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&actor=clerk.{never.ToLowerInvariant()}", await Api.Archivist()));
        Assert.Equal(3, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("outcome").GetString() == "Forbidden"));
    }

    [Fact]
    public async Task A_branch_whose_request_was_withdrawn_before_the_file_came_reads_that_journey_and_an_empty_loan_register()
    {
        var (home, there) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var id = await RegisterLendable(Api, home);
        var queued = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "Wrong envelope" }));
        await Expect(HttpStatusCode.OK, Api.Send(HttpMethod.Delete,
            $"/api/files/{id}/requests/{queued.GetProperty("request").GetProperty("requestId").GetString()}", thereClerk, null));

        var custody = (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", thereClerk))).EnumerateArray().ToList();

        Assert.Equal(["RequestCancelled", "TransitCancelled", "Dispatched", "Requested"], custody.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal((home, home, there), Ends(custody[1]));
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", thereClerk))).EnumerateArray());
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}", thereClerk));
    }

    /// <summary>A file other branches may borrow (the client's default body is Confidential, lent only at home).</summary>
    internal static async Task<string> RegisterLendable(ArchiveClient api, string home)
    {
        var body = JsonSerializer.Serialize(FileBody(home)).Replace("\"Confidential\"", "\"Internal\"");
        return (await Expect(HttpStatusCode.Created, api.PostRaw("/api/files", await api.Clerk(home), body))).GetProperty("id").GetString()!;
    }

    /// <summary>Request, dispatch, receive, pickup at <paramref name="there"/>; if <paramref name="returned"/>, return and home again. The loan's id.</summary>
    internal static async Task<string> Journey(ArchiveClient api, string id, string home, string there, bool returned)
    {
        var (homeClerk, clerk) = (await api.Clerk(home), await api.Clerk(there));
        var queued = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/requests", clerk,
            new { borrower = $"reader.{there.ToLowerInvariant()}", pickupBranch = there, purpose = "Credit review", days = 7 }));
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/receive", clerk, new { notes = "" }));
        var loan = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/pickup", clerk,
            new { requestId = queued.GetProperty("request").GetProperty("requestId").GetString() }));
        var loanId = loan.GetProperty("loanId").GetString()!;
        if (returned)
        {
            await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/return", clerk, new { loanId, condition = "Intact", notes = "" }));
            await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/dispatch", clerk, new { reference = "EMS-2" }));
            await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/receive", homeClerk, new { notes = "" }));
        }
        return loanId;
    }

    private static (string?, string?, string?) Ends(JsonElement custody) =>
        (custody.GetProperty("branch").GetString(), custody.GetProperty("from").GetString(), custody.GetProperty("to").GetString());
}
