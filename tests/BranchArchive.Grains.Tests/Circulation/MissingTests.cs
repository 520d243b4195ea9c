using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>
/// A file declared missing (on the road, with requests waiting), found again, and a dispatch the
/// sender calls back: each by whom it is for, with its custody event, audit record and notices,
/// and the catalogue and the cabinet's count in step.
/// </summary>
public abstract class MissingTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    private static Actor Manager(string branch) => new($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);

    [SkippableFact]
    public async Task A_file_lost_on_the_road_is_declared_missing_its_transit_and_requests_cancelled_and_each_branch_told_then_found_back_on_its_shelf()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var first = await Archive.OpenBranchWithCabinet(Grains);
        var second = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        var id = file.GetPrimaryKeyString();
        var firstRequest = (await file.Request(Request(first), Archive.Clerk(first), null)).AssertSucceeded().Request!;
        var secondRequest = (await file.Request(Request(second), Archive.Clerk(second), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-7"), Archive.Clerk(home), null)).AssertSucceeded();

        // Only the home branch's managers (or head office) declare it, with a note.
        await RefusedWithoutChange(file, () => file.DeclareMissing(new DeclareMissingCommand("not arrived"), Archive.Clerk(home)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.DeclareMissing(new DeclareMissingCommand("not arrived"), Manager(first)), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.DeclareMissing(new DeclareMissingCommand(" "), Manager(home)), Outcome.Invalid);

        var missing = (await file.DeclareMissing(new DeclareMissingCommand("Courier lost parcel EMS-7"), Manager(home))).AssertSucceeded();

        Assert.Equal(FileStatus.Missing, missing.Status);
        Assert.Null(missing.Transit);
        Assert.Empty(missing.Requests);
        Assert.Equal((home, CirculationStage.AtHome), (missing.Location, missing.CirculationStage));
        Assert.Equal([NoticeKind.DeclaredMissing], await Kinds(home));
        Assert.Equal([NoticeKind.DeclaredMissing, NoticeKind.RequestCancelled], (await Kinds(first)).Order());
        Assert.Equal(firstRequest.RequestId, (await Notices(first)).Single(n => n.Kind == NoticeKind.RequestCancelled).RequestId);
        var toSecond = (await Notices(second)).Single();
        Assert.Equal((NoticeKind.RequestCancelled, secondRequest.RequestId, secondRequest.Borrower, id), (toSecond.Kind, toSecond.RequestId, toSecond.Borrower, toSecond.FileId));
        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(CustodyAction.DeclaredMissing, custody[0].Action);
        Assert.Contains("Courier lost parcel EMS-7", custody[0].Detail);
        Assert.Equal(2, custody.Count(e => e.Action == CustodyAction.RequestCancelled));
        var audit = await Audit(id, AuditActions.MarkMissing);
        Assert.Equal([(nameof(Outcome.Forbidden), "clerk." + home.ToLowerInvariant()), (nameof(Outcome.Forbidden), "manager." + first.ToLowerInvariant()),
            (nameof(Outcome.Ok), "manager." + home.ToLowerInvariant())], audit.Select(r => (r.Outcome, r.Actor)));
        Assert.Contains("2 request(s) cancelled", audit[^1].Detail);

        // Missing: counted so in the catalogue, and nothing moves it but being found.
        Assert.Empty(await CatalogueComparison.Disagreements(Grains, home, [id]));
        Assert.Contains(await Search(new InventoryQuery(home, null, FileStatus.Missing, null, null, null, null, false)), line => line.Id == id);
        await RefusedWithoutChange(file, () => file.DeclareMissing(new DeclareMissingCommand("again"), Manager(home)), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Receive(new ReceiveCommand(null), Archive.Clerk(first), null), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.Request(Request(first), Archive.Clerk(first), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Found(new FoundCommand(null), Archive.Clerk(home)), Outcome.Forbidden);

        var found = (await file.Found(new FoundCommand("Returned by the courier's depot"), Manager(home))).AssertSucceeded();

        Assert.Equal((FileStatus.OnShelf, home), (found.Status, found.Location));
        Assert.True(await Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(home, "C01")).Holds(id));
        Assert.Equal(1, (await Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(home, "C01")).Get(Archive.Archivist)).AssertSucceeded().Occupied);
        Assert.Equal([NoticeKind.DeclaredMissing, NoticeKind.Found], (await Kinds(home)).Order());
        Assert.Equal(CustodyAction.Found, (await file.GetCustody(Archive.Archivist)).AssertSucceeded()[0].Action);
        Assert.Single(await Audit(id, AuditActions.FoundAgain), r => r.Outcome == nameof(Outcome.Ok));
        Assert.Empty(await CatalogueComparison.Disagreements(Grains, home, [id]));
        Assert.DoesNotContain(await Search(new InventoryQuery(home, null, FileStatus.Missing, null, null, null, null, false)), line => line.Id == id);
        await RefusedWithoutChange(file, () => file.Found(new FoundCommand(null), Manager(home)), Outcome.Conflict);
        // In circulation again.
        Assert.Equal(1, (await file.Request(Request(first), Archive.Clerk(first), null)).AssertSucceeded().Position);
    }

    [SkippableFact]
    public async Task A_lent_file_is_not_declared_missing_and_a_file_declared_missing_is_found_by_the_stocktake_of_its_cabinet()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var lent = await Lendable(Grains, home);
        (await lent.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertSucceeded();
        await RefusedWithoutChange(lent, () => lent.DeclareMissing(new DeclareMissingCommand("not on the shelf"), Archive.Archivist), Outcome.Conflict);

        var file = await Lendable(Grains, home);
        var number = (await View(file)).FileNumber;
        (await file.DeclareMissing(new DeclareMissingCommand("not on the shelf at opening"), Archive.Archivist)).AssertSucceeded();
        var inspections = Grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(home, "C01"));
        var session = (await inspections.Start(Archive.Clerk(home))).AssertSucceeded();
        // Locked by the stocktake: the stocktake decides.
        await RefusedWithoutChange(file, () => file.Found(new FoundCommand(null), Archive.Archivist), Outcome.Conflict);
        (await inspections.RecordFound(session.Id, new RecordFoundCommand([number]), Archive.Clerk(home))).AssertSucceeded();
        var report = (await inspections.Complete(session.Id, Archive.Clerk(home))).AssertSucceeded();

        Assert.Equal([file.GetPrimaryKeyString()], report.FoundAgain.Select(f => f.FileId));
        Assert.Equal(FileStatus.OnShelf, (await View(file)).Status);
    }

    [SkippableFact]
    public async Task The_sender_calls_a_dispatch_back_before_it_is_received_and_the_file_is_back_where_it_was_sent_from()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        var request = (await file.Request(Request(there), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();

        await RefusedWithoutChange(file, () => file.CancelTransit(new CancelTransitCommand("wrong parcel"), Archive.Clerk(there), null), Outcome.Forbidden);
        await RefusedWithoutChange(file, () => file.CancelTransit(new CancelTransitCommand(""), Archive.Clerk(home), null), Outcome.Invalid);
        var back = (await file.CancelTransit(new CancelTransitCommand("Courier did not come"), Archive.Clerk(home), "call-back-1")).AssertSucceeded();

        // On its home shelf, the request still first: it is sent again.
        Assert.Equal((FileStatus.OnShelf, home, CirculationStage.AwaitingDispatch, there), (back.Status, back.Location, back.CirculationStage, back.Destination));
        Assert.Equal([request.RequestId], back.Requests.Select(r => r.RequestId));
        Assert.Equal(back.Version, (await file.CancelTransit(new CancelTransitCommand("Courier did not come"), Archive.Clerk(home), "call-back-1")).AssertSucceeded().Version);
        await RefusedWithoutChange(file, () => file.CancelTransit(new CancelTransitCommand("again"), Archive.Clerk(home), null), Outcome.Conflict);
        var notice = (await Notices(there)).Single();
        Assert.Equal((NoticeKind.TransitCancelled, request.RequestId), (notice.Kind, notice.RequestId));
        Assert.Equal(CustodyAction.TransitCancelled, (await file.GetCustody(Archive.Archivist)).AssertSucceeded()[0].Action);
        Assert.Single(await Audit(file.GetPrimaryKeyString(), AuditActions.CancelTransit), r => r.Outcome == nameof(Outcome.Ok));

        // Lent there, returned damaged, sent home and called back by the branch that sent it.
        (await file.Dispatch(new DispatchCommand("EMS-2"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        var loan = (await file.Pickup(new PickupCommand(request.RequestId), Archive.Clerk(there), null)).AssertSucceeded();
        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Damaged, "torn"), Archive.Clerk(there), null)).AssertSucceeded();
        (await file.Dispatch(new DispatchCommand("EMS-3"), Archive.Clerk(there), null)).AssertSucceeded();
        await RefusedWithoutChange(file, () => file.CancelTransit(new CancelTransitCommand("x"), Archive.Clerk(home), null), Outcome.Forbidden);
        var kept = (await file.CancelTransit(new CancelTransitCommand("Parcel unsealed"), Archive.Clerk(there), null)).AssertSucceeded();

        Assert.Equal((FileStatus.AwaitingDispatch, there, CirculationStage.AwaitingDispatchHome), (kept.Status, kept.Location, kept.CirculationStage));
        Assert.Contains(await Notices(home), n => n.Kind == NoticeKind.TransitCancelled);
        (await file.Dispatch(new DispatchCommand("EMS-4"), Archive.Clerk(there), null)).AssertSucceeded();
        Assert.Equal(FileStatus.Damaged, (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded().Status);
        Assert.Empty(await CatalogueComparison.Disagreements(Grains, home, [file.GetPrimaryKeyString()]));
    }

    // The circulation's exceptions only: the journey's own notices (in transit, dispatch requested) have tests of their own.
    private async Task<IReadOnlyList<LoanNotice>> Notices(string branch) =>
        (await Grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch, Kinds:
            [NoticeKind.DeclaredMissing, NoticeKind.Found, NoticeKind.RequestCancelled, NoticeKind.TransitCancelled, NoticeKind.PickupExpired]),
            Archive.Clerk(branch))).AssertSucceeded().Items;

    private async Task<List<NoticeKind>> Kinds(string branch) => (await Notices(branch)).Select(n => n.Kind).ToList();

    private async Task<IReadOnlyList<AuditEntry>> Audit(string fileId, string action) =>
        (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(fileId, null, null, null, null, Action: action), Archive.Archivist)).AssertSucceeded().Items;

    private async Task<IReadOnlyList<InventoryItem>> Search(InventoryQuery query) =>
        (await Grains.GetGrain<IInventoryGrain>(0).Search(query, Archive.Archivist)).AssertSucceeded().Items;
}

[Collection(SqliteCluster.Name)]
public sealed class MissingTestsOnSqlite(SqliteClusterFixture fixture) : MissingTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class MissingTestsOnPostgres(PostgresClusterFixture fixture) : MissingTests(fixture);
