using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Contracts.Staff;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Borrowers;

/// <summary>
/// Loans to members of staff on a branch's list: their limit holds under racing checkouts, slots a
/// file does not hold are dropped, "my loans" and a manager's view stay in scope, and whoever holds
/// a file cannot queue for it again. On the shared clusters, where made-up borrowers are allowed too.
/// </summary>
public abstract class BorrowerTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task Racing_checkouts_for_one_borrower_open_no_more_loans_than_the_limit_of_their_role()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var staffId = await ListStaff(branch, "clerk"); // a clerk: 5 by default
        var files = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Archive.RegisterFile(Grains, branch)));

        var answers = await Task.WhenAll(files.Select(file => file.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)));

        Assert.Equal(5, answers.Count(a => a.Succeeded));
        Assert.All(answers.Where(a => !a.Succeeded), refused =>
        {
            Assert.Equal(Outcome.Conflict, refused.Outcome);
            Assert.Contains("the limit for a clerk is 5", refused.Detail);
        });
        var views = await Task.WhenAll(files.Select(f => f.Get(Archive.Archivist)));
        Assert.Equal(5, views.Count(v => v.AssertSucceeded().Status == FileStatus.CheckedOut));
        var mine = (await Grains.GetGrain<IBorrowerGrain>(staffId).Loans(new Actor(staffId, StaffRoles.Clerk, branch))).AssertSucceeded();
        Assert.Equal(5, mine.Loans.Count);
        Assert.Equal(5, mine.Limit);

        // A return gives the slot back: the next checkout goes through.
        var (lentFile, lent) = files.Zip(answers).First(pair => pair.Second.Succeeded);
        (await lentFile.Return(new ReturnCommand(lent.Value!.LoanId, ReturnCondition.Intact, null), Archive.Clerk(branch), null)).AssertSucceeded();
        var waiting = files.Zip(answers).First(pair => !pair.Second.Succeeded).First;
        (await waiting.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task A_slot_its_file_does_not_hold_is_dropped_once_older_than_a_checkout_takes_and_a_fresh_one_still_counts()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var staffId = await ListStaff(branch, "clerk");
        var borrower = Grains.GetGrain<IBorrowerGrain>(staffId);
        var file = await Archive.RegisterFile(Grains, branch);
        var now = fixture.Archive.Clock.GetUtcNow();
        // As if the process died after reserving: four slots whose files never stored the loan, one still in flight.
        foreach (var age in new[] { 10, 10, 10, 10 })
        {
            (await borrower.Reserve(new LoanSlot(Guid.NewGuid().ToString("D"), file.GetPrimaryKeyString(), 1, branch, now.AddMinutes(-age)),
                Archive.Clerk(branch))).AssertSucceeded();
        }
        (await borrower.Reserve(new LoanSlot(Guid.NewGuid().ToString("D"), file.GetPrimaryKeyString(), 1, branch, now), Archive.Clerk(branch))).AssertSucceeded();

        // At the limit of 5: the four stale slots are checked with the file and dropped; the fresh one stays.
        var loan = (await file.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)).AssertSucceeded();

        var others = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Archive.RegisterFile(Grains, branch)));
        var more = await Task.WhenAll(others.Select(f => f.CheckOut(Archive.Checkout(staffId), Archive.Clerk(branch), null)));
        Assert.Equal(3, more.Count(a => a.Succeeded)); // 1 in flight + 1 loan + 3 = 5
        var mine = (await borrower.Loans(new Actor(staffId, StaffRoles.Clerk, branch))).AssertSucceeded();
        Assert.Equal(4, mine.Loans.Count); // the slot in flight is not a loan yet
        Assert.Contains(mine.Loans, l => l.LoanId == loan.LoanId);
    }

    [SkippableFact]
    public async Task My_loans_and_a_borrowers_loans_disclose_nothing_outside_the_callers_scope()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var staffId = await ListStaff(home, "clerk");
        var file = await Archive.RegisterFile(Grains, home);
        var loan = (await file.CheckOut(Archive.Checkout(staffId), Archive.Clerk(home), null)).AssertSucceeded();
        var borrower = Grains.GetGrain<IBorrowerGrain>(staffId);

        var own = (await borrower.Loans(new Actor(staffId, StaffRoles.Clerk, home))).AssertSucceeded();
        Assert.Equal(loan.LoanId, Assert.Single(own.Loans).LoanId);
        Assert.Equal(2, Assert.Single(own.Loans).RenewalsLeft);
        var manager = (await borrower.Loans(new Actor("manager.home", StaffRoles.Manager, home))).AssertSucceeded();
        Assert.Equal((home, 1), (manager.Branch, manager.Loans.Count));
        var auditor = (await borrower.Loans(Archive.Auditor)).AssertSucceeded();
        Assert.Single(auditor.Loans);

        // A manager elsewhere: no loan held there, not even who the borrower is.
        var elsewhere = (await borrower.Loans(new Actor("manager.other", StaffRoles.Manager, other))).AssertSucceeded();
        Assert.Empty(elsewhere.Loans);
        Assert.Null(elsewhere.Name);
        Assert.Null(elsewhere.Branch);
        // A clerk asking about a colleague: refused and audited.
        (await borrower.Loans(Archive.Clerk(home))).AssertRefused(Outcome.Forbidden);
        var denials = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(null, Archive.Clerk(home).Subject, home, null, null), Archive.Auditor))
            .AssertSucceeded().Items;
        Assert.Contains(denials, e => e.Action == AuditActions.ReadBorrowerLoans && e.Outcome == "Forbidden");
    }

    [SkippableFact]
    public async Task A_pickup_beyond_the_borrowers_limit_is_refused_and_the_file_keeps_waiting_for_them()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var staffId = await ListStaff(there, "clerk");
        var clerk = Archive.Clerk(there);
        var file = await InternalFile(Grains, home);
        var request = (await file.Request(new RequestFileCommand(staffId, there, "Credit review", 7), clerk, null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), clerk, null)).AssertSucceeded();
        var local = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Archive.RegisterFile(Grains, there)));
        var loans = await Task.WhenAll(local.Select(f => f.CheckOut(Archive.Checkout(staffId), clerk, null)));
        Assert.All(loans, l => l.AssertSucceeded());

        var refused = await file.Pickup(new PickupCommand(request.RequestId), clerk, null);

        refused.AssertRefused(Outcome.Conflict);
        Assert.Contains("the limit for a clerk is 5", refused.Detail);
        Assert.Equal(FileStatus.AwaitingPickup, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);
        (await local[0].Return(new ReturnCommand(loans[0].Value!.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();
        Assert.Equal(staffId, (await file.Pickup(new PickupCommand(request.RequestId), clerk, null)).AssertSucceeded().Borrower);
    }

    [SkippableFact]
    public async Task Whoever_holds_the_file_cannot_request_it_again_from_any_branch()
    {
        var home = await Archive.OpenBranchWithCabinet(Grains);
        var there = await Archive.OpenBranchWithCabinet(Grains);
        var file = await InternalFile(Grains, home);
        var loan = (await file.CheckOut(Archive.Checkout("li.si"), Archive.Clerk(home), null)).AssertSucceeded();
        var before = (await file.Get(Archive.Archivist)).AssertSucceeded().Version;

        foreach (var pickup in new[] { home, there })
        {
            var again = await file.Request(new RequestFileCommand("li.si", pickup, "Still reading", 7), Archive.Clerk(pickup), null);
            again.AssertRefused(Outcome.Conflict);
            Assert.Contains($"li.si already holds file", again.Detail);
            Assert.Contains(loan.LoanId, again.Detail);
        }
        Assert.Equal(before, (await file.Get(Archive.Archivist)).AssertSucceeded().Version);
        // Someone else may still queue for it.
        (await file.Request(new RequestFileCommand("wang.wu", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded();
    }

    [SkippableFact]
    public async Task The_staff_list_is_kept_by_the_branchs_manager_and_head_office_and_every_change_and_denial_is_audited()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var other = await Archive.OpenBranchWithCabinet(Grains);
        var directory = Grains.GetGrain<IStaffDirectoryGrain>(branch);
        var staffId = $"staff.{Guid.NewGuid():N}";
        var manager = new Actor($"manager.{branch}", StaffRoles.Manager, branch);

        (await directory.Enlist(staffId, new EnlistStaffCommand("王五", ["clerk"]), Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        (await directory.Enlist(staffId, new EnlistStaffCommand("王五", ["clerk"]), new Actor("m2", StaffRoles.Manager, other))).AssertRefused(Outcome.Forbidden);
        (await directory.Enlist(staffId, new EnlistStaffCommand("王五", ["janitor"]), manager)).AssertRefused(Outcome.Invalid);
        (await Grains.GetGrain<IStaffDirectoryGrain>("NOSUCH" + branch[..3]).Enlist(staffId, new EnlistStaffCommand("王五", ["clerk"]), Archive.Archivist))
            .AssertRefused(Outcome.NotFound);
        Assert.Equal(Outcome.Created, (await directory.Enlist(staffId, new EnlistStaffCommand("王五", ["clerk"]), manager)).Outcome);
        Assert.Equal(["manager"], (await directory.Enlist(staffId, new EnlistStaffCommand("王五", ["manager"]), manager)).AssertSucceeded().Roles);

        var listed = (await directory.List(Archive.Clerk(branch))).AssertSucceeded();
        Assert.Equal(staffId, Assert.Single(listed).StaffId);
        (await directory.List(Archive.Clerk(other))).AssertRefused(Outcome.Forbidden);
        Assert.Equal(10, (await Grains.GetGrain<IBorrowerGrain>(staffId).Loans(new Actor(staffId, StaffRoles.Clerk, branch))).AssertSucceeded().Limit);

        (await directory.Remove(staffId, manager)).AssertSucceeded();
        Assert.Empty((await directory.List(manager)).AssertSucceeded());
        (await directory.Remove(staffId, manager)).AssertRefused(Outcome.NotFound);

        var entries = (await Grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(null, null, branch, null, null), Archive.Auditor)).AssertSucceeded().Items
            .Where(e => e.Action.StartsWith("staff.", StringComparison.Ordinal)).Select(e => (e.Action, e.Outcome)).ToList();
        Assert.Equal(
            [(AuditActions.ListStaff, "Forbidden"), (AuditActions.ListStaff, "Forbidden"), (AuditActions.ListStaff, "Created"), (AuditActions.ListStaff, "Ok"),
             (AuditActions.ReadStaff, "Forbidden"), (AuditActions.UnlistStaff, "Ok")],
            entries);
    }

    /// <summary>A file other branches may borrow (Confidential ones are lent only at home).</summary>
    internal static async Task<ICustomerFileGrain> InternalFile(IGrainFactory grains, string branch)
    {
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(branch) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        return file;
    }

    private async Task<string> ListStaff(string branch, string role)
    {
        var staffId = $"staff.{Guid.NewGuid():N}";
        (await Grains.GetGrain<IStaffDirectoryGrain>(branch).Enlist(staffId, new EnlistStaffCommand($"Staff {staffId[..10]}", [role]), Archive.Archivist))
            .AssertSucceeded();
        return staffId;
    }
}

[Collection(SqliteCluster.Name)]
public sealed class BorrowerTestsOnSqlite(SqliteClusterFixture fixture) : BorrowerTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class BorrowerTestsOnPostgres(PostgresClusterFixture fixture) : BorrowerTests(fixture);
