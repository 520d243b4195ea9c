using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>
/// A file left awaiting pickup longer than <c>Circulation:PickupExpiry</c> expires on the silos'
/// clock: the requester is told, the request dropped, and the file goes home, whence it serves the
/// next request. Each test runs its own cluster with its own clock (it moves days ahead).
/// </summary>
public sealed class PickupExpiryTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(3); // not the default: the setting is honoured

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_pickup_left_too_long_expires_the_requester_is_told_and_the_file_goes_home_then_to_the_next_requester(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            silo.Services.Configure<CirculationOptions>(circulation => circulation.PickupExpiry = Expiry);
        });
        var grains = archive.Client;
        var sweeper = grains.GetGrain<ILoanNoticeSweeperGrain>(0);
        var home = await Archive.OpenBranchWithCabinet(grains);
        var first = await Archive.OpenBranchWithCabinet(grains);
        var second = await Archive.OpenBranchWithCabinet(grains);
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        var waited = (await file.Request(new RequestFileCommand("reader.one", first, "Audit", 7), Archive.Clerk(first), null)).AssertSucceeded().Request!;
        var next = (await file.Request(new RequestFileCommand("reader.two", second, "Audit", 7), Archive.Clerk(second), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(first), null)).AssertSucceeded();
        var arrived = await View(file);

        archive.Clock.Advance(Expiry - TimeSpan.FromMinutes(1));
        await sweeper.Sweep();
        Assert.Equal((arrived.Version, FileStatus.AwaitingPickup), ((await View(file)).Version, (await View(file)).Status));
        Assert.Empty(await Notices(grains, first));

        archive.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await sweeper.Sweep() >= 1);
        var expired = await View(file);

        Assert.Equal((FileStatus.AwaitingDispatch, first, CirculationStage.AwaitingDispatchHome, home),
            (expired.Status, expired.Location, expired.CirculationStage, expired.Destination));
        Assert.Equal([next.RequestId], expired.Requests.Select(r => r.RequestId));
        var notice = (await Notices(grains, first)).Single();
        Assert.Equal((NoticeKind.PickupExpired, waited.RequestId, "reader.one", file.GetPrimaryKeyString()),
            (notice.Kind, notice.RequestId, notice.Borrower, notice.FileId));
        Assert.Equal(CustodyAction.PickupExpired, (await file.GetCustody(Archive.Archivist)).AssertSucceeded()[0].Action);
        var audit = (await grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.PickupExpired), Archive.Archivist)).AssertSucceeded().Items.Single();
        Assert.Equal(("system:pickup-expiry", nameof(Outcome.Ok)), (audit.Actor, audit.Outcome));
        Assert.Empty((await grains.GetGrain<IInventoryGrain>(0).Search(new InventoryQuery(null, null, null, null, null, null, null, false,
            Location: first, CirculationStage: CirculationStage.AwaitingPickup), Archive.Archivist)).AssertSucceeded().Items);
        (await file.Pickup(new PickupCommand(waited.RequestId), Archive.Clerk(first), null)).AssertRefused(Outcome.Conflict);
        await sweeper.Sweep();
        Assert.Equal(expired.Version, (await View(file)).Version); // expires once
        Assert.Single(await Notices(grains, first));

        // Home, then on to the next request, whose borrower comes in time.
        (await file.Dispatch(new DispatchCommand("EMS-2"), Archive.Clerk(first), null)).AssertSucceeded();
        var back = (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal((FileStatus.OnShelf, CirculationStage.AwaitingDispatch, second), (back.Status, back.CirculationStage, back.Destination));
        (await file.Dispatch(new DispatchCommand("EMS-3"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(second), null)).AssertSucceeded();
        archive.Clock.Advance(Expiry - TimeSpan.FromHours(1));
        await sweeper.Sweep();
        Assert.Equal(second, (await file.Pickup(new PickupCommand(next.RequestId), Archive.Clerk(second), null)).AssertSucceeded().Branch);
        Assert.Empty(await Notices(grains, second));
    }

    private static async Task<CustomerFile> View(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded();

    private static async Task<IReadOnlyList<LoanNotice>> Notices(IGrainFactory grains, string branch) =>
        (await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch, Kinds: [NoticeKind.PickupExpired]), Archive.Clerk(branch))).AssertSucceeded().Items;
}
