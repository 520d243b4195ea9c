using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 12: no-store and nosniff, no Server header, no .NET type names in errors.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class ResponseHygieneTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Answers_are_not_stored_nor_sniffed_and_name_no_server()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

        foreach (var (path, token, status) in new[]
                 {
                     ($"/api/files/{id}", clerk, HttpStatusCode.OK),
                     ($"/api/inventory/files.csv?branch={branch}", clerk, HttpStatusCode.OK),
                     ($"/api/files/{Guid.NewGuid()}", clerk, HttpStatusCode.NotFound),
                     ("/api/nowhere", clerk, HttpStatusCode.NotFound),
                     ("/api/branches", null, HttpStatusCode.Unauthorized),
                 })
        {
            using var response = await Api.Get(path, token);
            Assert.Equal(status, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is {response.Headers.CacheControl}");
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server: {string.Join(",", response.Headers.Server)}");
        }
        var unknown = await ExpectProblem(HttpStatusCode.NotFound, Api.Get("/api/nowhere", clerk));
        Assert.False(string.IsNullOrWhiteSpace(unknown.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Errors_name_fields_and_parameters_but_no_dotnet_types()
    {
        var clerk = await Api.Clerk(await Api.OpenBranchWithCabinet());
        var details = new[]
        {
            await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/files", clerk, """{"branch":"SH01","importance":"Galactic"}""")),
            await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/files", clerk, """{"branch":"SH01","lendable":"maybe"}""")),
            await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/files", clerk, """{"branch":["SH01"]}""")),
            await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/inventory/files?page=abc", clerk)),
        }.Select(problem => problem.GetProperty("detail").GetString()!).ToList();

        Assert.Contains("$.importance", details[0]);
        Assert.Contains("page", details[3], StringComparison.OrdinalIgnoreCase);
        foreach (var detail in details)
        {
            foreach (var internalName in new[] { "BranchArchive.", "System.", "Int32", "Boolean", "int?", "Command", "Nullable" })
            {
                Assert.DoesNotContain(internalName, detail);
            }
        }
    }
}
