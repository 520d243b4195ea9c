using System.Security.Cryptography;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence.Scans;
using Microsoft.Extensions.Logging.Abstractions;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>
/// Copies and extracts (issue 21 point 4): a recorded request (documents, pages, copies, purpose),
/// approved by the right person before any copy is made, then each copy recorded in the register.
/// </summary>
public abstract class CopyRequestTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private FileSystemScanStore Store => new(ScanStoreOptions.NextTo(fixture.Archive.Storage.Settings.Sqlite.Path), NullLogger<FileSystemScanStore>.Instance);

    private static readonly FileDocument Ledger = new(DocumentType.Accounting, "General ledger 2025", 120, new DateOnly(2025, 12, 31));

    private static RequestCopyCommand Photocopy(int document, int copies = 2) =>
        new(CopyKind.Photocopy, [new CopyPart(document, "3-5")], copies, "Reply to the customer's query");

    [SkippableFact]
    public async Task A_photocopy_of_accounting_documents_waits_for_the_finance_approver_and_is_recorded_as_made()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Documents = [.. Archive.NewFile(home).Documents!, Ledger] }, Archive.Archivist)).AssertSucceeded();
        var clerk = Archive.Clerk(home);

        await RefusedWithoutChange(file, () => file.RequestCopy(Photocopy(5), clerk, null), Outcome.Invalid);
        await RefusedWithoutChange(file, () => file.RequestCopy(Photocopy(1, copies: 0), clerk, null), Outcome.Invalid);
        await RefusedWithoutChange(file, () => file.RequestCopy(Photocopy(1), Archive.Clerk(Archive.NewBranchCode()), null), Outcome.Forbidden);
        var request = (await file.RequestCopy(Photocopy(1), clerk, null)).AssertSucceeded();
        Assert.Equal((CopyRequestStatus.Pending, true, false), (request.Status, request.NeedsFinanceApproval, request.NeedsBranchApproval));
        Assert.Equal([ApprovalKind.Copy], AccountingReadingTests.ApprovalQueueOf(null, await file.GetCopyRequests(clerk)));

        await RefusedWithoutChange(file, () => file.MarkCopyMade(request.RequestId, new MarkCopyMadeCommand(), clerk), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.ApproveCopy(request.RequestId, clerk), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveCopy(request.RequestId, Archive.Manager(home)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveCopy(request.RequestId, Archive.Archivist), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.ApproveCopy(Guid.NewGuid().ToString("D"), Archive.Finance(home)), Outcome.NotFound);

        Assert.Equal(CopyRequestStatus.Approved, (await file.ApproveCopy(request.RequestId, Archive.Finance(home))).AssertSucceeded().Status);
        var made = (await file.MarkCopyMade(request.RequestId, new MarkCopyMadeCommand("Handed to li.na"), clerk)).AssertSucceeded();
        Assert.Equal((CopyRequestStatus.Done, clerk.Subject, 1), (made.Status, made.Uses![0].By, made.Used));
        var version = (await View(file)).Version;
        (await file.MarkCopyMade(request.RequestId, new MarkCopyMadeCommand(), clerk)).AssertSucceeded(); // a repeat changes nothing
        Assert.Equal(version, (await View(file)).Version);

        // Stored with the file: read back after the grain's deactivation as it was answered.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = Assert.Single((await file.GetCopyRequests(clerk)).AssertSucceeded());
        Assert.Equal((made.RequestId, made.Kind, made.Copies, made.Purpose, made.Status, made.FinanceApproval, made.Uses!.Single()),
            (stored.RequestId, stored.Kind, stored.Copies, stored.Purpose, stored.Status, stored.FinanceApproval, stored.Uses!.Single()));
        Assert.Equal(made.Parts, stored.Parts);

        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal([CustodyAction.CopyMade, CustodyAction.CopyApproved, CustodyAction.CopyRequested], custody.Select(e => e.Action));
        Assert.Contains("2 photocopy(ies) of document 1 pages 3-5", custody[0].Detail);
        var audit = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null), Archive.Auditor))
            .AssertSucceeded().Items.Select(e => (e.Action, e.Outcome)).ToList();
        Assert.Contains((AuditActions.MakeCopy, nameof(Outcome.Ok)), audit);
        Assert.Equal(3, audit.Count(a => a == (AuditActions.ApproveCopy, nameof(Outcome.Forbidden))));
    }

    [SkippableFact]
    public async Task A_photocopy_of_an_ordinary_file_needs_no_approval_and_a_restricted_one_needs_its_branch_manager()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var plain = await Archive.RegisterFile(Grains, home);
        var clerk = Archive.Clerk(home);

        var ordinary = (await plain.RequestCopy(Photocopy(0), clerk, null)).AssertSucceeded();
        Assert.Equal((CopyRequestStatus.Approved, false, false), (ordinary.Status, ordinary.NeedsFinanceApproval, ordinary.NeedsBranchApproval));
        await RefusedWithoutChange(plain, () => plain.RequestCopy(new RequestCopyCommand(CopyKind.ScanDownload, [new CopyPart(0)], 1, "Mail"), clerk, null),
            Outcome.Conflict);
        (await plain.MarkCopyMade(ordinary.RequestId, new MarkCopyMadeCommand(), clerk)).AssertSucceeded();

        var restricted = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await restricted.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Restricted }, Archive.Archivist)).AssertSucceeded();
        var request = (await restricted.RequestCopy(Photocopy(0), clerk, null)).AssertSucceeded();
        Assert.Equal((CopyRequestStatus.Pending, false, true), (request.Status, request.NeedsFinanceApproval, request.NeedsBranchApproval));
        var otherManager = Archive.Manager(await Archive.OpenBranchWithCabinet(Grains));
        await RefusedWithoutChange(restricted, () => restricted.ApproveCopy(request.RequestId, otherManager), Outcome.Forbidden);
        await RefusedWithoutChange(restricted, () => restricted.ApproveCopy(request.RequestId, Archive.Finance(home)), Outcome.Forbidden);
        await RefusedWithoutChange(restricted, () => restricted.RefuseCopy(request.RequestId, new RefuseRequestCommand("No"), clerk), Outcome.Forbidden);
        var refused = (await restricted.RefuseCopy(request.RequestId, new RefuseRequestCommand("Not for this purpose"), Archive.Manager(home))).AssertSucceeded();
        Assert.Equal(CopyRequestStatus.Refused, refused.Status);
        await RefusedWithoutChange(restricted, () => restricted.MarkCopyMade(request.RequestId, new MarkCopyMadeCommand(), clerk), Outcome.Conflict);
        var second = (await restricted.RequestCopy(Photocopy(0), clerk, null)).AssertSucceeded();
        Assert.Equal(CopyRequestStatus.Approved, (await restricted.ApproveCopy(second.RequestId, Archive.Manager(home))).AssertSucceeded().Status);
    }

    [SkippableFact]
    public async Task A_scan_of_accounting_documents_is_downloaded_only_under_an_approved_request_and_within_its_copies()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal, Documents = [.. Archive.NewFile(home).Documents!, Ledger] },
            Archive.Archivist)).AssertSucceeded();
        var clerk = Archive.Clerk(home);
        var ordinaryScan = await Attach(file, 0, clerk);
        var ledgerScan = await Attach(file, 1, clerk);

        (await file.AuthorizeScanDownload(ordinaryScan, clerk)).AssertSucceeded(); // ordinary documents: as before
        await RefusedWithoutChange(file, () => file.AuthorizeScanDownload(ledgerScan, clerk), Outcome.Forbidden);
        var request = (await file.RequestCopy(new RequestCopyCommand(CopyKind.ScanDownload, [new CopyPart(1, "1-10")], 1, "Auditor's sample"), clerk, null))
            .AssertSucceeded();
        await RefusedWithoutChange(file, () => file.AuthorizeScanDownload(ledgerScan, clerk), Outcome.Forbidden);
        (await file.ApproveCopy(request.RequestId, Archive.Finance(home))).AssertSucceeded();
        await RefusedWithoutChange(file, () => file.AuthorizeScanDownload(ledgerScan, Archive.Manager(home)), Outcome.Forbidden); // not the requester's

        (await file.AuthorizeScanDownload(ledgerScan, clerk)).AssertSucceeded();
        var used = (await file.GetCopyRequests(clerk)).AssertSucceeded().Single();
        Assert.Equal((CopyRequestStatus.Done, 1), (used.Status, used.Used));
        await RefusedWithoutChange(file, () => file.AuthorizeScanDownload(ledgerScan, clerk), Outcome.Forbidden); // its one copy is used
        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(CustodyAction.CopyMade, custody[0].Action);
        Assert.Contains($"under copy request {request.RequestId}, copy 1 of 1", custody[0].Detail);
    }

    private async Task<string> Attach(ICustomerFileGrain file, int document, Actor clerk)
    {
        var content = new byte[1000];
        RandomNumberGenerator.Fill(content);
        "%PDF-1.4"u8.CopyTo(content);
        var written = await Store.PutAsync(new MemoryStream(content), 10_000);
        (await file.AttachScan(new AttachScanCommand(document, written.Digest!, written.Size, written.MediaType!, null), clerk)).AssertSucceeded();
        return written.Digest!;
    }
}

[Collection(SqliteCluster.Name)]
public sealed class CopyRequestTestsOnSqlite(SqliteClusterFixture fixture) : CopyRequestTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class CopyRequestTestsOnPostgres(PostgresClusterFixture fixture) : CopyRequestTests(fixture);
