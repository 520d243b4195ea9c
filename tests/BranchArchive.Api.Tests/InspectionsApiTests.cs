using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Inspections over HTTP: a stocktake by the branch, head office's view, the scope and input checks.</summary>
public abstract class InspectionsApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_clerk_runs_a_stocktake_of_a_cabinet_and_the_report_is_listed_for_the_branch()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var present = await Api.RegisterFile(clerk, branch);
        var absent = await Api.RegisterFile(clerk, branch);
        var cabinet = $"/api/branches/{branch}/cabinets/C01/inspections";

        var session = await Expect(HttpStatusCode.Created, Api.Post(cabinet, clerk, new { }));
        var id = session.GetProperty("id").GetString();
        Assert.Equal("Open", session.GetProperty("status").GetString());
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{present.GetProperty("id").GetString()}/checkout", clerk, Checkout()));
        var recorded = await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/found", clerk,
            new { fileNumbers = new[] { present.GetProperty("fileNumber").GetInt64(), 999_999_999_999 } }));
        Assert.Equal(2, recorded.GetProperty("foundCount").GetInt32());

        var report = await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/complete", clerk, new { }));
        Assert.Equal("Completed", report.GetProperty("status").GetString());
        Assert.Equal(absent.GetProperty("id").GetString(), report.GetProperty("missing")[0].GetProperty("fileId").GetString());
        Assert.Equal("Unknown", report.GetProperty("unexpected")[0].GetProperty("reason").GetString());
        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{absent.GetProperty("id").GetString()}", clerk));
        Assert.Equal("Missing", file.GetProperty("status").GetString());

        var listed = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{branch}/inspections", clerk));
        Assert.Equal(id, listed[0].GetProperty("id").GetString());
        Assert.Equal(1, listed[0].GetProperty("missingCount").GetInt32());
        await Expect(HttpStatusCode.OK, Api.Get($"{cabinet}/{id}", await Api.Archivist()));
        await Expect(HttpStatusCode.OK, Api.Get("/api/inspections/due", await Api.Archivist()));
        await Expect(HttpStatusCode.OK, Api.Get($"/api/inspections/due?branch={branch}", clerk));
    }

    [SkippableFact]
    public async Task An_open_stocktake_answers_its_running_reconciliation_and_names_nothing_of_another_branchs_file()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var present = await Api.RegisterFile(clerk, branch);
        var absent = await Api.RegisterFile(clerk, branch);
        var theirs = await Api.RegisterFile(await Api.Clerk(other), other);
        var cabinet = $"/api/branches/{branch}/cabinets/C01/inspections";
        var id = (await Expect(HttpStatusCode.Created, Api.Post(cabinet, clerk, new { }))).GetProperty("id").GetString();

        var recorded = await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/found", clerk,
            new { fileNumbers = new[] { present.GetProperty("fileNumber").GetInt64(), theirs.GetProperty("fileNumber").GetInt64() } }));
        var reread = await Expect(HttpStatusCode.OK, Api.Get($"{cabinet}/{id}", clerk));

        foreach (var view in new[] { recorded, reread })
        {
            Assert.Equal("Open", view.GetProperty("status").GetString());
            Assert.Equal([absent.GetProperty("id").GetString()], view.GetProperty("missing").EnumerateArray().Select(f => f.GetProperty("fileId").GetString()));
            var unexpected = Assert.Single(view.GetProperty("unexpected").EnumerateArray());
            Assert.Equal("OtherBranch", unexpected.GetProperty("reason").GetString());
            Assert.DoesNotContain(theirs.GetProperty("id").GetString()!, view.ToString());
            Assert.DoesNotContain(other, view.ToString());
        }
        // Nothing acts on the running lists: the file not yet found is still on its shelf.
        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{absent.GetProperty("id").GetString()}", clerk));
        Assert.Equal("OnShelf", file.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Another_branch_is_refused_and_audited_and_bad_input_answers_400()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var (clerk, stranger) = (await Api.Clerk(branch), await Api.Clerk(other));
        var auditor = await Api.Token("auditor.i", ["auditor"]);
        var cabinet = $"/api/branches/{branch}/cabinets/C01/inspections";

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(cabinet, stranger, new { }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post(cabinet, auditor, new { })); // read-only role
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/inspections/due?branch={branch}", stranger));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/branches/{branch}/inspections", stranger));
        var audit = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?branch={branch}&actor=clerk.{other.ToLowerInvariant()}", auditor));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "inspection.start" && e.GetProperty("outcome").GetString() == "Forbidden");

        var id = (await Expect(HttpStatusCode.Created, Api.Post(cabinet, clerk, new { }))).GetProperty("id").GetString();
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"{cabinet}/{id}/found", clerk, new { fileNumbers = Array.Empty<long>() }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"{cabinet}/{id}/found", clerk, new { fileNumbers = new[] { -1 } }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"{cabinet}/{id}/found", clerk, "{\"fileNumbers\":\"twelve\"}"));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"{cabinet}/not-an-id/complete", clerk, new { }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/branches/bad!/cabinets/C01/inspections", clerk));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Post($"{cabinet}/{Guid.NewGuid()}/complete", clerk, new { }));
        var unchanged = await Expect(HttpStatusCode.OK, Api.Get($"{cabinet}/{id}", clerk));
        Assert.Equal(0, unchanged.GetProperty("foundCount").GetInt32());
        await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/complete", clerk, new { }));
    }

    [SkippableFact]
    public async Task The_OpenAPI_document_describes_the_inspection_endpoints()
    {
        var paths = (await Expect(HttpStatusCode.OK, Api.Get("/openapi/v1.json", token: null))).GetProperty("paths");
        const string cabinet = "/api/branches/{branch}/cabinets/{cabinet}/inspections";
        foreach (var path in new[] { "/api/inspections/due", "/api/branches/{branch}/inspections", cabinet, cabinet + "/{id}",
                     cabinet + "/{id}/found", cabinet + "/{id}/complete" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document.");
        }
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class InspectionsApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : InspectionsApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class InspectionsApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : InspectionsApiTests(fixture);
