using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 11: every 403 says why, under one title.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class RefusalDetailTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Policy_refusals_have_a_detail_naming_who_may_and_the_same_title_as_branch_refusals()
    {
        var (branch, other) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var admin = await Api.Token("ops.admin", ["admin"]);

        var scope = await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}", await Api.Clerk(other)));
        var refusals = new[]
        {
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/reading-sessions", clerk, new { reader = "li.si", purpose = "Audit" })),
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/classification", clerk, new { importance = "Normal" })),
            await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/legal-hold", admin, new { reason = "Litigation" })),
        };

        Assert.False(string.IsNullOrWhiteSpace(scope.GetProperty("detail").GetString()));
        foreach (var refusal in refusals)
        {
            Assert.Equal(scope.GetProperty("title").GetString(), refusal.GetProperty("title").GetString());
            Assert.Contains("may not", refusal.GetProperty("detail").GetString());
        }
        Assert.Contains("manager", refusals[0].GetProperty("detail").GetString());
        Assert.Contains("archivist", refusals[2].GetProperty("detail").GetString());
    }
}
