using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Over HTTP: retention counts from when the customer relationship ended, as registration and re-classification give it.</summary>
public abstract class RelationshipEndApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    private static object TerminatedFile(string branch, string? endedOn) => new
    {
        branch,
        cabinet = "C01",
        customer = new { name = "上海某某贸易公司", type = "Enterprise" },
        importance = "Normal",
        stage = "Terminated",
        relationshipEndedOn = endedOn,
        documents = new[] { new { type = "BasicInfo", title = "Business licence" } },
    };

    [SkippableFact]
    public async Task A_customer_terminated_in_2015_and_filed_today_is_on_the_list_for_destruction_and_may_be_destroyed()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);

        var filed = await Expect(HttpStatusCode.Created, Api.Post("/api/files", await Api.Clerk(branch), TerminatedFile(branch, "2015-06-30")));
        var today = await Expect(HttpStatusCode.Created, Api.Post("/api/files", await Api.Clerk(branch), TerminatedFile(branch, null)));

        var id = filed.GetProperty("id").GetString();
        Assert.Equal("2015-06-30T00:00:00Z", filed.GetProperty("relationshipEndedAt").GetString());
        var due = Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/retention/due?branch={branch}", manager))).EnumerateArray().ToList());
        Assert.Equal((id, "2020-06-30T00:00:00Z"), (due.GetProperty("fileId").GetString(), due.GetProperty("retainUntil").GetString())); // 5 years, basic information only
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/destruction", manager, new { reason = "Past retention" }));
        var kept = await ExpectProblem(HttpStatusCode.Conflict,
            Api.Post($"/api/files/{today.GetProperty("id").GetString()}/destruction", manager, new { reason = "Past retention" }));
        Assert.Contains("must be kept until", kept.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task A_manager_records_when_the_relationship_ended_and_a_future_or_misplaced_day_is_refused_with_its_reason()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var future = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post("/api/files", clerk, TerminatedFile(branch, tomorrow)));
        Assert.StartsWith("relationshipEndedOn must not be in the future", future.GetProperty("detail").GetString());
        Assert.True(future.GetProperty("errors").TryGetProperty("relationshipEndedOn", out _));

        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var notTerminated = await ExpectProblem(HttpStatusCode.Conflict,
            Api.Post($"/api/files/{id}/classification", manager, new { reason = "Left in 2015", relationshipEndedOn = "2015-06-30" }));
        Assert.Contains("Terminated", notTerminated.GetProperty("detail").GetString());
        await ExpectProblem(HttpStatusCode.BadRequest,
            Api.Post($"/api/files/{id}/classification", manager, new { reason = "Left", stage = "Terminated", relationshipEndedOn = tomorrow }));
        await ExpectProblem(HttpStatusCode.BadRequest,
            Api.Post($"/api/files/{id}/classification", manager, new { reason = "Left", stage = "Stable", relationshipEndedOn = "2015-06-30" }));
        await ExpectProblem(HttpStatusCode.Forbidden,
            Api.Post($"/api/files/{id}/classification", clerk, new { reason = "Left", stage = "Terminated", relationshipEndedOn = "2015-06-30" }));
        Assert.Equal(1, (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk))).GetProperty("version").GetInt64());

        var ended = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/classification", manager,
            new { reason = "Contract ended in 2015", stage = "Terminated", relationshipEndedOn = "2015-06-30" }));
        Assert.Equal(("Terminated", "2015-06-30T00:00:00Z"), (ended.GetProperty("stage").GetString(), ended.GetProperty("relationshipEndedAt").GetString()));
        var recent = await Expect(HttpStatusCode.OK, Api.Get($"/api/reclassifications?branch={branch}", await Api.Archivist()));
        Assert.Contains("relationshipEndedOn (none) → 2015-06-30", Assert.Single(recent.GetProperty("items").EnumerateArray().ToList()).GetProperty("detail").GetString());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class RelationshipEndApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : RelationshipEndApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class RelationshipEndApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : RelationshipEndApiTests(fixture);
