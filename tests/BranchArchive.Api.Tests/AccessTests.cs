using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

[Collection(ArchiveHostCollection.Name)]
public sealed class AccessTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJldmUiLCJyb2xlIjoiYWRtaW4ifQ.")]
    public async Task Without_a_valid_token_every_api_call_is_unauthorised(string? token)
    {
        await ExpectProblem(HttpStatusCode.Unauthorized, Api.Get("/api/branches", token));
        await ExpectProblem(HttpStatusCode.Unauthorized, Api.Post("/api/branches", token, new { code = "EVE1", name = "Eve" }));
    }

    [Fact]
    public async Task A_clerk_of_another_branch_may_not_read_lend_or_register_there()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();
        var stranger = await Api.Clerk("ZZ99");

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}", stranger));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/checkout", stranger, Checkout()));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post("/api/files", stranger, FileBody(branch)));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/branches/{branch}/cabinets/C01", stranger));
        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", await Api.Archivist()));
        Assert.Equal("OnShelf", file.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_auditor_reads_but_changes_nothing()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();
        var auditor = await Api.Token("auditor.a", ["auditor"]);

        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", auditor));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/checkout", auditor, Checkout()));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post("/api/branches", auditor, new { code = "AU01", name = "Audit" }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/branches/{branch}/cabinets", auditor, new { code = "C9", name = "x", capacity = 1 }));
    }

    [Fact]
    public async Task Only_head_office_opens_branches_and_only_its_own_manager_adds_cabinets()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var manager = await Api.Token("manager.a", ["manager"], branch);
        var otherManager = await Api.Token("manager.b", ["manager"], "ZZ98");

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post("/api/branches", manager, new { code = "MG01", name = "Mine" }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/branches/{branch}/cabinets", otherManager, new { code = "C02", name = "x", capacity = 5 }));
        await Expect(HttpStatusCode.Created, Api.Post($"/api/branches/{branch}/cabinets", manager, new { code = "C02", name = "Credit", capacity = 5 }));
    }

    [Fact]
    public async Task A_dev_token_request_that_is_malformed_is_refused()
    {
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Http.PostAsync("/dev/token",
            new StringContent("""{"sub":"x","roles":["clerk"]}""", System.Text.Encoding.UTF8, "application/json")));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Http.PostAsync("/dev/token",
            new StringContent("""{"sub":"x","roles":["root"]}""", System.Text.Encoding.UTF8, "application/json")));
    }
}
