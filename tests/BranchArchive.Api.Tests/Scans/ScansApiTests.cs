using System.Net;
using System.Text;
using BranchArchive.Contracts.Scans;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Scans;

[Collection(ScanHostCollection.Name)]
public sealed class ScansApiTests(ScanHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task A_pdf_and_a_png_come_back_byte_for_byte_under_their_sha256()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation", "Credit");
        var pdf = ScanContent.Pdf(100_000);
        var png = ScanContent.Png(20_000);

        using var pdfResponse = await Api.Upload(id, 0, clerk, pdf, name: "框架合同.pdf", contentType: "application/pdf");
        var pdfScan = await Expect(HttpStatusCode.Created, Task.FromResult(pdfResponse));
        var pngScan = await Expect(HttpStatusCode.Created, Api.Upload(id, 1, clerk, png, contentType: "image/png"));

        Assert.Equal(ScanContent.Sha256(pdf), pdfScan.GetProperty("digest").GetString());
        Assert.Equal("application/pdf", pdfScan.GetProperty("mediaType").GetString());
        Assert.Equal(pdf.Length, pdfScan.GetProperty("size").GetInt64());
        Assert.Equal("框架合同.pdf", pdfScan.GetProperty("originalName").GetString());
        Assert.Equal($"clerk.{branch.ToLowerInvariant()}", pdfScan.GetProperty("uploadedBy").GetString());
        Assert.Equal($"/api/files/{id}/scans/{ScanContent.Sha256(pdf)}", pdfResponse.Headers.Location?.OriginalString);
        Assert.Equal("image/png", pngScan.GetProperty("mediaType").GetString());
        Assert.Equal(1, pngScan.GetProperty("documentIndex").GetInt32());

        var listed = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/scans", clerk));
        Assert.Equal([ScanContent.Sha256(pdf), ScanContent.Sha256(png)], listed.EnumerateArray().Select(s => s.GetProperty("digest").GetString()));

        foreach (var (content, mediaType) in new[] { (pdf, "application/pdf"), (png, "image/png") })
        {
            using var download = await Api.Get($"/api/files/{id}/scans/{ScanContent.Sha256(content)}", clerk);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(mediaType, download.Content.Headers.ContentType?.MediaType);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(content, bytes);
            Assert.Equal(ScanContent.Sha256(content), ScanContent.Sha256(bytes));
            Assert.Equal($"sha-256=:{Convert.ToBase64String(Convert.FromHexString(ScanContent.Sha256(content)))}:",
                download.Headers.GetValues("Repr-Digest").Single());
        }
        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal(3, file.GetProperty("version").GetInt64()); // registered, then two scans recorded
    }

    [Fact]
    public async Task Identical_content_is_stored_once_on_disk_and_recorded_once_per_document()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var first = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var second = await Api.RegisterFile(clerk, branch, "Internal", "Service");
        var pdf = ScanContent.Pdf();
        var digest = ScanContent.Sha256(pdf);

        await Expect(HttpStatusCode.Created, Api.Upload(first, 0, clerk, pdf));
        var again = await Expect(HttpStatusCode.OK, Api.Upload(first, 0, clerk, pdf));
        await Expect(HttpStatusCode.Created, Api.Upload(second, 0, clerk, pdf));

        Assert.Equal(digest, again.GetProperty("digest").GetString());
        Assert.Single(fixture.StoredFiles(), name => name == digest);
        Assert.DoesNotContain(fixture.StoredFiles(), name => name.StartsWith(".incoming-", StringComparison.Ordinal));
        Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{first}/scans", clerk))).EnumerateArray());
        Assert.Single(await Api.AuditOf(first, "file.scan.attach"));
    }

    [Fact]
    public async Task Text_named_pdf_is_refused_415_and_nothing_is_stored()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var text = Encoding.UTF8.GetBytes($"Just a letter, not a scan {Guid.NewGuid()}\n");
        var before = fixture.StoredFiles();

        await ExpectProblem(HttpStatusCode.UnsupportedMediaType, Api.Upload(id, 0, clerk, text, name: "contract.pdf", contentType: "application/pdf"));
        await ExpectProblem(HttpStatusCode.UnsupportedMediaType, Api.Upload(id, 0, clerk, "%PDF"u8.ToArray())); // cut short of the magic

        Assert.Equal(before.Order(), fixture.StoredFiles().Order());
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/scans", clerk))).EnumerateArray());
        Assert.Empty(await Api.AuditOf(id, "file.scan.attach"));
    }

    [Fact]
    public async Task Oversize_scans_are_refused_413_whether_announced_or_streamed_and_nothing_is_stored()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var atLimit = ScanContent.Pdf((int)ScanHostFixture.MaxBytes);
        var over = ScanContent.Pdf((int)ScanHostFixture.MaxBytes + 1);

        await ExpectProblem(HttpStatusCode.RequestEntityTooLarge, Api.Upload(id, 0, clerk, over));
        // Without Content-Length (chunked) the limit is found while reading.
        await ExpectProblem(HttpStatusCode.RequestEntityTooLarge,
            Api.Send(HttpMethod.Post, $"/api/files/{id}/documents/0/scans", clerk, new ScanContent.Chunked(over)));

        Assert.DoesNotContain(ScanContent.Sha256(over), fixture.StoredFiles());
        Assert.Empty((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/scans", clerk))).EnumerateArray());
        await Expect(HttpStatusCode.Created, Api.Upload(id, 0, clerk, atLimit));
    }

    [Fact]
    public async Task Another_branchs_clerk_is_refused_403_for_upload_list_and_download_and_each_refusal_is_audited()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var elsewhere = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var stranger = await Api.Clerk(elsewhere);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var pdf = ScanContent.Pdf();
        var theirs = ScanContent.Pdf();
        await Expect(HttpStatusCode.Created, Api.Upload(id, 0, clerk, pdf));

        await ExpectProblem(HttpStatusCode.Forbidden, Api.Upload(id, 0, stranger, theirs));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}/scans", stranger));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{id}/scans/{ScanContent.Sha256(pdf)}", stranger));

        Assert.DoesNotContain(ScanContent.Sha256(theirs), fixture.StoredFiles()); // asked before a byte was stored
        var attachDenied = Assert.Single(await Api.AuditOf(id, "file.scan.attach"), e => e.GetProperty("outcome").GetString() == "Forbidden");
        Assert.Equal($"clerk.{elsewhere.ToLowerInvariant()}", attachDenied.GetProperty("actor").GetString());
        var downloadDenied = Assert.Single(await Api.AuditOf(id, "file.scan.download"));
        Assert.Equal("Forbidden", downloadDenied.GetProperty("outcome").GetString());
        Assert.Single(await Api.AuditOf(id, "file.read"), e => e.GetProperty("outcome").GetString() == "Forbidden");
    }

    [Fact]
    public async Task Every_download_is_in_the_audit_log_with_who_downloaded_it()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);
        var id = await Api.RegisterFile(clerk, branch, "Confidential", "Credit");
        var pdf = ScanContent.Pdf();
        var path = $"/api/files/{id}/scans/{ScanContent.Sha256(pdf)}";
        await Expect(HttpStatusCode.Created, Api.Upload(id, 0, clerk, pdf));

        (await Api.Get(path, clerk)).Dispose();
        (await Api.Get(path, manager)).Dispose();
        (await Api.Get(path, clerk)).Dispose();

        var downloads = await Api.AuditOf(id, "file.scan.download");
        Assert.Equal([$"clerk.{branch.ToLowerInvariant()}", $"manager.{branch.ToLowerInvariant()}", $"clerk.{branch.ToLowerInvariant()}"],
            downloads.Select(e => e.GetProperty("actor").GetString()));
        Assert.All(downloads, e => Assert.Equal("Ok", e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Unknown_files_documents_and_scans_are_404_and_malformed_addresses_400()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var unknownFile = Guid.NewGuid().ToString("D");
        var pdf = ScanContent.Pdf();
        var archivist = await Api.Archivist();

        await ExpectProblem(HttpStatusCode.NotFound, Api.Upload(unknownFile, 0, archivist, pdf));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Upload(id, 1, clerk, pdf));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/files/{unknownFile}/scans", archivist));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/files/{unknownFile}/scans/{ScanContent.Sha256(pdf)}", archivist));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/files/{id}/scans/{ScanContent.Sha256(pdf)}", clerk));
        Assert.DoesNotContain(ScanContent.Sha256(pdf), fixture.StoredFiles());

        await ExpectProblem(HttpStatusCode.BadRequest, Api.Upload(id, -1, clerk, pdf));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Upload(id, 0, clerk, pdf, name: "../../etc/passwd"));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Upload(id, 0, clerk, []));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/files/{id}/scans/..%2F..%2Farchive.db", clerk));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/files/{id}/scans/{ScanContent.Sha256(pdf).ToUpperInvariant()}", clerk));
    }

    [Fact]
    public async Task Scans_go_only_to_staff_shown_the_customer_and_id_copies_only_to_those_shown_id_numbers()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var manager = await Api.Token($"manager.{branch.ToLowerInvariant()}", ["manager"], branch);
        var auditor = await Api.Token("auditor.scans", ["auditor"]);
        var restricted = await Api.RegisterFile(clerk, branch, "Restricted", "Cooperation");
        var withIdCopy = await Api.RegisterFile(clerk, branch, "Internal", "BasicInfo", "Cooperation");
        var contract = ScanContent.Pdf();
        var idCopy = ScanContent.Png();
        var contractHere = ScanContent.Pdf();
        await Expect(HttpStatusCode.Created, Api.Upload(restricted, 0, clerk, contract, name: "张三-合同.pdf"));
        await Expect(HttpStatusCode.Created, Api.Upload(withIdCopy, 0, clerk, idCopy, name: "张三-身份证.png"));
        await Expect(HttpStatusCode.Created, Api.Upload(withIdCopy, 1, clerk, contractHere));

        // Restricted: a clerk sees only the customer's type, so neither the scan nor its name.
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{restricted}/scans/{ScanContent.Sha256(contract)}", clerk));
        var listed = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{restricted}/scans", clerk));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[0].GetProperty("originalName").ValueKind);
        // A scan of a Restricted file is a copy: downloaded only under an approved copy request (issue 21).
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{restricted}/scans/{ScanContent.Sha256(contract)}", manager));
        await ApprovedScanCopy(restricted, manager, await Api.Token("head.archivist.scans", ["archivist"]));
        await ApprovedScanCopy(restricted, auditor, manager);
        await ExpectDownload(Api.Get($"/api/files/{restricted}/scans/{ScanContent.Sha256(contract)}", manager));
        await ExpectDownload(Api.Get($"/api/files/{restricted}/scans/{ScanContent.Sha256(contract)}", auditor));

        // An ID copy shows the identity number unmasked: the branch's manager and head office only.
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{withIdCopy}/scans/{ScanContent.Sha256(idCopy)}", clerk));
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get($"/api/files/{withIdCopy}/scans/{ScanContent.Sha256(idCopy)}", auditor));
        await ExpectDownload(Api.Get($"/api/files/{withIdCopy}/scans/{ScanContent.Sha256(idCopy)}", manager));
        await ExpectDownload(Api.Get($"/api/files/{withIdCopy}/scans/{ScanContent.Sha256(contractHere)}", clerk));
        Assert.Equal(2, (await Api.AuditOf(withIdCopy, "file.scan.download")).Count(e => e.GetProperty("outcome").GetString() == "Forbidden"));
    }

    [Fact]
    public async Task A_deleted_copy_is_gone_for_every_reader_and_no_download_is_logged_for_it()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var pdf = ScanContent.Pdf();
        var digest = ScanContent.Sha256(pdf);
        await Expect(HttpStatusCode.Created, Api.Upload(id, 0, clerk, pdf));
        var store = fixture.Host.Services.GetRequiredService<IScanStore>();

        Assert.True(await store.DeleteAsync(digest));

        Assert.DoesNotContain(digest, fixture.StoredFiles());
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/files/{id}/scans/{digest}", clerk));
        Assert.Empty(await Api.AuditOf(id, "file.scan.download"));
    }

    /// <summary>A copy request for one scan download of document 0, by <paramref name="requester"/>, approved by <paramref name="approver"/>.</summary>
    private async Task ApprovedScanCopy(string fileId, string requester, string approver)
    {
        var request = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{fileId}/copy-requests", requester,
            new { kind = "ScanDownload", parts = new[] { new { documentIndex = 0 } }, copies = 1, purpose = "Scan test" }));
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{fileId}/copy-requests/{request.GetProperty("requestId").GetString()}/approve", approver, new { }));
    }

    private static async Task ExpectDownload(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_scan_endpoints()
    {
        var document = await Expect(HttpStatusCode.OK, Api.Get("/openapi/v1.json", token: null));
        var paths = document.GetProperty("paths");
        var upload = paths.GetProperty("/api/files/{id}/documents/{index}/scans").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/pdf", out _));
        Assert.True(upload.GetProperty("responses").TryGetProperty("415", out _));
        Assert.True(paths.GetProperty("/api/files/{id}/scans").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/files/{id}/scans/{digest}").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("image/tiff", out _));
    }
}
