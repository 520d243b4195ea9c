using System.Security.Cryptography;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.AccessLog;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.AccessLog;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence.Scans;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BranchArchive.Grains.Tests.AccessLog;

/// <summary>
/// The access log on both stores: every kind of read is recorded with who, which file and why;
/// who may ask it what; tampering (an edit, a deletion, a cut-off end) is found by verification;
/// retention purges and audits itself and leaves the log verifiable; and a read whose record
/// cannot be written discloses nothing.
/// </summary>
public sealed class AccessLogTests
{
    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Every_kind_of_read_is_recorded_with_who_which_file_what_and_the_stated_purpose(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var fileId = file.GetPrimaryKeyString();
        var clerk = Archive.Clerk(branch) with { Purpose = "Loan application review" };
        var digest = await AttachScanAsync(archive, file, clerk);

        var number = (await file.Get(clerk)).AssertSucceeded().FileNumber;
        (await file.GetCustody(clerk)).AssertSucceeded();
        (await file.GetLoanHistory(clerk)).AssertSucceeded();
        (await file.GetClassificationHistory(clerk)).AssertSucceeded();
        (await file.GetRepairs(clerk)).AssertSucceeded();
        (await file.GetScans(clerk)).AssertSucceeded();
        (await file.AuthorizeScanDownload(digest, clerk)).AssertSucceeded();
        (await archive.Client.GetGrain<IInventoryGrain>(0).Export(
            new InventoryQuery(branch, null, null, null, null, null, null, false, PageSize: 500), 0, clerk)).AssertSucceeded();

        var byFile = (await AccessLog(archive).Query(new AccessLogQuery(fileId, null, null, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(
            [AccessKinds.ClassificationHistory, AccessKinds.Custody, AccessKinds.Details, AccessKinds.Loans, AccessKinds.Repairs, AccessKinds.ScanDownload, AccessKinds.Scans],
            byFile.Items.Select(entry => entry.Record.Kind).Order(StringComparer.Ordinal));
        Assert.All(byFile.Items, entry => Assert.Equal(
            (clerk.Subject, "clerk", branch, fileId, number, branch, "Loan application review"),
            (entry.Record.Subject, entry.Record.Roles, entry.Record.ActorBranch, entry.Record.FileId, entry.Record.FileNumber, entry.Record.FileBranch, entry.Record.Purpose)));
        var byNumber = (await AccessLog(archive).Query(new AccessLogQuery(null, number, null, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(byFile.Total, byNumber.Total);

        // What the clerk viewed: the same reads, and the one export with its query and row count.
        var byPerson = (await AccessLog(archive).Query(new AccessLogQuery(null, null, clerk.Subject, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(8, byPerson.Total);
        var export = Assert.Single(byPerson.Items, entry => entry.Record.Kind == AccessKinds.InventoryExport).Record;
        Assert.Equal((null, 1L, branch), (export.FileId, export.Rows, export.FileBranch));
        Assert.Contains($"\"branch\":\"{branch}\"", export.Query);

        // A refused read discloses nothing, so it is audited as a denial and not recorded as a read.
        (await file.Get(Archive.Clerk(Archive.NewBranchCode()))).AssertRefused(Outcome.Forbidden);
        Assert.Equal(byFile.Total, (await AccessLog(archive).Query(new AccessLogQuery(fileId, null, null, null, null), Archive.Auditor)).AssertSucceeded().Total);
        Assert.True((await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded().Intact);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_manager_sees_only_the_own_branchs_files_a_clerk_nothing_and_a_time_window_and_pages_hold(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var (ours, theirs) = (await Archive.OpenBranchWithCabinet(archive.Client), await Archive.OpenBranchWithCabinet(archive.Client));
        var ourFile = await Archive.RegisterFile(archive.Client, ours);
        var theirFile = await Archive.RegisterFile(archive.Client, theirs);
        var before = archive.Clock.GetUtcNow();
        (await ourFile.Get(Archive.Archivist)).AssertSucceeded();
        (await theirFile.Get(Archive.Archivist)).AssertSucceeded();
        archive.Clock.Advance(TimeSpan.FromHours(1));
        (await ourFile.Get(Archive.Archivist)).AssertSucceeded();

        var manager = Manager(ours);
        var own = (await AccessLog(archive).Query(new AccessLogQuery(null, null, Archive.Archivist.Subject, null, null), manager)).AssertSucceeded();
        Assert.Equal(2, own.Total);
        Assert.All(own.Items, entry => Assert.Equal(ours, entry.Record.FileBranch));
        // Another branch's file: not a refusal that would confirm it exists, and not a count either.
        var other = (await AccessLog(archive).Query(new AccessLogQuery(theirFile.GetPrimaryKeyString(), null, null, null, null), manager)).AssertSucceeded();
        Assert.Equal(0, other.Total);
        Assert.Empty(other.Items);

        var everyone = await AccessLog(archive).Query(new AccessLogQuery(null, null, Archive.Archivist.Subject, null, null, PageSize: 2), Archive.Auditor);
        Assert.Equal((3L, 2), (everyone.AssertSucceeded().Total, everyone.Value!.Items.Count));
        var window = (await AccessLog(archive).Query(new AccessLogQuery(null, null, Archive.Archivist.Subject, before, before.AddMinutes(30)), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(2, window.Total);

        var clerk = Archive.Clerk(ours);
        (await AccessLog(archive).Query(new AccessLogQuery(ourFile.GetPrimaryKeyString(), null, null, null, null), clerk)).AssertRefused(Outcome.Forbidden);
        (await AccessLog(archive).Verify(manager)).AssertRefused(Outcome.Forbidden);
        var denials = await archive.Client.GetGrain<IAuditGrain>(0).Query(
            new AuditQuery(null, clerk.Subject, null, null, null, Action: AuditActions.ReadAccessLog), Archive.Auditor);
        Assert.Equal(Outcome.Forbidden.ToString(), Assert.Single(denials.AssertSucceeded().Items).Outcome);
        (await AccessLog(archive).Query(new AccessLogQuery(null, null, null, null, null), Archive.Auditor)).AssertRefused(Outcome.Invalid);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task An_edited_or_deleted_entry_and_a_cut_off_end_are_found_by_verification(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var chain = await ReadsInOneChainAsync(archive, reads: 6);
        Assert.True((await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded().Intact);

        // Edited: whose read it was.
        await storage.ExecuteAsync("UPDATE AccessLog SET Subject = 'someone.else' WHERE Chain = @chain AND Seq = 2", ("@chain", chain));
        var edited = (await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded();
        Assert.False(edited.Intact);
        Assert.Equal(2, edited.FirstBrokenSeq);
        Assert.Contains("its content does not match its hash", edited.Problem);
        await storage.ExecuteAsync("UPDATE AccessLog SET Subject = @subject WHERE Chain = @chain AND Seq = 2",
            ("@subject", Archive.Archivist.Subject), ("@chain", chain));
        Assert.True((await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded().Intact);

        // Sealed by an audit checkpoint, then the last entries cut off.
        var sealedHead = (await archive.Client.GetGrain<IAuditCheckpointGrain>(0).Seal())!.Heads.Single(head => head.Chain == chain);
        Assert.True(sealedHead.Seq >= 6);
        await storage.ExecuteAsync("DELETE FROM AccessLog WHERE Chain = @chain AND Seq >= @seq", ("@chain", chain), ("@seq", sealedHead.Seq - 1));
        var cut = (await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded();
        Assert.False(cut.Intact);
        Assert.Contains($"entries {sealedHead.Seq - 1} to {sealedHead.Seq} were removed", cut.Problem);
        // And the checkpoint writer refuses to seal the cut log.
        Assert.Null(await archive.Client.GetGrain<IAuditCheckpointGrain>(0).Seal());

        // Deleted from the middle.
        await storage.ExecuteAsync("DELETE FROM AccessLog WHERE Chain = @chain AND Seq = 3", ("@chain", chain));
        var deleted = (await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded();
        Assert.False(deleted.Intact);
        Assert.Contains("entry 3 is missing", deleted.Problem);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Retention_purges_the_old_reads_audits_the_purge_and_leaves_the_log_verifiable(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage,
            configure: silo => silo.Services.Configure<AccessLogOptions>(o => o.Retention = TimeSpan.FromDays(30)));
        var chain = await ReadsInOneChainAsync(archive, reads: 3);
        (await archive.Client.GetGrain<IAuditCheckpointGrain>(0).Seal())!.Heads.Single(head => head.Chain == chain);
        archive.Clock.Advance(TimeSpan.FromDays(31));
        var file = await Archive.RegisterFile(archive.Client, await Archive.OpenBranchWithCabinet(archive.Client));
        (await file.Get(Archive.Archivist)).AssertSucceeded();

        var removed = await archive.Client.GetGrain<IAccessLogKeeperGrain>(0).Purge();

        Assert.Equal(3, removed);
        var left = (await AccessLog(archive).Query(new AccessLogQuery(null, null, Archive.Archivist.Subject, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(file.GetPrimaryKeyString(), Assert.Single(left.Items).Record.FileId);
        var verdict = (await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded();
        Assert.True(verdict.Intact, verdict.Problem);
        var purge = (await archive.Client.GetGrain<IAuditGrain>(0).Query(
            new AuditQuery(null, null, null, null, null, Action: AuditActions.PurgeAccessLog), Archive.Auditor)).AssertSucceeded();
        var detail = Assert.Single(purge.Items).Detail;
        Assert.Contains("Removed 3 access-log records older than", detail);
        Assert.Contains("retention 30 days", detail);
        // Nothing more to purge: no second record.
        Assert.Equal(0, await archive.Client.GetGrain<IAccessLogKeeperGrain>(0).Purge());
        // A start moved by hand (records deleted outside a purge) is no purge the audit log knows of.
        var start = (await storage.ScalarAsync("SELECT MAX(FromSeq) FROM AccessLogStart WHERE Chain = @chain", ("@chain", chain)))!;
        await storage.ExecuteAsync("UPDATE AccessLogStart SET FromSeq = FromSeq + 1 WHERE Chain = @chain AND FromSeq = @seq", ("@chain", chain), ("@seq", start));
        Assert.Contains("no purge in the audit log left it there", (await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded().Problem);
        await storage.ExecuteAsync("UPDATE AccessLogStart SET FromSeq = FromSeq - 1 WHERE Chain = @chain", ("@chain", chain));
        // New reads go on the chain where the purge left it, and a new checkpoint seals it.
        (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.NotNull(await archive.Client.GetGrain<IAuditCheckpointGrain>(0).Seal());
        Assert.True((await AccessLog(archive).Verify(Archive.Auditor)).AssertSucceeded().Intact);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_read_whose_record_cannot_be_written_discloses_nothing(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var outage = new AccessLogOutage();
        await using var archive = await ArchiveCluster.StartAsync(storage,
            configure: silo => silo.Services.Decorate<IAccessLog>(log => new SwitchableAccessLog(log, outage)));
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);

        outage.Down = true;
        await Assert.ThrowsAsync<AccessLogUnavailableException>(() => file.Get(Archive.Clerk(branch)));
        await Assert.ThrowsAsync<AccessLogUnavailableException>(() => file.GetLoanHistory(Archive.Clerk(branch)));
        await Assert.ThrowsAsync<AccessLogUnavailableException>(() => archive.Client.GetGrain<IInventoryGrain>(0).Export(
            new InventoryQuery(branch, null, null, null, null, null, null, false), 0, Archive.Clerk(branch)));

        outage.Down = false;
        (await file.Get(Archive.Clerk(branch))).AssertSucceeded();
        var recorded = (await AccessLog(archive).Query(new AccessLogQuery(file.GetPrimaryKeyString(), null, null, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal(1, recorded.Total);
    }

    private static IAccessLogGrain AccessLog(ArchiveCluster archive) => archive.Client.GetGrain<IAccessLogGrain>(0);

    /// <summary>Reads of one file by the archivist (one file's reads share a chain); answers that chain.</summary>
    private static async Task<string> ReadsInOneChainAsync(ArchiveCluster archive, int reads)
    {
        var file = await Archive.RegisterFile(archive.Client, await Archive.OpenBranchWithCabinet(archive.Client));
        for (var i = 0; i < reads; i++)
        {
            (await file.Get(Archive.Archivist)).AssertSucceeded();
        }
        var page = (await AccessLog(archive).Query(new AccessLogQuery(file.GetPrimaryKeyString(), null, null, null, null), Archive.Auditor)).AssertSucceeded();
        return page.Items.Select(entry => entry.Chain).Distinct().Single();
    }

    private static async Task<string> AttachScanAsync(ArchiveCluster archive, Contracts.Files.ICustomerFileGrain file, Actor clerk)
    {
        var store = new FileSystemScanStore(ScanStoreOptions.NextTo(archive.Storage.Settings.Sqlite.Path), NullLogger<FileSystemScanStore>.Instance);
        var content = new byte[2000];
        RandomNumberGenerator.Fill(content);
        "%PDF-1.4"u8.CopyTo(content);
        var written = await store.PutAsync(new MemoryStream(content), 10_000);
        (await file.AttachScan(new AttachScanCommand(0, written.Digest!, written.Size, written.MediaType!, "contract.pdf"), clerk)).AssertSucceeded();
        return written.Digest!;
    }
}
