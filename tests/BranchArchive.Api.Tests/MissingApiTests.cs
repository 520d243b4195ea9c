using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// The circulation's exceptions over HTTP: a file declared missing and found, a dispatch called
/// back by its sender; each refusal a problem+json that changes nothing and is audited.
/// </summary>
public abstract class MissingApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_manager_declares_a_file_on_the_road_missing_the_requesting_branch_is_told_and_the_file_is_found_back_on_its_shelf()
    {
        var home = await Api.OpenBranchWithCabinet();
        var there = await Api.OpenBranchWithCabinet();
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var homeManager = await Api.Token($"manager.{home.ToLowerInvariant()}", ["manager"], home);
        var id = await InternalFile(home, homeClerk);
        var requestId = (await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }))).GetProperty("request").GetProperty("requestId").GetString();
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));

        var denied = await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/missing", homeClerk, new { note = "not arrived" }));
        Assert.False(string.IsNullOrEmpty(denied.GetProperty("detail").GetString()));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/missing", homeManager, new { note = "" }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/missing",
            await Api.Token($"manager.{there.ToLowerInvariant()}", ["manager"], there), new { note = "not arrived" }));
        Assert.Equal("InTransit", (await File(id, homeClerk)).GetProperty("status").GetString());

        var missing = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/missing", homeManager, new { note = "Courier lost parcel EMS-1" }));

        Assert.Equal("Missing", missing.GetProperty("status").GetString());
        Assert.Equal(0, missing.GetProperty("requests").GetArrayLength());
        var notices = (await Expect(HttpStatusCode.OK, Api.Get($"/api/notifications?branch={there}&kind=DeclaredMissing&kind=RequestCancelled", thereClerk))).GetProperty("items");
        Assert.Equal(["DeclaredMissing", "RequestCancelled"], notices.EnumerateArray().Select(n => n.GetProperty("kind").GetString()).Order());
        Assert.Equal(requestId, notices.EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "RequestCancelled").GetProperty("requestId").GetString());
        var conflict = await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/missing", homeManager, new { note = "again" }));
        Assert.Contains("already declared missing", conflict.GetProperty("detail").GetString());
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "late" }));
        var summary = await Expect(HttpStatusCode.OK, Api.Get("/api/inventory/summary", homeManager));
        Assert.Equal(1, summary.GetProperty("byBranch").EnumerateArray().Single(b => b.GetProperty("branch").GetString() == home)
            .GetProperty("byStatus").GetProperty("Missing").GetInt64());

        var found = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/found", homeManager, new { note = "At the courier's depot" }));

        Assert.Equal(("OnShelf", home), (found.GetProperty("status").GetString(), found.GetProperty("location").GetString()));
        var custody = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", homeClerk));
        Assert.Equal(["Found", "DeclaredMissing", "RequestCancelled", "Dispatched", "Requested"],
            custody.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var auditor = await Api.Token("audit.reader", ["auditor"]);
        var audit = (await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=file.missing", auditor))).GetProperty("items");
        // The other branch's manager is refused by the file (file.missing); the clerk already by the role policy (http POST …).
        Assert.Equal([("Forbidden", $"manager.{there.ToLowerInvariant()}"), ("Ok", $"manager.{home.ToLowerInvariant()}")],
            audit.EnumerateArray().Select(e => (e.GetProperty("outcome").GetString(), e.GetProperty("actor").GetString())));
        var clerkRefused = (await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?actor=clerk.{home.ToLowerInvariant()}&outcome=Forbidden", auditor))).GetProperty("items");
        Assert.Contains(clerkRefused.EnumerateArray(), e => e.GetProperty("action").GetString() == $"http POST /api/files/{id}/missing");
        Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=file.found", auditor))).GetProperty("items").EnumerateArray());
    }

    [SkippableFact]
    public async Task The_sender_calls_a_dispatch_back_the_request_keeps_its_place_and_the_requester_is_told()
    {
        var home = await Api.OpenBranchWithCabinet();
        var there = await Api.OpenBranchWithCabinet();
        var (homeClerk, thereClerk) = (await Api.Clerk(home), await Api.Clerk(there));
        var id = await InternalFile(home, homeClerk);
        var requestId = (await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }))).GetProperty("request").GetProperty("requestId").GetString();
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/transit/cancel", thereClerk, new { reason = "not wanted" }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "" }));
        var back = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "Courier did not come" }, "cancel-1"));
        var again = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "Courier did not come" }, "cancel-1"));

        Assert.Equal(("OnShelf", home, "AwaitingDispatch", there), (back.GetProperty("status").GetString(), back.GetProperty("location").GetString(),
            back.GetProperty("circulationStage").GetString(), back.GetProperty("destination").GetString()));
        Assert.Equal(back.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        Assert.Equal(requestId, back.GetProperty("requests")[0].GetProperty("requestId").GetString());
        var notice = (await Expect(HttpStatusCode.OK, Api.Get($"/api/notifications?branch={there}&kind=TransitCancelled", thereClerk))).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("TransitCancelled", requestId), (notice.GetProperty("kind").GetString(), notice.GetProperty("requestId").GetString()));
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/transit/cancel", homeClerk, new { reason = "again" }));
        var audit = (await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=file.transit.cancel", await Api.Token("audit.reader", ["auditor"]))))
            .GetProperty("items");
        Assert.Equal(["Forbidden", "Ok"], audit.EnumerateArray().Select(e => e.GetProperty("outcome").GetString()));
    }

    private async Task<string> InternalFile(string branch, string token)
    {
        // Internal: a Confidential file (the client's default body) is lent only to its own branch.
        var body = JsonSerializer.Serialize(FileBody(branch)).Replace("\"Confidential\"", "\"Internal\"");
        return (await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", token, body))).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> File(string id, string token) => await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", token));
}

