using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Retention;
using BranchArchive.Contracts.Scans;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Retention;

/// <summary>
/// Files past their retention are listed, approved by a manager and an archivist, and destroyed
/// before witnesses; holds, loans and missing approvals stop it. Each test runs its own cluster,
/// as it moves the clock by years.
/// </summary>
public sealed class DestructionTests
{
    private static readonly Actor Archivist = Archive.Archivist;
    private static readonly Actor SecondArchivist = new("deputy.archivist", StaffRoles.Archivist, null);

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_file_past_its_retention_is_destroyed_after_two_approvals_before_two_witnesses_and_its_customer_is_purged(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await InspectionCluster.StartAsync(storage); // a moved clock whose timers run in real time
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var manager = Manager(branch);
        var file = await RegisterBasicFile(grains, branch);
        var id = file.GetPrimaryKeyString();
        (await file.Reclassify(new ReclassifyCommand("Customer left", Stage: CooperationStage.Terminated), manager)).AssertSucceeded();

        archive.Clock.Advance(TimeSpan.FromDays(365 * 5 - 30));
        Assert.Empty((await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Archivist)).AssertSucceeded());
        (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertRefused(Outcome.Conflict);
        archive.Clock.Advance(TimeSpan.FromDays(40));
        var due = Assert.Single((await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Manager(branch))).AssertSucceeded());
        Assert.Equal(id, due.FileId);

