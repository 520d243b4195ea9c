using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Imports;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Files;

/// <summary>
/// Accounting files are never lent (会计档案一律不准外借): files holding documents of a configured type
/// or carrying a configured tag are never lent, whatever the clerk's flag, and may still be read on site.
/// </summary>
public abstract class NeverLentTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private static readonly FileDocument Vouchers = new(DocumentType.Accounting, "Vouchers 2025", 40, new DateOnly(2025, 12, 31));

    [SkippableFact]
    public async Task A_file_holding_accounting_documents_is_never_lent_though_registered_lendable_and_is_read_on_site()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        var registered = (await file.Register(Archive.NewFile(home, lendable: true) with
        {
            Sensitivity = Sensitivity.Internal, Documents = [.. Archive.NewFile(home).Documents!, Vouchers],
        }, Archive.Archivist)).AssertSucceeded();

        Assert.False(registered.Lendable);
        var refused = await file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null);
        refused.AssertRefused(Outcome.Conflict);
        Assert.Contains("holds Accounting documents", refused.Detail);
        Assert.Contains("Circulation:NeverLent", refused.Detail);
        Assert.Equal((1, FileStatus.OnShelf, false), await State(file));
        (await file.Request(new RequestFileCommand("zhang.san", home, "Audit", 7), Archive.Clerk(home), null)).AssertRefused(Outcome.Conflict);
        Assert.Equal((1, FileStatus.OnShelf, false), await State(file));

        // Read on site: an accounting file under a reading request its branch's finance approver approved.
        var manager = new Contracts.Access.Actor("manager.zhou", Contracts.Access.StaffRoles.Manager, home);
        (await file.OpenReading(new OpenReadingCommand("auditor.ext", "Annual audit"), manager, null)).AssertRefused(Outcome.Conflict);
        var request = (await file.RequestReading(new RequestReadingCommand("auditor.ext", "Annual audit"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.ApproveReading(request.RequestId, Archive.Finance(home))).AssertSucceeded();
        (await file.OpenReading(new OpenReadingCommand(null, null, request.RequestId), manager, null)).AssertSucceeded();
        Assert.Equal(FileStatus.InReading, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);

        var audit = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.RegisterFile), Archive.Auditor)).AssertSucceeded().Items.Single();
        Assert.Contains("Never lent by rule (Circulation:NeverLent): it holds Accounting documents; lendable: true was not honoured.", audit.Detail);
    }

    [SkippableFact]
    public async Task A_file_tagged_accounting_is_refused_to_another_branch_without_naming_what_it_holds()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal, Tags = ["2025", " 会计档案 "] }, Archive.Archivist))
            .AssertSucceeded();

        var refused = await file.Request(new RequestFileCommand("li.si", other, "Audit", 7), Archive.Clerk(other), null);

        refused.AssertRefused(Outcome.Conflict);
        Assert.Contains("never lent", refused.Detail);
        Assert.DoesNotContain("会计", refused.Detail);
        var seen = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((1, false, 0), (seen.Version, seen.Lendable, seen.Requests.Count));
        var homeRefusal = await file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null);
        Assert.Contains("is tagged \"会计档案\"", homeRefusal.Detail);
    }

    [SkippableFact]
    public async Task A_file_with_no_accounting_documents_or_tags_is_lent_as_its_flag_says()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, home); // tags "contract", "2026"; a cooperation document

        Assert.True((await file.Get(Archive.Archivist)).AssertSucceeded().Lendable);
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task An_import_row_of_accounting_records_marked_lendable_is_never_lent()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var csv = ImportCsvFactory.Create(2, 1, (row, v) =>
        {
            v[ImportCsvFactory.LendableColumn] = "是";
            v[ImportCsvFactory.DocumentsColumn] = row == 1 ? "会计档案|Vouchers 2024|30|2024/3/1" : "合同|Framework contract|12|2024/3/1";
        }, home);
        var clerk = Archive.Clerk(home);
        var command = ImportTests.Command(csv, null);
        var job = Grains.GetGrain<IImportJobGrain>(ImportIds.Job(clerk.Subject, null, command.Digest));
        (await job.Start(command, clerk)).AssertSucceeded();
        var (done, _) = await ImportTests.WaitAsync(job, clerk);
        Assert.Equal(2, done.Imported);

        var accounting = (await Grains.GetGrain<ICustomerFileGrain>(ImportIds.File(job.GetPrimaryKeyString(), 1)).Get(clerk)).AssertSucceeded();
        var contract = (await Grains.GetGrain<ICustomerFileGrain>(ImportIds.File(job.GetPrimaryKeyString(), 2)).Get(clerk)).AssertSucceeded();
        Assert.Equal((DocumentType.Accounting, false), (accounting.Documents.Single().Type, accounting.Lendable));
        Assert.True(contract.Lendable);
    }

    private static async Task<(long Version, FileStatus Status, bool Lendable)> State(ICustomerFileGrain file)
    {
        var seen = (await file.Get(Archive.Archivist)).AssertSucceeded();
        return (seen.Version, seen.Status, seen.Lendable);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class NeverLentTestsOnSqlite(SqliteClusterFixture fixture) : NeverLentTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class NeverLentTestsOnPostgres(PostgresClusterFixture fixture) : NeverLentTests(fixture);

/// <summary>Files stored before the rule covered them (or before it existed) are held to it from the next check on.</summary>
public sealed class NeverLentRuleLaterTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_file_stored_lendable_before_the_rule_is_never_lent_after_it_neither_checked_out_nor_picked_up(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        string home, away, onShelfId, waitingId, requestId;
        await using (var before = await ArchiveCluster.StartAsync(storage, configure: silo =>
            silo.Services.Configure<CirculationOptions>(c => c.NeverLent = new NeverLentOptions { DocumentTypes = [], Tags = [] })))
        {
            var grains = before.Client;
            (home, away) = (await Archive.OpenBranchWithCabinet(grains), await Archive.OpenBranchWithCabinet(grains));
            var onShelf = grains.GetGrain<ICustomerFileGrain>(onShelfId = FileIds.New());
            var waiting = grains.GetGrain<ICustomerFileGrain>(waitingId = FileIds.New());
            foreach (var file in new[] { onShelf, waiting })
            {
                var stored = (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal, Tags = ["Accounting"] }, Archive.Archivist))
                    .AssertSucceeded();
                Assert.True(stored.Lendable);
            }
            requestId = (await waiting.Request(new RequestFileCommand("li.si", away, "Audit", 7), Archive.Clerk(away), null)).AssertSucceeded().Request!.RequestId;
            (await waiting.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
            (await waiting.Receive(new ReceiveCommand(null), Archive.Clerk(away), null)).AssertSucceeded();
        }

        await using var after = await ArchiveCluster.StartAsync(storage); // the default rule: accounting files
        var shelved = after.Client.GetGrain<ICustomerFileGrain>(onShelfId);
        var held = after.Client.GetGrain<ICustomerFileGrain>(waitingId);

        Assert.False((await shelved.Get(Archive.Archivist)).AssertSucceeded().Lendable);
        var checkout = await shelved.CheckOut(Archive.Checkout(), Archive.Clerk(home), null);
        checkout.AssertRefused(Outcome.Conflict);
        Assert.Contains("is tagged \"Accounting\"", checkout.Detail);
        var pickup = await held.Pickup(new PickupCommand(requestId), Archive.Clerk(away), null);
        pickup.AssertRefused(Outcome.Conflict);
        Assert.Contains("never lent", pickup.Detail);
        var stillWaiting = (await held.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((FileStatus.AwaitingPickup, null, false), (stillWaiting.Status, stillWaiting.Loan, stillWaiting.Lendable));
    }
}
