using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Over HTTP: accounting files are never lent, whatever the registering clerk sends; they are read on site.</summary>
public abstract class NeverLentApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task A_file_of_accounting_records_sent_lendable_is_answered_never_lent_refused_checkout_and_request_and_read_on_site()
    {
        var home = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(home);
        var file = await Expect(HttpStatusCode.Created, Api.Post("/api/files", clerk, new
        {
            branch = home, cabinet = "C01",
            customer = new { name = "上海某某贸易有限公司", type = "Enterprise" },
            importance = "Normal", sensitivity = "Internal", lendable = true, tags = new[] { "2025" },
            documents = new[] { new { type = "Accounting", title = "记账凭证 2025", pages = 80, date = "2025-12-31" } },
        }));
        var id = file.GetProperty("id").GetString();
        Assert.False(file.GetProperty("lendable").GetBoolean());
        Assert.Equal("Accounting", file.GetProperty("documents")[0].GetProperty("type").GetString());

        var checkout = await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        Assert.Contains("holds Accounting documents: by the archive's rule (Circulation:NeverLent), never lent; read it on site", checkout.GetProperty("detail").GetString());
        var request = await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/requests", await Api.Clerk(other),
            new { borrower = "li.si", pickupBranch = other, purpose = "Audit", days = 7 }));
        Assert.Contains("never lent", request.GetProperty("detail").GetString());
        Assert.DoesNotContain("Accounting", request.GetProperty("detail").GetString());
        var unchanged = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal((1, "OnShelf", false, 0), (unchanged.GetProperty("version").GetInt32(), unchanged.GetProperty("status").GetString(),
            unchanged.GetProperty("lendable").GetBoolean(), unchanged.GetProperty("requests").GetArrayLength()));

        var manager = await Api.Token($"manager.{home.ToLowerInvariant()}", ["manager"], home);
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/reading-sessions", manager, new { reader = "auditor.ext", purpose = "Annual audit" }));
        var reading = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-requests", clerk, new { reader = "auditor.ext", purpose = "Annual audit" }));
        var requestId = reading.GetProperty("requestId").GetString();
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-requests/{requestId}/approve",
            await Api.Token(ArchiveSettings.FinanceApprover, ["clerk"], home), new { }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-sessions", manager, new { requestId }));
        Assert.Equal("InReading", (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk))).GetProperty("status").GetString());

        var audit = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=file.register", await Api.Archivist()));
        var registered = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Contains("Never lent by rule (Circulation:NeverLent): it holds Accounting documents; lendable: true was not honoured.",
            registered.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task A_file_tagged_会计档案_is_never_lent()
    {
        var home = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(home);
        var file = await Expect(HttpStatusCode.Created, Api.Post("/api/files", clerk, new
        {
            branch = home, cabinet = "C01", customer = new { name = "某某物业管理公司", type = "Enterprise" },
            importance = "Normal", sensitivity = "Internal", tags = new[] { "会计档案" },
        }));
        var id = file.GetProperty("id").GetString();

        Assert.False(file.GetProperty("lendable").GetBoolean());
        var checkout = await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()));
        Assert.Contains("is tagged \"会计档案\"", checkout.GetProperty("detail").GetString());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class NeverLentApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : NeverLentApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class NeverLentApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : NeverLentApiTests(fixture);
