using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Repairs, legal holds and the destruction steps over HTTP: the rules answer as problems, never as 500s.</summary>
public abstract class LifecycleApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task An_incomplete_return_goes_to_repair_and_back_and_its_missing_document_is_supplied()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var loanId = (await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()))).GetProperty("loanId").GetString();

        var returned = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", clerk,
            new { loanId, condition = "Incomplete", notes = "licence gone", missingDocuments = new[] { "Business licence" } }));
        Assert.Equal("Damaged", returned.GetProperty("status").GetString());
        var repair = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/repairs", clerk, new { damage = "Licence missing" }));
        var repairId = repair.GetProperty("repair").GetProperty("repairId").GetString();
        Assert.Equal("InRepair", repair.GetProperty("status").GetString());
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        var back = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/repairs/{repairId}/complete", clerk, new { work = "Copy re-made" }));
        Assert.Equal("OnShelf", back.GetProperty("status").GetString());
        var supplied = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/missing-documents/supplied", clerk, new { titles = new[] { "Business licence" } }));
        Assert.Equal(0, supplied.GetProperty("missingDocuments").GetArrayLength());
        Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/repairs", clerk))).EnumerateArray());
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/repairs", clerk, new { damage = "" }));
    }

    [SkippableFact]
    public async Task Holds_are_for_archivists_and_an_active_customers_file_is_not_destroyed()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);
        var archivist = await Api.Archivist();
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

        var held = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/legal-hold", archivist, new { reason = "Litigation" }));
        Assert.Equal("Litigation", held.GetProperty("legalHold").GetProperty("reason").GetString());
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/legal-hold", manager, new { reason = "Mine" }));
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/destruction", manager, new { reason = "Tidy up" }));
        var lifted = await Expect(HttpStatusCode.OK, Api.Send(HttpMethod.Delete, $"/api/files/{id}/legal-hold", archivist, null));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lifted.GetProperty("legalHold").ValueKind);
        // A potential customer registered today is kept three years: nothing to destroy yet.
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/destruction", manager, new { reason = "Tidy up" }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/destruction/execute", manager,
            new { requestId = Guid.NewGuid().ToString(), witnesses = new[] { "only.one" } }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/retention/due?limit=0", archivist));
        var due = await Expect(HttpStatusCode.OK, Api.Get($"/api/retention/due?branch={branch}", manager));
        Assert.Equal(0, due.GetArrayLength());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class LifecycleApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : LifecycleApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class LifecycleApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : LifecycleApiTests(fixture);
