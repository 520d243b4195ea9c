using System.Net;
using BranchArchive.Api.Tests.Scans;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 10: a scan's name loses invisible characters and takes the extension of the detected type.</summary>
[Collection(ScanHostCollection.Name)]
public sealed class ScanNameTests(ScanHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Theory]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.pdf")]         // right-to-left override: looked like "invoiceexe.pdf"
    [InlineData("contract.pdf\u200B.exe", "contract.pdf.pdf")]      // zero-width space hiding the real extension
    [InlineData("\u2066report\u2069.png", "report.pdf")]             // isolates, and a name claiming another type
    [InlineData("框架合同", "框架合同.pdf")]
    [InlineData("\u200E.exe", null)]                                 // nothing visible left: named by its digest
    public async Task The_kept_and_downloaded_name_is_visible_text_with_the_detected_types_extension(string given, string? kept)
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = await Api.RegisterFile(clerk, branch, "Internal", "Cooperation");
        var pdf = ScanContent.Pdf(2_000 + given.Length);

        var scan = await Expect(HttpStatusCode.Created, Api.Upload(id, 0, clerk, pdf, name: given, contentType: "application/octet-stream"));
        using var download = await Api.Get($"/api/files/{id}/scans/{scan.GetProperty("digest").GetString()}", clerk);

        Assert.Equal(kept, scan.GetProperty("originalName").GetString());
        Assert.Equal(kept ?? $"{ScanContent.Sha256(pdf)}.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
    }
}
