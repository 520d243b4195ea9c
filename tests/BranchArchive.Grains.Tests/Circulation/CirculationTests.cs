using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

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
        var file = await Archive.RegisterFile(Grains, home);

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
        var file = await Archive.RegisterFile(Grains, home);

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
        var file = await Archive.RegisterFile(Grains, home);
        var loan = (await file.CheckOut(Archive.Checkout(days: 10), Archive.Clerk(home), null)).AssertSucceeded();

        var first = (await file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(loan.DueAt.AddDays(5), first.DueAt);
        fixture.Archive.Clock.Advance(TimeSpan.FromDays(30));
        var second = (await file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null)).AssertSucceeded();
        Assert.Equal(fixture.Archive.Clock.GetUtcNow().AddDays(5), second.DueAt);
        Assert.Equal(2, second.Renewals);
        await RefusedWithoutChange(file, () => file.Renew(new RenewCommand(loan.LoanId, 5), Archive.Clerk(home), null), Outcome.Conflict);

        var other = await Archive.OpenBranchWithCabinet(Grains);
        var again = await Archive.RegisterFile(Grains, home);
        var loan2 = (await again.CheckOut(Archive.Checkout(), Archive.Clerk(home), null)).AssertSucceeded();
        (await again.Request(Request(other), Archive.Clerk(other), null)).AssertSucceeded();
        await RefusedWithoutChange(again, () => again.Renew(new RenewCommand(loan2.LoanId, 5), Archive.Clerk(home), null), Outcome.Conflict);
    }

    private static RequestFileCommand Request(string pickupBranch) => new($"reader.{pickupBranch.ToLowerInvariant()}", pickupBranch, "Credit review", 7);

    private static async Task<CustomerFile> View(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded();

    /// <summary>The step is refused as expected and the file is exactly as before.</summary>
    private static async Task RefusedWithoutChange<T>(ICustomerFileGrain file, Func<Task<ArchiveResult<T>>> step, Outcome expected)
    {
        var before = await View(file);
        (await step()).AssertRefused(expected);
        Assert.Equal(before.Version, (await View(file)).Version);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class CirculationTestsOnSqlite(SqliteClusterFixture fixture) : CirculationTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class CirculationTestsOnPostgres(PostgresClusterFixture fixture) : CirculationTests(fixture);
