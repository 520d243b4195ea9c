using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Classification;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Retention;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>
/// Notices that need a cluster of their own: a moved clock (a pickup about to expire, a destruction
/// years on) or a notice board that fails between a stored change and its notices, then a dead silo.
/// </summary>
public sealed class NoticeOutboxTests
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(3);
    private static readonly TimeSpan Warning = TimeSpan.FromHours(12); // not the default: the setting is honoured

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_pickup_about_to_expire_is_told_once_to_the_branch_and_the_borrower_a_lead_before_it_expires(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System); // Orleans' own clocks stay real
            silo.Services.Configure<CirculationOptions>(circulation => (circulation.PickupExpiry, circulation.PickupExpiryWarning) = (Expiry, Warning));
        });
        var grains = archive.Client;
        var sweeper = grains.GetGrain<ILoanNoticeSweeperGrain>(0);
        var home = await Archive.OpenBranchWithCabinet(grains);
        var there = await Archive.OpenBranchWithCabinet(grains);
        var file = await Lendable(grains, home);
        var request = (await file.Request(Request(there), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        var arrivedAt = archive.Clock.GetUtcNow();
        var borrower = new Actor(request.Borrower, StaffRoles.Clerk, there);

        archive.Clock.Advance(Expiry - Warning - TimeSpan.FromMinutes(1));
        await sweeper.Sweep();
        Assert.Empty(await Expiring(grains, there));

        archive.Clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.Sweep();
        var warned = Assert.Single(await Expiring(grains, there));
        Assert.Equal((arrivedAt + Expiry, request.RequestId, request.Borrower), (warned.DueAt, warned.RequestId, warned.Borrower));
        var toBorrower = Assert.Single((await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(Mine: true, Kinds: [NoticeKind.PickupExpiring]), borrower))
            .AssertSucceeded().Items);
        Assert.Equal((request.Borrower, arrivedAt + Expiry), (toBorrower.Recipient, toBorrower.DueAt));

        // Asked again, nothing more; then it expires as before.
        archive.Clock.Advance(TimeSpan.FromHours(1));
        await sweeper.Sweep();
        Assert.Single(await Expiring(grains, there));
        archive.Clock.Advance(Warning);
        await sweeper.Sweep();
        Assert.Equal(FileStatus.AwaitingDispatch, (await View(file)).Status);
        Assert.Single(await Expiring(grains, there));
        Assert.Single((await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(there, Kinds: [NoticeKind.PickupExpired]), Archive.Clerk(there))).AssertSucceeded().Items);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Notices_of_changes_stored_while_the_board_was_down_are_posted_once_by_the_next_activation_after_the_silo_dies(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var outage = new NoticeOutage();
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 3, configure: silo => SwitchableLoanNotices.Install(silo, outage));
        var grains = archive.Client;
        var home = await Archive.OpenBranchWithCabinet(grains);
        var there = await Archive.OpenBranchWithCabinet(grains);
        var file = await Lendable(grains, home);
        var id = file.GetPrimaryKeyString();

        outage.Down = true;
        var request = (await file.Request(Request(there), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        var sent = (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(FileStatus.InTransit, sent.Status); // the changes stand
        Assert.Empty(await All(grains, home));
        Assert.Empty(await All(grains, there));

        // The process holding the file dies before it could post them; they were stored with the changes.
        await KillHostOf(archive, id);
        outage.Down = false;
        Assert.Equal(FileStatus.InTransit, (await AfterKill(() => View(file))).Status); // activated elsewhere: posts first

        Assert.Equal(request.RequestId, Assert.Single(await All(grains, home)).RequestId);
        var coming = Assert.Single(await All(grains, there));
        Assert.Equal((NoticeKind.InTransitToYou, request.RequestId), (coming.Kind, coming.RequestId));

        // And once only: another activation (the stored outbox may still hold them) adds nothing.
        await KillHostOf(archive, id);
        await AfterKill(() => View(file));
        Assert.Single(await All(grains, home));
        Assert.Single(await All(grains, there));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_destruction_request_tells_those_who_approve_once_and_a_notice_missed_by_the_board_goes_out_with_the_next_change(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var outage = new NoticeOutage();
        await using var archive = await ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            silo.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
            SwitchableLoanNotices.Install(silo, outage);
        });
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var manager = new Actor($"manager.{branch.ToLowerInvariant()}", StaffRoles.Manager, branch);
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(branch) with { Documents = [new FileDocument(DocumentType.BasicInfo, "ID copy", 1, null)] },
            Archive.Archivist)).AssertSucceeded();
        (await file.Reclassify(new ReclassifyCommand("Customer left", Stage: CooperationStage.Terminated), manager)).AssertSucceeded();
        archive.Clock.Advance(TimeSpan.FromDays(365 * 6));

        outage.Down = true;
        var request = (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded();
        Assert.Empty(await Destructions(grains, branch, manager));
        outage.Down = false;
        (await file.RequestDestruction(new RequestDestructionCommand("Past retention"), manager)).AssertSucceeded(); // pending: the same request
        (await file.ApproveDestruction(new ApproveDestructionCommand(request.RequestId, DestructionApprover.Manager), manager)).AssertSucceeded();

        // The branch's manager and head office's archivists (every branch, or this one) see it.
        var notice = Assert.Single(await Destructions(grains, branch, manager));
        Assert.Equal((request.RequestId, request.RequestedAt, file.GetPrimaryKeyString()), (notice.RequestId, notice.DueAt, notice.FileId));
        Assert.Contains((await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(Kinds: [NoticeKind.DestructionAwaitingApproval]), Archive.Archivist))
            .AssertSucceeded().Items, n => n.Id == notice.Id);
    }

    private static async Task<IReadOnlyList<LoanNotice>> Expiring(IGrainFactory grains, string branch) =>
        (await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch, Kinds: [NoticeKind.PickupExpiring]), Archive.Clerk(branch))).AssertSucceeded().Items;

    private static async Task<IReadOnlyList<LoanNotice>> Destructions(IGrainFactory grains, string branch, Actor actor) =>
        (await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch, Kinds: [NoticeKind.DestructionAwaitingApproval]), actor)).AssertSucceeded().Items;

    private static async Task<IReadOnlyList<LoanNotice>> All(IGrainFactory grains, string branch) =>
        (await grains.GetGrain<INoticeBoardGrain>(0).Find(new NoticeFilter(branch), Archive.Clerk(branch))).AssertSucceeded().Items;

    /// <summary>
    /// The first call after a kill: the client may still have picked the dead silo as its gateway,
    /// and such a call fails on the connection (nothing reached a grain); it is asked again.
    /// </summary>
    private static async Task<T> AfterKill<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < 20 && exception is ConnectionFailedException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static async Task KillHostOf(ArchiveCluster archive, string fileId)
    {
        var statistics = await AfterKill(() => archive.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics());
        var host = statistics.Single(s => s.GrainId.Type.ToString()!.Contains("customerfile", StringComparison.OrdinalIgnoreCase)
            && s.GrainId.Key.ToString() == fileId).SiloAddress;
        await archive.Cluster.KillSiloAsync(archive.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
    }
}