        (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        var request = (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();
        var witnesses = new[] { "li.na", "chen.jie" };
        (await file.Destroy(new DestroyFileCommand(request.RequestId, witnesses, "shredded"), manager)).AssertRefused(Outcome.Conflict);
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), manager)).AssertRefused(Outcome.Forbidden);
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Manager), manager)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), SecondArchivist)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), Archivist)).AssertRefused(Outcome.Conflict);
        (await file.Destroy(new DestroyFileCommand(request.RequestId, ["li.na"], null), manager)).AssertRefused(Outcome.Invalid);
        (await file.Destroy(new DestroyFileCommand(request.RequestId, ["li.na", "LI.NA "], null), manager)).AssertRefused(Outcome.Invalid);

        var destroyed = (await file.Destroy(new DestroyFileCommand(request.RequestId, witnesses, "shredded"), manager)).AssertSucceeded();
        var repeat = (await file.Destroy(new DestroyFileCommand(request.RequestId, witnesses, "shredded"), manager)).AssertSucceeded();

        Assert.Equal(FileStatus.Destroyed, destroyed.Status);
        Assert.Equal(destroyed.Version, repeat.Version);
        Assert.Equal((null, null, null, null), (destroyed.Customer.Name, destroyed.Customer.IdNumber, destroyed.Customer.Industry, destroyed.Customer.Region));
        Assert.All(destroyed.Documents, d => Assert.Null(d.Title));
        Assert.Equal(witnesses, destroyed.Destroyed!.Witnesses);
        Assert.Equal([manager.Subject, SecondArchivist.Subject], destroyed.Destroyed.Request.Approvals.Select(a => a.By));
        Assert.True(destroyed.FileNumber > 0);
        Assert.False(await grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01")).Holds(id));
        var catalogue = archive.Cluster.GetSiloServiceProvider().GetRequiredService<ICatalogue>();
        var line = Assert.Single((await catalogue.SearchAsync(new InventoryQuery(branch, null, null, null, null, null, null, false), archive.Clock.GetUtcNow())).Items);
        Assert.Equal((FileStatus.Destroyed, (string?)null), (line.Status, line.CustomerName));
        Assert.Empty((await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Archivist)).AssertSucceeded());
        var stored = await storage.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString = @id AND PayloadBinary IS NOT NULL", ("@id", id));
        Assert.Equal(1L, Convert.ToInt64(stored));
        var payload = await storage.ScalarAsync("SELECT PayloadBinary FROM OrleansStorage WHERE GrainIdExtensionString = @id", ("@id", id));
        Assert.DoesNotContain("上海某某", System.Text.Encoding.UTF8.GetString((byte[])payload!));
        var trail = (await grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(id, null, null, null, null), Archive.Auditor)).AssertSucceeded();
        Assert.Equal([AuditActions.RegisterFile, AuditActions.Reclassify, AuditActions.RequestDestruction, AuditActions.ApproveDestruction,
            AuditActions.ApproveDestruction, AuditActions.Destroy],
            trail.Items.Where(e => e.Outcome != nameof(Outcome.Forbidden)).Select(e => e.Action));
        Assert.Contains("witnessed by li.na, chen.jie", trail.Items.Last().Detail);
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertRefused(Outcome.Conflict);

        // The identity index lets go of the destroyed file, and never held the customer's id number in clear.
        var customer = Archive.NewFile(branch).Customer!;
        var successor = FileIds.New();
        Assert.All(IdentityKeys.Of(customer), key => Assert.DoesNotContain(customer.IdNumber!, key));
        foreach (var key in IdentityKeys.Of(customer))
        {
            Assert.Equal(0L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString = @key", ("@key", key))));
            Assert.Equal(successor, (await grains.GetGrain<ICustomerIdentityGrain>(key).Claim(successor, "test")).FileId);
        }
        var clear = await storage.ScalarAsync("SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString LIKE @id", ("@id", $"%{customer.IdNumber}%"));
        Assert.Equal(0L, Convert.ToInt64(clear));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    public async Task A_legal_hold_or_an_open_loan_keeps_a_file_from_destruction(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await InspectionCluster.StartAsync(storage); // a moved clock whose timers run in real time
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var manager = Manager(branch);
        var held = await RegisterBasicFile(grains, branch);
        var lent = await RegisterBasicFile(grains, branch);
        foreach (var file in new[] { held, lent })
        {
            (await file.Reclassify(new ReclassifyCommand("Customer left", Stage: CooperationStage.Terminated), manager)).AssertSucceeded();
        }
        archive.Clock.Advance(TimeSpan.FromDays(365 * 6));
        var pending = (await held.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();

        (await held.PlaceLegalHold(new PlaceLegalHoldCommand("Litigation 2031-17"), manager)).AssertRefused(Outcome.Forbidden);
        var onHold = (await held.PlaceLegalHold(new PlaceLegalHoldCommand("Litigation 2031-17"), Archivist)).AssertSucceeded();
        Assert.Null(onHold.Destruction); // the hold withdraws the pending request
        (await held.ApproveDestruction(new ApproveDestructionCommand(pending.RequestId, DestructionApprover.Manager), manager)).AssertRefused(Outcome.Conflict);
        (await held.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertRefused(Outcome.Conflict);
        Assert.Equal([lent.GetPrimaryKeyString()],
            (await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Archivist)).AssertSucceeded().Select(d => d.FileId));
        (await held.LiftLegalHold(Archivist)).AssertSucceeded();
        (await held.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();

        (await lent.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        (await lent.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertRefused(Outcome.Conflict);
        (await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(null, 100, Manager(Archive.NewBranchCode()))).AssertSucceeded();
        (await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Manager(Archive.NewBranchCode()))).AssertRefused(Outcome.Forbidden);
        (await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(branch, 100, Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
    }

    [SkippableFact]
    public async Task A_destroyed_files_scans_are_erased_unless_another_file_still_refers_to_the_same_content()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var archive = await InspectionCluster.StartAsync(storage);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var manager = Manager(branch);
        var (first, second) = (await RegisterBasicFile(grains, branch), await RegisterBasicFile(grains, branch));
        var store = archive.Cluster.GetSiloServiceProvider().GetRequiredService<IScanStore>();
        var shared = await store.PutAsync(new MemoryStream([.. "%PDF-1.7 the same blank form"u8]), 10_000);
        var own = await store.PutAsync(new MemoryStream([.. "%PDF-1.7 the first customer's licence"u8]), 10_000);
        foreach (var (file, scan) in new[] { (first, shared), (second, shared), (first, own) })
        {
            (await file.AttachScan(new AttachScanCommand(0, scan.Digest!, scan.Size, scan.MediaType!, null), Archive.Clerk(branch))).AssertSucceeded();
        }
        foreach (var file in new[] { first, second })
        {
            (await file.Reclassify(new ReclassifyCommand("Customer left", Stage: CooperationStage.Terminated), manager)).AssertSucceeded();
        }
        archive.Clock.Advance(TimeSpan.FromDays(365 * 6));

        await DestroyAsync(first, manager);
        Assert.False(store.Contains(own.Digest!));
        Assert.True(store.Contains(shared.Digest!)); // the second file still refers to it
        Assert.Empty((await first.GetScans(Archive.Archivist)).AssertSucceeded());
        await DestroyAsync(second, manager);
        Assert.False(store.Contains(shared.Digest!));
    }

    private static async Task DestroyAsync(ICustomerFileGrain file, Actor manager)
    {
        var request = (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Manager), manager)).AssertSucceeded();
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), Archivist)).AssertSucceeded();
        (await file.Destroy(new DestroyFileCommand(request.RequestId, ["li.na", "chen.jie"], null), manager)).AssertSucceeded();
    }

    /// <summary>A file holding only basic information: kept five years after the relationship ends by default.</summary>
    private static async Task<ICustomerFileGrain> RegisterBasicFile(IGrainFactory grains, string branch)
    {
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(branch) with { Documents = [new FileDocument(DocumentType.BasicInfo, "ID copy", 1, null)] },
            Archive.Archivist)).AssertSucceeded();
        return file;
    }
}
