using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// <c>GET /api/cluster</c> on the embedded archive (one silo in the API's process). That every silo
/// of a multi-silo cluster is reported is shown by the Cluster tests (ScaleOutTests), on real silo
/// processes.
/// </summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class ClusterApiTests(SqliteArchiveHostFixture fixture)
{
    [Fact]
    public async Task An_admin_sees_the_silo_and_the_activations_of_the_files_just_used()
    {
        var api = fixture.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var before = await Expect(HttpStatusCode.OK, api.Get("/api/cluster", await api.Token("ops.admin", ["admin"])));
        for (var i = 0; i < 3; i++)
        {
            await api.RegisterFile(clerk, branch);
        }

        var cluster = await Expect(HttpStatusCode.OK, api.Get("/api/cluster", await api.Token("ops.admin", ["admin"])));

        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() > 0);
        var address = silo.GetProperty("address").GetString()!;
        var files = Assert.Single(cluster.GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("grainType").GetString() == "CustomerFileGrain");
        // Three new files, each its own activation, on the one silo (other tests of the collection add theirs).
        Assert.True(files.GetProperty("total").GetInt32() >= FileActivations(before) + 3);
        Assert.Equal(files.GetProperty("total").GetInt32(), files.GetProperty("bySilo").GetProperty(address).GetInt32());
        Assert.Equal(cluster.GetProperty("totalActivations").GetInt32(), silo.GetProperty("activations").GetInt32());
    }

    [Fact]
    public async Task A_clerk_is_refused_and_the_refusal_is_audited()
    {
        var api = fixture.Client;
        var branch = await api.OpenBranchWithCabinet();
        var subject = $"clerk.ops.{Guid.NewGuid():N}"[..24];

        var problem = await ExpectProblem(HttpStatusCode.Forbidden, api.Get("/api/cluster", await api.Token(subject, ["clerk"], branch)));

        Assert.Contains("admin", problem.GetProperty("detail").GetString());
        var audit = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?actor={subject}", await api.Token("ops.auditor", ["auditor"])));
        var denial = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("Forbidden", denial.GetProperty("outcome").GetString());
        Assert.Equal("http GET /api/cluster", denial.GetProperty("action").GetString());
    }

    private static int FileActivations(System.Text.Json.JsonElement cluster) =>
        cluster.GetProperty("grainTypes").EnumerateArray()
            .Where(t => t.GetProperty("grainType").GetString() == "CustomerFileGrain")
            .Select(t => t.GetProperty("total").GetInt32()).SingleOrDefault();
}
