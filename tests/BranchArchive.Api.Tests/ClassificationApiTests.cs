using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Re-classification over HTTP: managers of the branch move a file, head office lists what moved.</summary>
public abstract class ClassificationApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_manager_reclassifies_a_file_and_head_office_sees_it_among_the_recent_reclassifications()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);

        var moved = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/classification", manager,
            new { reason = "Grew into a key account", importance = "Vip", stage = "Stable", relationship = "LongTerm" }));

        Assert.Equal(("Vip", "Red", "Stable"), (moved.GetProperty("importance").GetString(), moved.GetProperty("colorLabel").GetString(),
            moved.GetProperty("stage").GetString()));
        var history = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/classification/history", await Api.Clerk(branch)));
        Assert.Equal("Grew into a key account", Assert.Single(history.EnumerateArray().ToList()).GetProperty("reason").GetString());
        var recent = await Expect(HttpStatusCode.OK, Api.Get($"/api/reclassifications?branch={branch}", await Api.Archivist()));
        var entry = Assert.Single(recent.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(id, entry.GetProperty("fileId").GetString());
        Assert.Contains("stage Potential → Stable", entry.GetProperty("detail").GetString());
        var othersManager = await Api.Token($"manager.{other.ToLowerInvariant()}", ["manager"], other);
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/reclassifications?branch={branch}", othersManager));
    }

    [SkippableFact]
    public async Task Clerks_bad_bodies_and_other_branches_change_nothing()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var othersManager = await Api.Token($"manager.{other.ToLowerInvariant()}", ["manager"], other);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/classification", clerk, new { reason = "x", importance = "Normal" }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/classification", othersManager, new { reason = "x", importance = "Normal" }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/classification", manager, new { reason = "nothing named" }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/classification", manager, new { reason = "x", quarter = 5, year = 2026 }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/files/{id}/classification", manager, "{\"reason\":\"x\",\"stage\":\"Married\"}"));

        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal(1, file.GetProperty("version").GetInt64());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class ClassificationApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : ClassificationApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class ClassificationApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : ClassificationApiTests(fixture);