[Collection(ArchiveHostCollection.Name)]
public sealed class MissingApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : MissingApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class MissingApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : MissingApiTests(fixture);

/// <summary>
/// Pickup expiry over HTTP, on an archive of its own whose clock the test moves (its timers run in
/// real time: moving a fake clock by days would fire every periodic timer once per period skipped).
/// The sweep is asked for at once rather than waited for.
/// </summary>
public sealed class PickupExpiryApiTests
{
    private sealed class MovedClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime, period);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_file_left_awaiting_pickup_past_the_configured_days_goes_home_and_the_requester_is_told(string storage)
    {
        var clock = new MovedClock();
        await using var host = await ArchiveHost.StartAsync(await ArchiveSettings.FreshAsync(storage),
            extra: new() { ["Circulation:PickupExpiry"] = "2.00:00:00" },
            configure: builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System); // Orleans' own clocks stay real
            });
        var api = host.Client;
        var home = await api.OpenBranchWithCabinet();
        var there = await api.OpenBranchWithCabinet();
        var body = JsonSerializer.Serialize(FileBody(home)).Replace("\"Confidential\"", "\"Internal\"");
        var id = (await Expect(HttpStatusCode.Created, api.PostRaw("/api/files", await api.Clerk(home), body))).GetProperty("id").GetString();
        var requestId = (await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/requests", await api.Clerk(there),
            new { borrower = "wang.wu", pickupBranch = there, purpose = "Credit review", days = 7 }))).GetProperty("request").GetProperty("requestId").GetString();
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/dispatch", await api.Clerk(home), new { reference = "EMS-1" }));
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/receive", await api.Clerk(there), new { notes = "" }));
        var sweeper = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILoanNoticeSweeperGrain>(0);

        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await sweeper.Sweep();
        Assert.Equal("AwaitingPickup", (await Expect(HttpStatusCode.OK, api.Get($"/api/files/{id}", await api.Clerk(there)))).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.Sweep();

        var thereClerk = await api.Clerk(there); // tokens are issued and checked on the moved clock
        var expired = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{id}", thereClerk));
        Assert.Equal(("AwaitingDispatch", "AwaitingDispatchHome", home), (expired.GetProperty("status").GetString(),
            expired.GetProperty("circulationStage").GetString(), expired.GetProperty("destination").GetString()));
        var notice = (await Expect(HttpStatusCode.OK, api.Get($"/api/notifications?branch={there}&kind=PickupExpired", thereClerk))).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("PickupExpired", requestId, "wang.wu"), (notice.GetProperty("kind").GetString(), notice.GetProperty("requestId").GetString(),
            notice.GetProperty("borrower").GetString()));
        var problem = await ExpectProblem(HttpStatusCode.Conflict, api.Post($"/api/files/{id}/pickup", thereClerk, new { requestId }));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        var custody = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{id}/custody", thereClerk));
        Assert.Equal("PickupExpired", custody[0].GetProperty("action").GetString());
        var audit = (await Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={id}&action=file.pickup.expired", await api.Token("audit.reader", ["auditor"]))))
            .GetProperty("items").EnumerateArray().Single();
        Assert.Equal("system:pickup-expiry", audit.GetProperty("actor").GetString());
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/dispatch", thereClerk, new { reference = "EMS-2" }));
        Assert.Equal("OnShelf", (await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/receive", await api.Clerk(home), new { notes = "" })))
            .GetProperty("status").GetString());
    }
}
