using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

[Collection(ArchiveHostCollection.Name)]
public sealed class PrivacyTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Identity_numbers_are_masked_except_for_head_office_and_the_branch_manager()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var id = (await Api.RegisterFile(await Api.Clerk(branch), branch)).GetProperty("id").GetString();

        Assert.Equal("913*********XXXX", await IdNumberSeenBy(await Api.Clerk(branch), id));
        Assert.Equal("913*********XXXX", await IdNumberSeenBy(await Api.Token("aud", ["auditor"]), id));
        Assert.Equal("91310000XXXXXXXX", await IdNumberSeenBy(await Api.Token("mgr", ["manager"], branch), id));
        Assert.Equal("91310000XXXXXXXX", await IdNumberSeenBy(await Api.Archivist(), id));
    }

    [Fact]
    public async Task A_clerk_sees_no_customer_details_of_a_restricted_file()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var body = System.Text.Json.JsonSerializer.Serialize(FileBody(branch)).Replace("\"Confidential\"", "\"Restricted\"");
        var id = (await Expect(HttpStatusCode.Created, Api.PostRaw("/api/files", clerk, body))).GetProperty("id").GetString();

        var seenByClerk = (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk))).GetProperty("customer");
        var seenByManager = (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", await Api.Token("mgr", ["manager"], branch)))).GetProperty("customer");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, seenByClerk.GetProperty("name").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seenByClerk.GetProperty("idNumber").ValueKind);
        Assert.Equal("Enterprise", seenByClerk.GetProperty("type").GetString());
        Assert.Equal("上海某某机械设备制造厂", seenByManager.GetProperty("name").GetString());
    }

    private async Task<string?> IdNumberSeenBy(string token, string? id) =>
        (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", token))).GetProperty("customer").GetProperty("idNumber").GetString();
}
