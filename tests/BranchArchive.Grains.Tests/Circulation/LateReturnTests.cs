using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Tests.Inspections;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>
/// Paper registers caught up late: a return dated when the file came back, lateness counted to
/// then; renewals left on every answer; a renewal too early refused when the archive's policy says
/// so. Each test runs its own cluster, as it moves the clock by days.
/// </summary>
public sealed class LateReturnTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_return_caught_up_from_a_paper_register_is_dated_when_the_file_came_back_and_lateness_counts_to_then(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var clerk = Archive.Clerk(branch);
        var file = await Archive.RegisterFile(grains, branch);

        // Lent for 14 days, back on day 10 on paper, entered on day 20: on time, though entered after the due date.
        var onTime = (await file.CheckOut(Archive.Checkout(days: 14), clerk, null)).AssertSucceeded();
        archive.Clock.Advance(20 * Day);
        var enteredAt = archive.Clock.GetUtcNow();
        var future = await file.Return(new ReturnCommand(onTime.LoanId, ReturnCondition.Intact, null, ReturnedAt: enteredAt.AddMinutes(1)), clerk, null);
        future.AssertRefused(Outcome.Invalid);
        Assert.StartsWith("returnedAt must not be in the future", future.Detail);
        var beforeCheckout = await file.Return(new ReturnCommand(onTime.LoanId, ReturnCondition.Intact, null, ReturnedAt: onTime.CheckedOutAt.AddMinutes(-1)), clerk, null);
        beforeCheckout.AssertRefused(Outcome.Invalid);
        Assert.Contains("before the checkout", beforeCheckout.Detail);
        var untouched = (await file.Get(clerk)).AssertSucceeded();
        Assert.Equal((FileStatus.CheckedOut, onTime.LoanId, 2L), (untouched.Status, untouched.Loan!.LoanId, untouched.Version));

        var returned = (await file.Return(new ReturnCommand(onTime.LoanId, ReturnCondition.Intact, "from the paper register",
            ReturnedAt: onTime.CheckedOutAt + 10 * Day), clerk, null)).AssertSucceeded();
        Assert.Equal(FileStatus.OnShelf, returned.Status);

        // Lent for 7 days, back on day 9 on paper, entered on day 12: two days late, not five.
        var late = (await file.CheckOut(Archive.Checkout(days: 7), clerk, null)).AssertSucceeded();
        archive.Clock.Advance(12 * Day);
        (await file.Return(new ReturnCommand(late.LoanId, ReturnCondition.Intact, null, ReturnedAt: late.CheckedOutAt + 9 * Day), clerk, null))
            .AssertSucceeded();
        // Lent for 7 days, returned at the desk on day 8 without a date: one day late, entered as it happened.
        var atTheDesk = (await file.CheckOut(Archive.Checkout(days: 7), clerk, null)).AssertSucceeded();
        archive.Clock.Advance(8 * Day);
        (await file.Return(new ReturnCommand(atTheDesk.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();

        var register = (await file.GetLoanHistory(clerk)).AssertSucceeded();
        Assert.Equal([atTheDesk.LoanId, late.LoanId, onTime.LoanId], register.Select(r => r.Loan.LoanId));
        Assert.Equal((onTime.CheckedOutAt + 10 * Day, enteredAt, 0), (register[2].ReturnedAt!.Value, register[2].RecordedAt!.Value, register[2].DaysOverdue!.Value));
        Assert.Equal((late.CheckedOutAt + 9 * Day, 2), (register[1].ReturnedAt!.Value, register[1].DaysOverdue!.Value));
        Assert.Equal((archive.Clock.GetUtcNow(), (DateTimeOffset?)null, 1), (register[0].ReturnedAt!.Value, register[0].RecordedAt, register[0].DaysOverdue!.Value));

        var audit = (await grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.Return), Archive.Archivist)).AssertSucceeded();
        Assert.Equal(3, audit.Total);
        Assert.Contains(audit.Items, e => e.Detail!.Contains(onTime.LoanId, StringComparison.Ordinal) && e.Detail.Contains("(recorded late)", StringComparison.Ordinal)
            && !e.Detail.Contains("overdue", StringComparison.Ordinal));
        Assert.Contains(audit.Items, e => e.Detail!.Contains(late.LoanId, StringComparison.Ordinal) && e.Detail.Contains("2 day(s) overdue", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_return_recorded_late_at_the_borrowing_branch_keeps_both_dates_in_the_chain_of_custody(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage);
        var grains = archive.Client;
        var home = await Archive.OpenBranchWithCabinet(grains);
        var there = await Archive.OpenBranchWithCabinet(grains);
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(home) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        var request = (await file.Request(new RequestFileCommand("reader", there, "Credit review", 7), Archive.Clerk(there), null)).AssertSucceeded().Request!;
        (await file.Dispatch(new DispatchCommand("EMS-1"), Archive.Clerk(home), null)).AssertSucceeded();
        (await file.Receive(new ReceiveCommand(null), Archive.Clerk(there), null)).AssertSucceeded();
        var loan = (await file.Pickup(new PickupCommand(request.RequestId), Archive.Clerk(there), null)).AssertSucceeded();

        archive.Clock.Advance(10 * Day);
        var returnedAt = loan.CheckedOutAt + 5 * Day;
        var waiting = (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null, ReturnedAt: returnedAt), Archive.Clerk(there), null))
            .AssertSucceeded();

        Assert.Equal(FileStatus.AwaitingDispatch, waiting.Status);
        var returned = Assert.Single((await file.GetCustody(Archive.Clerk(home))).AssertSucceeded(), e => e.Action == CustodyAction.Returned);
        Assert.Equal((returnedAt, archive.Clock.GetUtcNow(), there), (returned.At, returned.RecordedAt!.Value, returned.Branch));
        var line = Assert.Single((await file.GetLoanHistory(Archive.Clerk(there))).AssertSucceeded());
        Assert.Equal((returnedAt, 0), (line.ReturnedAt!.Value, line.DaysOverdue!.Value));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Renewals_left_show_on_every_answer_and_a_renewal_too_early_is_refused_naming_the_policy(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await StartAsync(storage, earliestRenewalBefore: 3 * Day);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var clerk = Archive.Clerk(branch);
        var file = await Archive.RegisterFile(grains, branch);
        var loan = (await file.CheckOut(Archive.Checkout(days: 14), clerk, null)).AssertSucceeded();
        Assert.Equal(2, loan.RenewalsLeft);

        archive.Clock.Advance(10 * Day); // four days before the due date
        var early = await file.Renew(new RenewCommand(loan.LoanId, 7), clerk, null);
        early.AssertRefused(Outcome.Conflict);
        Assert.Contains("Circulation:EarliestRenewalBefore", early.Detail);
        Assert.Contains($"from {(loan.DueAt - 3 * Day).UtcDateTime:yyyy-MM-dd HH:mm} UTC", early.Detail);
        Assert.Equal(2L, (await file.Get(clerk)).AssertSucceeded().Version);

        archive.Clock.Advance(Day); // three days before
        var renewed = (await file.Renew(new RenewCommand(loan.LoanId, 7), clerk, null)).AssertSucceeded();
        Assert.Equal((loan.DueAt + 7 * Day, 1, 1), (renewed.DueAt, renewed.Renewals, renewed.RenewalsLeft));
        Assert.Equal(1, (await file.Get(clerk)).AssertSucceeded().Loan!.RenewalsLeft);
        var open = Assert.Single((await file.GetLoanHistory(clerk)).AssertSucceeded());
        Assert.Equal(1, open.Loan.RenewalsLeft);
        var audit = (await grains.GetGrain<IAuditGrain>(0).Query(new AuditQuery(file.GetPrimaryKeyString(), null, null, null, null,
            Action: AuditActions.Renew), Archive.Archivist)).AssertSucceeded();
        Assert.Contains("renewal 1 of 2", Assert.Single(audit.Items).Detail);
    }

    /// <summary>One silo with its own clock (Orleans' own timers stay on the real one), and the circulation policy under test.</summary>
    private static Task<ArchiveCluster> StartAsync(TestStorage storage, TimeSpan? earliestRenewalBefore = null) =>
        ArchiveCluster.StartAsync(storage, clock: new MovedClock(), configure: silo =>
        {
            silo.Services.Configure<CirculationOptions>(circulation => circulation.EarliestRenewalBefore = earliestRenewalBefore);
        });
}
