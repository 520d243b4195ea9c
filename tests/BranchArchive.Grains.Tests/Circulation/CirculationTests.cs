using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;
using static BranchArchive.Grains.Tests.Support.CirculationSteps;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>A file travels to the branches that request it, one after another, and always comes home between loans.</summary>
public abstract class CirculationTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task Three_branches_requesting_at_once_are_served_in_order_and_no_step_runs_out_of_order()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var requesters = new[] { await Archive.OpenBranchWithCabinet(Grains), await Archive.OpenBranchWithCabinet(Grains), await Archive.OpenBranchWithCabinet(Grains) };
        var file = await Lendable(Grains, home);

        var answers = await Task.WhenAll(requesters.Select(branch => file.Request(Request(branch), Archive.Clerk(branch), null)));

        var queued = answers.Select(a => a.AssertSucceeded()).ToList();
        Assert.Equal([1, 2, 3], queued.Select(a => a.Position!.Value).Order());
        var order = queued.OrderBy(a => a.Position).Select(a => a.Request!).ToList();
        Assert.Equal(order.Select(r => r.RequestId), (await View(file)).Requests.Select(r => r.RequestId));
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertRefused(Outcome.Conflict);

        foreach (var request in order)
        {
            await WalkOneLoan(file, home, request);
        }

        var done = await View(file);
        Assert.Equal(FileStatus.OnShelf, done.Status);
        Assert.Equal(home, done.Location);
        Assert.Empty(done.Requests);
        var custody = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(3, custody.Count(e => e.Action == CustodyAction.PickedUp));
        Assert.Equal(6, custody.Count(e => e.Action == CustodyAction.Dispatched));
        Assert.Equal(6, custody.Count(e => e.Action == CustodyAction.Received));
    }

    /// <summary>request → dispatch → receive → pickup → return → dispatch home → receive home, with every wrong step refused.</summary>
    private async Task WalkOneLoan(ICustomerFileGrain file, string home, FileRequest request)
    {
        var there = request.PickupBranch;
        await RefusedWithoutChange(file, () => file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Pickup(new PickupCommand(request.RequestId), Archive.Clerk(there), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Dispatch(new DispatchCommand("EMS-0"), Archive.Clerk(there), null), Outcome.Forbidden);

        var sent = (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(FileStatus.InTransit, sent.Status);
        Assert.Null(sent.Location);
        Assert.Equal((home, there), (sent.Transit!.From, sent.Transit.To));
        await RefusedWithoutChange(file, () => file.Dispatch(new DispatchCommand("EMS-2"), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.CheckOut(Archive.Checkout(), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(file, () => file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null), Outcome.Forbidden);

        var arrived = (await file.Receive(new ReceiveCommand("sealed envelope intact"), Archive.Clerk(there), null)).AssertSucceeded();
        Assert.Equal(FileStatus.AwaitingPickup, arrived.Status);
        Assert.Equal(there, arrived.Location);
        var loan = (await file.Pickup(new PickupCommand(request.RequestId), Archive.Clerk(there), null)).AssertSucceeded();
        Assert.Equal((there, request.Borrower), (loan.Branch, loan.Borrower));
        await RefusedWithoutChange(file, () => file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), Archive.Clerk(home), null), Outcome.Forbidden);

        var back = (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), Archive.Clerk(there), null)).AssertSucceeded();
        Assert.Equal(FileStatus.AwaitingDispatch, back.Status);
        await RefusedWithoutChange(file, () => file.Dispatch(new DispatchCommand("EMS-3"), Archive.Clerk(home), null), Outcome.Forbidden);
        Assert.Equal(FileStatus.InTransit, (await file.Dispatch(new DispatchCommand("EMS-4"), Archive.Clerk(there), null)).AssertSucceeded().Status);
        var shelved = (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal((FileStatus.OnShelf, home), (shelved.Status, shelved.Location));
    }

    [SkippableFact]
    public async Task A_request_for_a_file_on_the_own_shelf_is_a_checkout_and_a_cancelled_request_sends_the_file_home()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);

        var direct = (await file.Request(Request(home), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.NotNull(direct.Loan);
        Assert.Null(direct.Request);
        (await file.Return(new ReturnCommand(direct.Loan!.LoanId, ReturnCondition.Intact, null), Archive.Clerk(home), null)).AssertSucceeded();

        var waiting = (await file.Request(Request(other), Archive.Clerk(other), null)).AssertSucceeded().Request!;
        (await file.CancelRequest(waiting.RequestId, Archive.Clerk(home))).AssertRefused(Outcome.Forbidden);
        (await file.Dispatch(new DispatchCommand("EMS-9"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(other), null)).AssertSucceeded();
        var cancelled = (await file.CancelRequest(waiting.RequestId, Archive.Clerk(other))).AssertSucceeded();

        Assert.Equal(FileStatus.AwaitingDispatch, cancelled.Status);
        Assert.Empty(cancelled.Requests);
        (await file.Dispatch(new DispatchCommand("EMS-10"), Archive.Clerk(other), null)).AssertSucceeded();
        Assert.Equal(FileStatus.OnShelf, (await file.Receive(new ReceiveCommand(null), Archive.Clerk(home), null)).AssertSucceeded().Status);
    }

    [SkippableFact]
    public async Task A_loan_renews_a_limited_number_of_times_from_its_due_date_or_today_if_overdue_and_never_while_another_branch_waits()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        var loan = (await file.CheckOut(Archive.Checkout(days: 10), Archive.Clerk(home), null)).AssertSucceeded();

        var first = (await file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(loan.DueAt.AddDays(5), first.DueAt);
        MovedClock.AdvanceThisTest(TimeSpan.FromDays(30));
        var second = (await file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(fixture.Archive.Clock.GetUtcNow().AddDays(5), second.DueAt);
        Assert.Equal(2, second.Renewals);
        await RefusedWithoutChange(file, () => file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null), Outcome.Conflict);

        var other = await Archive.OpenBranchWithCabinet(Grains);
        var again = await Lendable(Grains, home);
        var loan2 = (await again.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertSucceeded();
        (await again.Request(Request(other), Archive.Clerk(other), null)).AssertSucceeded();
        await RefusedWithoutChange(again, () => again.Renew(new RenewCommand(loan2.LoanId, 5), Archive.Clerk(home), null), Outcome.Conflict);
    }

    [SkippableFact]
    public async Task Confidential_files_stay_with_their_branch_and_restricted_ones_need_a_manager_who_is_recorded()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var confidential = await Archive.RegisterFile(Grains, home); // Archive.NewFile is Confidential
        (await confidential.Request(Request(other), Archive.Clerk(other), null)).AssertRefused(Outcome.Forbidden);
        (await confidential.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertSucceeded();

        var restricted = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await restricted.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Restricted }, Archive.Archivist)).AssertSucceeded();
        await RefusedWithoutChange(restricted, () => restricted.CheckOut(Archive.Checkout(), Archive.Clerk(home), null), Outcome.Forbidden);
        var manager = new Contracts.Access.Actor("manager.sun", Contracts.Access.StaffRoles.Manager, home);
        var loan = (await restricted.CheckOut(Archive.Checkout(), manager, null)).AssertSucceeded();
        Assert.Equal("manager.sun", loan.ApprovedBy);
    }

    [SkippableFact]
    public async Task A_loan_raises_one_due_soon_and_one_overdue_notice_for_the_borrowers_branch_as_the_clock_moves()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Lendable(Grains, home);
        (await file.CheckOut(Archive.Checkout(days: 10), Archive.Clerk(home), null)).AssertSucceeded();
        var sweeper = Grains.GetGrain<ILoanNoticeSweeperGrain>(0);

        await sweeper.Sweep();
        Assert.Empty(await Notices(home));
        MovedClock.AdvanceThisTest(TimeSpan.FromDays(9));
        await sweeper.Sweep();
        Assert.Equal([NoticeKind.DueSoon], (await Notices(home)).Select(n => n.Kind));
        Assert.False((await View(file)).Overdue);
        MovedClock.AdvanceThisTest(TimeSpan.FromDays(2));
        await sweeper.Sweep();
        await sweeper.Sweep();

        Assert.Equal([NoticeKind.Overdue, NoticeKind.DueSoon], (await Notices(home)).Select(n => n.Kind));
        Assert.True((await View(file)).Overdue);
        var elsewhere = await Archive.OpenBranchWithCabinet(Grains);
        (await Grains.GetGrain<INoticeBoardGrain>(0).List(home, 1, 50, Archive.Clerk(elsewhere))).AssertRefused(Outcome.Forbidden);
    }

    [SkippableFact]
    public async Task A_file_never_lent_is_read_on_site_with_a_managers_approval_and_never_leaves_its_branch()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var ledger = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await ledger.Register(Archive.NewFile(home, lendable: false) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        var manager = new Contracts.Access.Actor("manager.zhou", Contracts.Access.StaffRoles.Manager, home);

        await RefusedWithoutChange(ledger, () => ledger.CheckOut(Archive.Checkout(), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(ledger, () => ledger.Request(Request(other), Archive.Clerk(other), null), Outcome.Conflict);
        await RefusedWithoutChange(ledger, () => ledger.OpenReading(new OpenReadingCommand("auditor.ext", "Annual audit"), Archive.Clerk(home), null), Outcome.Forbidden);
        await RefusedWithoutChange(ledger, () => ledger.OpenReading(new OpenReadingCommand("x", "y"), new Contracts.Access.Actor("m2", Contracts.Access.StaffRoles.Manager, other), null), Outcome.Forbidden);

        var session = (await ledger.OpenReading(new OpenReadingCommand("auditor.ext", "Annual audit"), manager, null)).AssertSucceeded();
        Assert.Equal("manager.zhou", session.ApprovedBy);
        Assert.Equal(FileStatus.InReading, (await View(ledger)).Status);
        await RefusedWithoutChange(ledger, () => ledger.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null), Outcome.Conflict);
        await RefusedWithoutChange(ledger, () => ledger.CloseReading(new CloseReadingCommand(Guid.NewGuid().ToString(), null), Archive.Clerk(home), null), Outcome.Conflict);
        var closed = (await ledger.CloseReading(new CloseReadingCommand(session.SessionId, "all pages present"), Archive.Clerk(home), null)).AssertSucceeded();

        Assert.Equal((FileStatus.OnShelf, home), (closed.Status, closed.Location));
        var custody = (await ledger.GetCustody(Archive.Archivist)).AssertSucceeded();
        Assert.Equal([CustodyAction.ReadingClosed, CustodyAction.ReadingOpened], custody.Select(e => e.Action));
    }

    // Loan notices only: the moved clock may also bring the branch's cabinet inspection due.
    private async Task<IReadOnlyList<LoanNotice>> Notices(string branch) =>
        (await Grains.GetGrain<INoticeBoardGrain>(0).List(branch, 1, 50, Archive.Clerk(branch))).AssertSucceeded().Items
            .Where(n => n.Cabinet is null).ToList();
}

[Collection(SqliteCluster.Name)]
public sealed class CirculationTestsOnSqlite(SqliteClusterFixture fixture) : CirculationTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class CirculationTestsOnPostgres(PostgresClusterFixture fixture) : CirculationTests(fixture);
