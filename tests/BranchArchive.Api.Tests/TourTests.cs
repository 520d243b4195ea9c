using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

public abstract class TourTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task The_readme_tour_registers_lends_and_takes_back_a_file()
    {
        var archivist = await Api.Archivist();
        var code = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var branch = await Expect(HttpStatusCode.Created, Api.Post("/api/branches", archivist, new { code, name = "Shanghai Pudong", region = "East" }));
        var cabinet = await Expect(HttpStatusCode.Created, Api.Post($"/api/branches/{code}/cabinets", archivist, new { code = "C01", name = "Contracts A", capacity = 500 }));
        await Expect(HttpStatusCode.OK, Api.Send(HttpMethod.Put, $"/api/branches/{code}/staff/zhang.san", archivist,
            System.Net.Http.Json.JsonContent.Create(new { name = "张三", roles = new[] { "clerk" } })));
        var file = await Api.RegisterFile(archivist, code);
        var id = file.GetProperty("id").GetString();
        var loan = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", archivist, Checkout()));
        var returned = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", archivist,
            new { loanId = loan.GetProperty("loanId").GetString(), condition = "Intact", notes = "" }));

        Assert.Equal(code, branch.GetProperty("code").GetString());
        Assert.Equal(0, cabinet.GetProperty("occupied").GetInt32());
        Assert.Equal("Red", file.GetProperty("colorLabel").GetString());
        Assert.Equal("OnShelf", file.GetProperty("status").GetString());
        Assert.True(file.GetProperty("fileNumber").GetInt64() > 0);
        Assert.Equal(id, loan.GetProperty("fileId").GetString());
        Assert.EndsWith("Z", loan.GetProperty("dueAt").GetString());
        Assert.Equal(loan.GetProperty("checkedOutAt").GetDateTimeOffset().AddDays(14), loan.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("OnShelf", returned.GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, returned.GetProperty("loan").ValueKind);
        Assert.Equal(3, returned.GetProperty("version").GetInt32());
        var shelf = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{code}/cabinets/C01", archivist));
        Assert.Equal(1, shelf.GetProperty("occupied").GetInt32());
        var register = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", archivist));
        Assert.Equal("Intact", register[0].GetProperty("condition").GetString());
    }

    [SkippableFact]
    public async Task Branches_are_listed_for_every_member_of_staff()
    {
        var code = await Api.OpenBranchWithCabinet();

        var listed = await Expect(HttpStatusCode.OK, Api.Get("/api/branches", await Api.Clerk(code)));

        Assert.Contains(listed.EnumerateArray(), b => b.GetProperty("code").GetString() == code && b.GetProperty("region").GetString() == "East");
    }

    [SkippableTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_OpenAPI_document_answer_without_a_token(string path)
    {
        using var response = await Api.Get(path, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task The_OpenAPI_document_describes_the_core_contract()
    {
        var document = await Expect(HttpStatusCode.OK, Api.Get("/openapi/v1.json", token: null));
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/branches", "/api/branches/{branch}/cabinets", "/api/branches/{branch}/cabinets/{cabinet}",
                     "/api/files", "/api/files/{id}", "/api/files/{id}/checkout", "/api/files/{id}/return",
                     "/api/inventory/summary", "/api/inventory/files", "/api/files/{id}/requests", "/api/files/{id}/dispatch",
                     "/api/files/{id}/receive", "/api/files/{id}/pickup", "/api/files/{id}/renew", "/api/files/{id}/relocate",
                     "/api/files/{id}/reading-sessions", "/api/notifications" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document.");
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}

[Collection(ArchiveHostCollection.Name)]
public sealed class TourTestsOnSqlite(SqliteArchiveHostFixture fixture) : TourTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class TourTestsOnPostgres(PostgresArchiveHostFixture fixture) : TourTests(fixture);
