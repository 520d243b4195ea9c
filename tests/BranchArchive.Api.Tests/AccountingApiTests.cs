using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Scans;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// Over HTTP: reading requests of accounting files and by outside parties, and copy requests
/// (issue 21 points 3 and 4): bad input is a 400 with its field, wrong approvers a 403 that changes
/// nothing, and every step is in the file's register and the audit log.
/// </summary>
public abstract class AccountingApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    private async Task<(string Home, string Id, string Clerk)> AccountingFile(string sensitivity = "Internal")
    {
        var home = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(home);
        var file = await Expect(HttpStatusCode.Created, Api.Post("/api/files", clerk, new
        {
            branch = home, cabinet = "C01", customer = new { name = "上海某某贸易有限公司", type = "Enterprise" },
            importance = "Normal", sensitivity,
            documents = new object[]
            {
                new { type = "Cooperation", title = "Framework contract", pages = 12, date = "2026-03-01" },
                new { type = "Accounting", title = "记账凭证 2025", pages = 80, date = "2025-12-31" },
            },
        }));
        return (home, file.GetProperty("id").GetString()!, clerk);
    }

    private async Task<long> Version(string id) =>
        (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", await Api.Archivist()))).GetProperty("version").GetInt64();

    [SkippableFact]
    public async Task A_reading_of_an_accounting_file_is_requested_approved_by_finance_and_opened_and_wrong_approvers_are_refused()
    {
        var (home, id, clerk) = await AccountingFile();
        var manager = await Api.Token($"manager.{home.ToLowerInvariant()}", ["manager"], home);
        var finance = await Api.Token(ArchiveSettings.FinanceApprover, ["clerk"], home);

        var invalid = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/reading-requests", clerk,
            new { reader = "zhao.liu", purpose = "Tax audit", outsideParty = "Tax bureau" }));
        Assert.Contains("letterReference", invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/reading-requests/NOT-A-GUID/approve", finance, new { }));
        var request = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-requests", clerk, new { reader = "li.na", purpose = "Year-end check" }));
        var requestId = request.GetProperty("requestId").GetString();
        Assert.Equal("Pending", request.GetProperty("status").GetString());

        var before = await Version(id);
        foreach (var wrong in new[] { clerk, manager, await Api.Archivist(), await Api.Token(ArchiveSettings.FinanceApprover, ["clerk"], await Api.OpenBranchWithCabinet()) })
        {
            var refused = await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/reading-requests/{requestId}/approve", wrong, new { }));
            Assert.False(string.IsNullOrWhiteSpace(refused.GetProperty("detail").GetString()));
        }
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/reading-sessions", manager, new { requestId }));
        Assert.Equal(before, await Version(id));

        var approved = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-requests/{requestId}/approve", finance, new { }));
        Assert.Equal(("Approved", ArchiveSettings.FinanceApprover), (approved.GetProperty("status").GetString(),
            approved.GetProperty("financeApproval").GetProperty("by").GetString()));
        var session = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/reading-sessions", manager, new { requestId }));
        Assert.Equal(("li.na", requestId), (session.GetProperty("reader").GetString(), session.GetProperty("requestId").GetString()));

        var listed = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/reading-requests", clerk));
        Assert.Equal("Opened", listed[0].GetProperty("status").GetString());
        var custody = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", clerk));
        Assert.Equal(["ReadingOpened", "ReadingApproved", "ReadingRequested"], custody.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var denials = await Api.AuditOf(id, "file.reading.approve");
        Assert.Equal(4, denials.Count(e => e.GetProperty("outcome").GetString() == "Forbidden"));
    }

    [SkippableFact]
    public async Task A_copy_of_accounting_documents_is_recorded_approved_and_made_and_its_scan_downloads_only_within_its_copies()
    {
        var (home, id, clerk) = await AccountingFile();
        var finance = await Api.Token(ArchiveSettings.FinanceApprover, ["clerk"], home);

        var invalid = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/copy-requests", clerk,
            new { kind = "Photocopy", parts = new[] { new { documentIndex = 7 } }, copies = 1, purpose = "Query" }));
        Assert.Contains("parts[0].documentIndex", invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/copy-requests", clerk,
            new { kind = "Photocopy", parts = Array.Empty<object>(), copies = 99, purpose = "" }));
        var photocopy = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/copy-requests", clerk,
            new { kind = "Photocopy", parts = new[] { new { documentIndex = 1, pages = "3-5" } }, copies = 2, purpose = "Reply to the customer" }));
        var photocopyId = photocopy.GetProperty("requestId").GetString();
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/copy-requests/{photocopyId}/made", clerk, new { }));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Post($"/api/files/{id}/copy-requests/{photocopyId}/approve", clerk, new { }));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/copy-requests/{photocopyId}/refuse", finance, new { reason = "" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/copy-requests/{photocopyId}/approve", finance, new { }));
        var made = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/copy-requests/{photocopyId}/made", clerk, new { notes = "Handed over" }));
        Assert.Equal("Done", made.GetProperty("status").GetString());

        var scan = ScanContent.Pdf();
        await Expect(HttpStatusCode.Created, Api.Upload(id, 1, clerk, scan));
        var download = $"/api/files/{id}/scans/{ScanContent.Sha256(scan)}";
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get(download, clerk));
        var scanCopy = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/copy-requests", clerk,
            new { kind = "ScanDownload", parts = new[] { new { documentIndex = 1 } }, copies = 1, purpose = "Auditor's sample" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/copy-requests/{scanCopy.GetProperty("requestId").GetString()}/approve", finance, new { }));
        using (var response = await Api.Get(download, clerk))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get(download, clerk));

        var custody = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/custody", clerk));
        Assert.Equal(["CopyMade", "CopyApproved", "CopyRequested", "CopyMade", "CopyApproved", "CopyRequested"],
            custody.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var audit = await Api.AuditOf(id, "file.scan.download");
        Assert.Equal(["Forbidden", "Forbidden", "Ok"], audit.Select(e => e.GetProperty("outcome").GetString()).Order());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class AccountingApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : AccountingApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class AccountingApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : AccountingApiTests(fixture);
