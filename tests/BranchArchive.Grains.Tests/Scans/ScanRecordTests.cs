using System.Security.Cryptography;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence.Scans;
using Microsoft.Extensions.Logging.Abstractions;

namespace BranchArchive.Grains.Tests.Scans;

/// <summary>
/// The file grain's side of scans on a real cluster: it refers only to content that is in the
/// store (the silo's store is the directory beside the test's SQLite file), records it once per
/// document, and keeps the record across the grain's deactivation.
/// </summary>
[Collection(SqliteCluster.Name)]
public sealed class ScanRecordTests(SqliteClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private FileSystemScanStore Store => new(ScanStoreOptions.NextTo(fixture.Archive.Storage.Settings.Sqlite.Path), NullLogger<FileSystemScanStore>.Instance);

    [SkippableFact]
    public async Task Content_not_in_the_store_is_never_referred_to()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);
        var digest = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        (await file.AttachScan(new AttachScanCommand(0, digest, 1000, ScanMediaTypes.Pdf, null), clerk)).AssertRefused(Outcome.Conflict);

        Assert.Empty((await file.GetScans(clerk)).AssertSucceeded());
        Assert.Equal(1, (await file.Get(clerk)).AssertSucceeded().Version);
    }

    [SkippableFact]
    public async Task A_scan_is_recorded_once_per_document_and_survives_deactivation()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);
        var content = new byte[2000];
        RandomNumberGenerator.Fill(content);
        "%PDF-1.4"u8.CopyTo(content);
        var written = await Store.PutAsync(new MemoryStream(content), 10_000);
        var command = new AttachScanCommand(0, written.Digest!, written.Size, written.MediaType!, "contract.pdf");

        var created = await file.AttachScan(command, clerk);
        var repeated = await file.AttachScan(command, clerk);
        (await file.AttachScan(command with { DocumentIndex = 1 }, clerk)).AssertRefused(Outcome.NotFound);
        (await file.AttachScan(command, Archive.Clerk(Archive.NewBranchCode()))).AssertRefused(Outcome.Forbidden);
        (await file.AttachScan(command, new Actor("auditor", StaffRoles.Auditor, null))).AssertRefused(Outcome.Forbidden);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(Outcome.Created, created.Outcome);
        Assert.Equal(Outcome.Ok, repeated.Outcome);
        Assert.Equal(created.Value, repeated.Value);
        var scan = Assert.Single((await file.GetScans(clerk)).AssertSucceeded());
        Assert.Equal((0, written.Digest, content.Length, ScanMediaTypes.Pdf, "contract.pdf", clerk.Subject),
            (scan.DocumentIndex, scan.Digest, scan.Size, scan.MediaType, scan.OriginalName, scan.UploadedBy));
        Assert.Equal(2, (await file.Get(clerk)).AssertSucceeded().Version);
    }
}
