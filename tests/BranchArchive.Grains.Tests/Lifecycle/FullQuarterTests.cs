using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Repairs;
using BranchArchive.Contracts.Retention;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Lifecycle;

/// <summary>
/// One quarter of a branch's records work on a real cluster with a moved clock: the cabinet's
/// inspection comes due and is reminded, the stocktake finds one file missing and one misplaced,
/// a damaged file is repaired, and a file long past its retention is destroyed by two approvers
/// before two witnesses, its customer's details purged.
/// </summary>
public sealed class FullQuarterTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_full_quarter_of_inspection_repair_and_destruction(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await InspectionCluster.StartAsync(storage);
        var grains = archive.Client;

        // Years before: a customer of the old branch ends the relationship; its file holds basic information only.
        var oldBranch = await Archive.OpenBranchWithCabinet(grains);
        var oldManager = Manager(oldBranch);
        var expired = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await expired.Register(Archive.NewFile(oldBranch) with { Documents = [new FileDocument(DocumentType.BasicInfo, "ID copy", 1, null)] },
            Archive.Archivist)).AssertSucceeded();
        (await expired.Reclassify(new ReclassifyCommand("Customer left", Stage: CooperationStage.Terminated, Relationship: Relationship.Former),
            oldManager)).AssertSucceeded();

        // The quarter begins: a branch with two cabinets and its files.
        archive.Clock.SetUtcNow(new DateTimeOffset(2032, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var branch = await Archive.OpenBranchWithCabinet(grains);
        await Archive.AddCabinet(grains, branch, "C02");
        var clerk = Archive.Clerk(branch);
        var (onShelf, lost, lent, damaged) = (await Archive.RegisterFile(grains, branch), await Archive.RegisterFile(grains, branch),
            await Archive.RegisterFile(grains, branch), await Archive.RegisterFile(grains, branch));
        var strayed = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await strayed.Register(Archive.NewFile(branch, cabinet: "C02"), Archive.Archivist)).AssertSucceeded();
        (await lent.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        var loan = (await damaged.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        (await damaged.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Incomplete, "Licence copy gone", ["Business licence"]), clerk, null))
            .AssertSucceeded();

        // The inspection comes due a month before the quarter ends, and the reminder says so.
        var inspections = grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, "C01"));
        var schedule = (await inspections.EnsureScheduled())!;
        Assert.Equal((InspectionDueState.NotDue, new DateTimeOffset(2032, 4, 1, 0, 0, 0, TimeSpan.Zero)), (schedule.State, schedule.DueBy));
        archive.Clock.SetUtcNow(schedule.DueFrom + TimeSpan.FromHours(2));
        var due = (await grains.GetGrain<IInspectionBoardGrain>(0).ListDue(branch, clerk)).AssertSucceeded();
        Assert.Contains(due, s => s.Cabinet == "C01" && s.State == InspectionDueState.Due);
        await InspectionCluster.WaitForNotice(grains, branch, "C01", NoticeKind.InspectionDue);

        // The stocktake: one file not found, one of the other cabinet found here, one number nobody knows.
        var session = (await inspections.Start(clerk)).AssertSucceeded();
        (await inspections.RecordFound(session.Id, new RecordFoundCommand(
            [await NumberOf(onShelf, clerk), await NumberOf(damaged, clerk), await NumberOf(strayed, clerk), 987_654_321_000]), clerk)).AssertSucceeded();
        var report = (await inspections.Complete(session.Id, clerk)).AssertSucceeded();

        Assert.Equal([lost.GetPrimaryKeyString()], report.Missing.Select(f => f.FileId));
        Assert.Equal([strayed.GetPrimaryKeyString()], report.Misplaced.Select(f => f.FileId));
        Assert.Equal([987_654_321_000L], report.Unexpected.Select(u => u.FileNumber));
        Assert.Equal([lent.GetPrimaryKeyString()], report.Accounted.Select(f => f.FileId));
        Assert.Equal(FileStatus.Missing, (await lost.Get(clerk)).AssertSucceeded().Status);

        // The damaged file is repaired and its missing licence re-made.
        var inRepair = (await damaged.StartRepair(new StartRepairCommand("Licence copy missing, spine torn"), clerk)).AssertSucceeded();
        (await damaged.CompleteRepair(inRepair.Repair!.RepairId, new CompleteRepairCommand("Re-bound; licence copy requested"), clerk)).AssertSucceeded();
        var repaired = (await damaged.SupplyDocuments(new SupplyDocumentsCommand(["Business licence"]), clerk)).AssertSucceeded();
        Assert.Equal((FileStatus.OnShelf, 0), (repaired.Status, repaired.MissingDocuments.Count));

        // The old customer's file is past its five years: listed, approved twice, destroyed before witnesses.
        var listed = (await grains.GetGrain<IRetentionGrain>(0).DueForDestruction(null, 100, Archive.Archivist)).AssertSucceeded();
        Assert.Contains(listed, d => d.FileId == expired.GetPrimaryKeyString());
        var request = (await expired.RequestDestruction(new RequestDestructionCommand("Five years after the relationship ended"), oldManager)).AssertSucceeded();
        (await expired.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Manager), oldManager)).AssertSucceeded();
        (await expired.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Archivist), Archive.Archivist)).AssertSucceeded();
        var destroyed = (await expired.Destroy(new DestroyFileCommand(request.RequestId, ["wang.fang", "zhao.lei"], "Shredded on site"), oldManager))
            .AssertSucceeded();
        Assert.Equal((FileStatus.Destroyed, (string?)null, (string?)null), (destroyed.Status, destroyed.Customer.Name, destroyed.Customer.IdNumber));
        var catalogue = archive.Cluster.GetSiloServiceProvider().GetRequiredService<ICatalogue>();
        var line = Assert.Single((await catalogue.SearchAsync(new InventoryQuery(oldBranch, null, null, null, null, null, null, false),
            archive.Clock.GetUtcNow())).Items);
        Assert.Equal((FileStatus.Destroyed, (string?)null), (line.Status, line.CustomerName));

        // The quarter ends with the cabinet inspected: nothing due until the next quarter's end.
        archive.Clock.SetUtcNow(new DateTimeOffset(2032, 3, 31, 18, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain((await grains.GetGrain<IInspectionBoardGrain>(0).ListDue(branch, clerk)).AssertSucceeded(), s => s.Cabinet == "C01");
        var summary = await catalogue.SummaryAsync(branch, archive.Clock.GetUtcNow());
        Assert.Equal(1, summary.ByBranch.Single().ByStatus[nameof(FileStatus.Missing)]);
    }

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    private static async Task<long> NumberOf(ICustomerFileGrain file, Actor actor) => (await file.Get(actor)).AssertSucceeded().FileNumber;
}
