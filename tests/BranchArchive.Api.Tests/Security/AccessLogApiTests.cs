using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

/// <summary>
/// The access log over real HTTP: reads carry their stated purpose (header or query) into the log,
/// a bad purpose is a 400 that reads nothing, auditors ask by file or person, a manager sees only the
/// own branch's files, and a clerk is refused and audited.
/// </summary>
public abstract class AccessLogApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    private async Task<HttpResponseMessage> GetWithPurpose(string path, string token, string purpose)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Api.Http.BaseAddress!, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Access-Purpose", purpose);
        return await Api.Http.SendAsync(request);
    }

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    [SkippableFact]
    public async Task Reads_are_logged_with_their_purpose_and_auditors_ask_by_file_and_by_person()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var number = (await Expect(HttpStatusCode.OK, GetWithPurpose($"/api/files/{id}", clerk, "Credit review 2026-114"))).GetProperty("fileNumber").GetInt64();
        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody?purpose=Audit%20sample", clerk));
        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", clerk));
        using (var csv = await Api.Get($"/api/inventory/files.csv?branch={branch}", clerk))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        }
        var auditor = await Api.Token("auditor.access", ["auditor"]);

        var byFile = Items(await Expect(HttpStatusCode.OK, Api.Get($"/api/access-log?fileNumber={number}", auditor)));
        Assert.Equal(["file.loans", "file.custody", "file.details"], byFile.Select(e => e.GetProperty("record").GetProperty("kind").GetString()));
        Assert.Equal([null, "Audit sample", "Credit review 2026-114"], byFile.Select(e => e.GetProperty("record").GetProperty("purpose").GetString()));
        Assert.All(byFile, e => Assert.Equal(32, e.GetProperty("record").GetProperty("requestId").GetString()!.Length));
        var byPerson = Items(await Expect(HttpStatusCode.OK, Api.Get($"/api/access-log?subject=clerk.{branch.ToLowerInvariant()}&kind=inventory.export", auditor)));
        var export = Assert.Single(byPerson).GetProperty("record");
        Assert.Equal(1, export.GetProperty("rows").GetInt64());
        Assert.True((await Expect(HttpStatusCode.OK, Api.Get("/api/access-log/verify", auditor))).GetProperty("intact").GetBoolean());
    }

    [SkippableFact]
    public async Task A_manager_sees_the_own_branchs_files_only_and_a_clerk_is_refused_and_audited()
    {
        var (ours, theirs) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var archivist = await Api.Archivist();
        var ourId = (await Api.RegisterFile(archivist, ours)).GetProperty("id").GetString();
        var theirId = (await Api.RegisterFile(archivist, theirs)).GetProperty("id").GetString();
        var reader = await Api.Token($"reader.{ours.ToLowerInvariant()}", ["archivist"]);
        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{ourId}", reader));
        await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{theirId}", reader));
        var manager = await Api.Token($"manager.{ours.ToLowerInvariant()}", ["manager"], ours);

        var whatTheyRead = Items(await Expect(HttpStatusCode.OK, Api.Get($"/api/access-log?subject=reader.{ours.ToLowerInvariant()}", manager)));
        Assert.Equal([ourId], whatTheyRead.Select(e => e.GetProperty("record").GetProperty("fileId").GetString()));
        var other = await Expect(HttpStatusCode.OK, Api.Get($"/api/access-log?fileId={theirId}", manager));
        Assert.Equal(0, other.GetProperty("total").GetInt64());

        var clerk = await Api.Clerk(ours);
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/access-log?fileId={ourId}", clerk));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get("/api/access-log/verify", manager));
        var auditor = await Api.Token("auditor.access", ["auditor"]);
        var denied = Items(await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?actor=clerk.{ours.ToLowerInvariant()}&outcome=Forbidden", auditor)));
        Assert.Contains(denied, e => e.GetProperty("action").GetString()!.Contains("/api/access-log", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Bad_input_is_a_400_that_reads_nothing()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var auditor = await Api.Token("auditor.access", ["auditor"]);

        var tooLong = await ExpectProblem(HttpStatusCode.BadRequest, GetWithPurpose($"/api/files/{id}", clerk, new string('x', 201)));
        Assert.Contains("at most 200 characters", tooLong.GetProperty("detail").GetString());
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/files/{id}?purpose=%E2%80%AEhidden", clerk));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/files/{id}?purpose=%20", clerk));
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, Api.Get($"/api/access-log?fileId={id}", auditor))).GetProperty("total").GetInt64());

        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/access-log", auditor));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/access-log?fileId={id}&kind=file.everything", auditor));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/access-log?fileId={id}&pageSize=501", auditor));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/access-log?fileId={id}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", auditor));
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class AccessLogApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : AccessLogApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class AccessLogApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : AccessLogApiTests(fixture);
