using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 1: a stocktake names nothing of files the inspecting branch may not see.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class InspectionReportDisclosureTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Numbers_of_another_branchs_files_found_in_a_stocktake_name_no_file_branch_or_cabinet()
    {
        var (home, elsewhere) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var archivist = await Api.Archivist();
        await Expect(HttpStatusCode.Created, Api.Post($"/api/branches/{home}/cabinets", archivist, new { code = "C02", name = "Contracts B", capacity = 10 }));
        var clerk = await Api.Clerk(home);
        var restricted = JsonSerializer.Serialize(FileBody(elsewhere)).Replace("\"Confidential\"", "\"Restricted\"");
        var foreign = await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", archivist, restricted));
        var ownElsewhere = await Api.RegisterFile(clerk, home);
        var shelvedHere = await Expect(HttpStatusCode.Created, Api.Post("/api/files", clerk, FileBody(home, "C02")));
        var cabinet = $"/api/branches/{home}/cabinets/C02/inspections";

        var id = (await Expect(HttpStatusCode.Created, Api.Post(cabinet, clerk, new { }))).GetProperty("id").GetString();
        await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/found", clerk, new
        {
            fileNumbers = new[] { foreign, ownElsewhere, shelvedHere }.Select(f => f.GetProperty("fileNumber").GetInt64()).ToArray(),
        }));
        var report = await Expect(HttpStatusCode.OK, Api.Post($"{cabinet}/{id}/complete", clerk, new { }));
        var read = await Expect(HttpStatusCode.OK, Api.Get($"{cabinet}/{id}", clerk));

        foreach (var seen in new[] { report.GetRawText(), read.GetRawText() })
        {
            Assert.DoesNotContain(foreign.GetProperty("id").GetString()!, seen);
            Assert.DoesNotContain(elsewhere, seen);
        }
        // The own branch's file in another cabinet is still named: the branch may see it.
        var misplaced = Assert.Single(report.GetProperty("misplaced").EnumerateArray());
        Assert.Equal(ownElsewhere.GetProperty("id").GetString(), misplaced.GetProperty("fileId").GetString());
        var unexpected = Assert.Single(report.GetProperty("unexpected").EnumerateArray());
        Assert.Equal(foreign.GetProperty("fileNumber").GetInt64(), unexpected.GetProperty("fileNumber").GetInt64());
        Assert.Equal("OtherBranch", unexpected.GetProperty("reason").GetString());
    }
}
