using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Borrowers;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>
/// Issue 18 point 8: once a file has gone home, the branch that borrowed it still reads the custody
/// events and loans of the journeys it handled, and nothing else of the file; a branch that handled
/// nothing is refused, audited, as before.
/// </summary>
public abstract class BorrowingBranchSightTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task The_borrowing_branch_reads_its_own_journey_and_loan_after_the_file_went_home_and_nothing_of_others()
    {
        var (home, there, next, never) = (await Branch(), await Branch(), await Branch(), await Branch());
        var file = await BorrowerTests.InternalFile(Grains, home);
        var atHome = (await file.CheckOut(Archive.Checkout("li.home"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Return(new ReturnCommand(atHome.LoanId, ReturnCondition.Intact, "home loan"), Archive.Clerk(home), null)).AssertSucceeded();
        var loan = await Journey(file, home, there, returned: true);
        await Journey(file, home, next, returned: false); // the next branch holds it now

        var custody = (await file.GetCustody(Archive.Clerk(there))).AssertSucceeded();
        Assert.Equal(
            [CustodyAction.Received, CustodyAction.Dispatched, CustodyAction.Returned, CustodyAction.Renewed, CustodyAction.PickedUp,
             CustodyAction.Received, CustodyAction.Dispatched, CustodyAction.Requested],
            custody.Select(e => e.Action));
        Assert.All(custody, e => Assert.Contains(there, new[] { e.Branch, e.From, e.To }));
        Assert.All(custody, e => Assert.DoesNotContain(next, $"{e.Branch} {e.From} {e.To} {e.Detail}"));
        // The far end of each transit is named: sent from home, received home from it.
        Assert.Equal((home, home, there), (custody[^2].Branch, custody[^2].From, custody[^2].To));
        Assert.Equal((home, there, home), (custody[0].Branch, custody[0].From, custody[0].To));
        var loans = (await file.GetLoanHistory(Archive.Clerk(there))).AssertSucceeded();
        var own = Assert.Single(loans);
        Assert.Equal((loan.LoanId, there, ReturnCondition.Intact), (own.Loan.LoanId, own.Loan.Branch, own.Condition));

        // Nothing else of the file: not the file itself, its repairs, classification or scans.
        (await file.Get(Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        (await file.GetRepairs(Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        (await file.GetClassificationHistory(Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);
        (await file.GetScans(Archive.Clerk(there))).AssertRefused(Outcome.Forbidden);

        // Whoever holds it now, and head office, read the whole register, as before.
        Assert.Equal(3, (await file.GetLoanHistory(Archive.Clerk(next))).AssertSucceeded().Count);
        var whole = (await file.GetCustody(Archive.Auditor)).AssertSucceeded();
        Assert.True(whole.Count > custody.Count);

        // A branch that handled nothing of the file: refused, audited, as before.
        (await file.GetCustody(Archive.Clerk(never))).AssertRefused(Outcome.Forbidden);
        (await file.GetLoanHistory(new Actor("manager.never", StaffRoles.Manager, never))).AssertRefused(Outcome.Forbidden);
        var denials = (await Grains.GetGrain<IAuditGrain>(0).Query(
            new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null, Outcome: nameof(Outcome.Forbidden)), Archive.Auditor)).AssertSucceeded().Items;
        Assert.Equal(2, denials.Count(e => e.ActorBranch == never && e.Action == AuditActions.ReadFile && e.Outcome == nameof(Outcome.Forbidden)));
        Assert.Equal(4, denials.Count(e => e.ActorBranch == there && e.Outcome == nameof(Outcome.Forbidden)));
    }

    [SkippableFact]
    public async Task A_request_withdrawn_after_a_called_back_dispatch_leaves_its_branch_that_journey_but_a_request_alone_earns_no_sight()
    {
        var (home, there, early) = (await Branch(), await Branch(), await Branch());
        var file = await BorrowerTests.InternalFile(Grains, home);
        var first = (await file.Request(new RequestFileCommand("reader.early", early, "Credit review", 7), Archive.Clerk(early), null))
            .AssertSucceeded().Request!;
        var request = (await file.Request(new RequestFileCommand("reader.there", there, "Credit review", 7), Archive.Clerk(there), null))
            .AssertSucceeded().Request!;
        (await file.CancelRequest(first.RequestId, Archive.Clerk(early))).AssertSucceeded();
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.CancelTransit(new CancelTransitCommand("Wrong envelope"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.CancelRequest(request.RequestId, Archive.Clerk(there))).AssertSucceeded();

        var custody = (await file.GetCustody(Archive.Clerk(there))).AssertSucceeded();

        Assert.Equal([CustodyAction.RequestCancelled, CustodyAction.TransitCancelled, CustodyAction.Dispatched, CustodyAction.Requested],
            custody.Select(e => e.Action));
        Assert.Equal((home, home, there), (custody[1].Branch, custody[1].From, custody[1].To));
        Assert.Empty((await file.GetLoanHistory(Archive.Clerk(there))).AssertSucceeded());
        // Requested and withdrawn before the file was sent anywhere: as before, nothing (issue 16 point 4).
        (await file.GetCustody(Archive.Clerk(early))).AssertRefused(Outcome.Forbidden);
        (await file.GetLoanHistory(Archive.Clerk(early))).AssertRefused(Outcome.Forbidden);
    }

    [SkippableFact]
    public async Task The_branchs_entries_are_found_behind_more_than_a_register_reads_of_others()
    {
        var (home, there) = (await Branch(), await Branch());
        var file = await BorrowerTests.InternalFile(Grains, home);
        await Journey(file, home, there, returned: true);
        var manager = new Actor($"manager.{home.ToLowerInvariant()}", StaffRoles.Manager, home);
        // 51 readings on site at home: 102 newer events, more than one read of the register answers.
        for (var i = 0; i < 51; i++)
        {
            var session = (await file.OpenReading(new OpenReadingCommand("auditor.ext", $"Reading {i}"), manager, null)).AssertSucceeded();
            (await file.CloseReading(new CloseReadingCommand(session.SessionId, null), manager, null)).AssertSucceeded();
        }

        var custody = (await file.GetCustody(Archive.Clerk(there))).AssertSucceeded();

        Assert.Equal(8, custody.Count);
        Assert.Equal(CustodyAction.Requested, custody[^1].Action);
        Assert.Equal(CustomerFileState.RegisterReadLimit, (await file.GetCustody(Archive.Clerk(home))).AssertSucceeded().Count);
    }

    [SkippableFact]
    public async Task Transit_events_stored_before_they_named_both_ends_are_still_found_by_the_far_end()
    {
        var (home, there) = (await Branch(), await Branch());
        var file = await BorrowerTests.InternalFile(Grains, home);
        await Journey(file, home, there, returned: true);
        var whole = (await file.GetCustody(Archive.Archivist)).AssertSucceeded();
        var transits = whole.Where(e => e.Action is CustodyAction.Dispatched or CustodyAction.Received).ToList();
        Assert.Equal(4, transits.Count);

        // As stored before: the far end only in the detail the archive wrote.
        var stored = transits.Select(e => e with { From = null, To = null }).ToList();

        Assert.All(stored, e => Assert.True(e.HandledBy(there), $"{e.Action} at {e.Branch}: {e.Detail}"));
        Assert.All(stored, e => Assert.True(e.HandledBy(home)));
        Assert.All(stored, e => Assert.False(e.HandledBy("ZZ99")));
        var calledBack = new CustodyEvent(DateTimeOffset.UnixEpoch, CustodyAction.TransitCancelled, "clerk", home,
            $"Dispatch to {there} (reference EMS-1) called back before it was received: wrong envelope");
        Assert.True(calledBack.HandledBy(there));
    }

    /// <summary>The file travels to <paramref name="there"/> for a request and is lent there, then (if returned) comes home.</summary>
    private static async Task<Loan> Journey(ICustomerFileGrain file, string home, string there, bool returned)
    {
        var clerk = Archive.Clerk(there);
        var request = (await file.Request(new RequestFileCommand($"reader.{there.ToLowerInvariant()}", there, "Credit review", 7), clerk, null))
            .AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), clerk, null)).AssertSucceeded();
        var loan = (await file.Pickup(new PickupCommand(request.RequestId), clerk, null)).AssertSucceeded();
        if (!returned)
        {
            return loan;
        }
        (await file.Renew(new RenewCommand(loan.LoanId, 7), clerk, null)).AssertSucceeded();
        (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();
        (await file.Dispatch(new DispatchCommand("EMS-2"), clerk, null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand("back in one piece"), Archive.Clerk(home), null)).AssertSucceeded();
        return loan;
    }

    private Task<string> Branch() => Archive.OpenBranchWithCabinet(Grains);
}

[Collection(SqliteCluster.Name)]
public sealed class BorrowingBranchSightTestsOnSqlite(SqliteClusterFixture fixture) : BorrowingBranchSightTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class BorrowingBranchSightTestsOnPostgres(PostgresClusterFixture fixture) : BorrowingBranchSightTests(fixture);
