using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// The notice board over HTTP: notices of a journey with their id and read state, filtered by kind,
/// read state, time and addressee; marked read and unread by whom they are for; every refusal a
/// problem+json that changes nothing, is audited, and tells a stranger nothing of the notice.
/// </summary>
public abstract class NotificationsApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_branch_lists_its_notices_by_kind_and_read_state_marks_one_read_for_all_its_staff_and_unread_again()
    {
        var (home, there) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var colleague = await Api.Token($"second.{home.ToLowerInvariant()}", ["clerk"], home);
        var id = await Disclosure.BorrowingBranchDisclosureTests.RegisterLendable(Api, home);
        var borrower = $"reader.{there.ToLowerInvariant()}";
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk, new { borrower, pickupBranch = there, purpose = "Credit review", days = 7 }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/receive", thereClerk, new { notes = "" }));

        var dispatch = Single(await Notices($"branch={home}&kind=DispatchRequested", homeClerk));
        Assert.Matches("^ntc_[0-9a-f]{32}$", dispatch.GetProperty("id").GetString());
        Assert.False(dispatch.GetProperty("read").GetBoolean());
        Assert.Equal(["ArrivedForPickup", "InTransitToYou"], Kinds(await Notices($"branch={there}&kind=InTransitToYou&kind=arrivedForPickup", thereClerk)).Order());
        Assert.Empty(await Notices($"branch={there}&kind=DispatchRequested", thereClerk));
        // The borrower's own notice, whichever branch it came through; not on their branch's list.
        var mine = Single(await Notices("mine=true", await Api.Token(borrower, ["clerk"], there)));
        Assert.Equal(("ArrivedForPickup", borrower), (mine.GetProperty("kind").GetString(), mine.GetProperty("recipient").GetString()));
        Assert.DoesNotContain(await Notices($"branch={there}", thereClerk), n => n.GetProperty("id").GetString() == mine.GetProperty("id").GetString());
        Assert.Empty(await Notices("mine=true", thereClerk));

        var noticeId = dispatch.GetProperty("id").GetString()!;
        var read = await Expect(HttpStatusCode.OK, Api.Post($"/api/notifications/notices/{noticeId}/read", homeClerk, new { }));
        Assert.Equal((true, $"clerk.{home.ToLowerInvariant()}"), (read.GetProperty("read").GetBoolean(), read.GetProperty("readBy").GetString()));
        Assert.DoesNotContain(await Notices($"branch={home}&unread=true", colleague), n => n.GetProperty("id").GetString() == noticeId);
        Assert.Contains(await Notices($"branch={home}&unread=false", colleague), n => n.GetProperty("id").GetString() == noticeId);
        var at = dispatch.GetProperty("at").GetDateTimeOffset();
        Assert.Empty(await Notices($"branch={home}&kind=DispatchRequested&since={Uri.EscapeDataString(at.AddSeconds(1).ToString("O"))}", colleague));
        Assert.Single(await Notices($"branch={home}&kind=DispatchRequested&since={Uri.EscapeDataString(at.ToString("O"))}&before={Uri.EscapeDataString(at.AddSeconds(1).ToString("O"))}", colleague));

        var unread = await Expect(HttpStatusCode.OK, Api.Post($"/api/notifications/notices/{noticeId}/unread", colleague, new { }));
        Assert.False(unread.GetProperty("read").GetBoolean());
        Assert.Contains(await Notices($"branch={home}&unread=true", homeClerk), n => n.GetProperty("id").GetString() == noticeId);
        var audit = (await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=notice.mark.unread", await Api.Token("audit.reader", ["auditor"]))))
            .GetProperty("items");
        Assert.Equal([("Ok", $"second.{home.ToLowerInvariant()}")], audit.EnumerateArray().Select(e => (e.GetProperty("outcome").GetString(), e.GetProperty("actor").GetString())));
    }

    [SkippableFact]
    public async Task Refusals_and_bad_filters_are_problems_that_change_nothing_and_a_stranger_learns_nothing_of_the_notice()
    {
        var (home, there) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var auditor = await Api.Token("audit.reader", ["auditor"]);
        var id = await Disclosure.BorrowingBranchDisclosureTests.RegisterLendable(Api, home);
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }));
        var noticeId = Single(await Notices($"branch={home}&kind=DispatchRequested", homeClerk)).GetProperty("id").GetString()!;

        var stranger = await ExpectProblem(HttpStatusCode.NotFound, Api.Post($"/api/notifications/notices/{noticeId}/read", thereClerk, new { }));
        var unknownId = "ntc_" + new string('0', 32);
        var unknown = await ExpectProblem(HttpStatusCode.NotFound, Api.Post($"/api/notifications/notices/{unknownId}/read", thereClerk, new { }));
        // The same answer as for an id nothing has, but for the id itself.
        Assert.Equal(unknown.GetProperty("detail").GetString()!.Replace(unknownId, noticeId), stranger.GetProperty("detail").GetString());
        Assert.DoesNotContain(home, stranger.GetRawText());
        Assert.DoesNotContain(id, stranger.GetRawText());
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/notifications/notices/{noticeId}/read", auditor, new { }));
        var malformed = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post("/api/notifications/notices/not-a-notice/read", homeClerk, new { }));
        Assert.False(string.IsNullOrEmpty(malformed.GetProperty("detail").GetString()));
        Assert.False(Single(await Notices($"branch={home}&kind=DispatchRequested", homeClerk)).GetProperty("read").GetBoolean());
        var denials = (await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=notice.mark.read", auditor))).GetProperty("items");
        Assert.Equal([("Forbidden", $"clerk.{there.ToLowerInvariant()}"), ("Forbidden", "audit.reader")],
            denials.EnumerateArray().Select(e => (e.GetProperty("outcome").GetString(), e.GetProperty("actor").GetString())));

        foreach (var query in new[] { "kind=Nope", "kind=9", "kind=DueSoon,Overdue", "unread=maybe", "mine=perhaps", "since=yesterday", "before=2026-13-45",
                     "since=2026-12-02T00:00:00Z&before=2026-12-01T00:00:00Z", "pageSize=0", "page=0", "branch=bad-code" })
        {
            var problem = await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/notifications?{query}", homeClerk));
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), query);
        }
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/notifications?branch={home}", thereClerk));
    }

    private async Task<List<JsonElement>> Notices(string query, string token) =>
        [.. (await Expect(HttpStatusCode.OK, Api.Get($"/api/notifications?{query}", token))).GetProperty("items").EnumerateArray()];

    private static JsonElement Single(List<JsonElement> items) => Assert.Single(items);

    private static List<string?> Kinds(List<JsonElement> items) => [.. items.Select(n => n.GetProperty("kind").GetString())];
}

[Collection(ArchiveHostCollection.Name)]
public sealed class NotificationsApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : NotificationsApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class NotificationsApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : NotificationsApiTests(fixture);
