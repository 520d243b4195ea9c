using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Files;

public abstract class BorrowLockTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task Checkout_of_a_file_on_the_shelf_opens_a_loan_due_after_the_given_days()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);

        var loan = (await file.CheckOut(Archive.Checkout(days: 14), Archive.Clerk(branch), null)).AssertSucceeded();

        Assert.Equal(fixture.Archive.Clock.GetUtcNow(), loan.CheckedOutAt);
        Assert.Equal(loan.CheckedOutAt.AddDays(14), loan.DueAt);
        Assert.Equal(branch, loan.Branch);
        var seen = (await file.Get(Archive.Clerk(branch))).AssertSucceeded();
        Assert.Equal(FileStatus.CheckedOut, seen.Status);
        Assert.Equal(loan, seen.Loan);
        Assert.Equal(2, seen.Version);
    }

    [SkippableFact]
    public async Task Checkout_of_a_file_already_out_is_a_conflict_naming_the_borrower()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        await file.CheckOut(Archive.Checkout("li.si"), Archive.Clerk(branch), null);

        var second = await file.CheckOut(Archive.Checkout("wang.wu"), Archive.Clerk(branch), null);

        second.AssertRefused(Outcome.Conflict);
        Assert.Contains("li.si", second.Detail);
    }

    [SkippableFact]
    public async Task A_file_that_is_never_lent_refuses_checkout()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch, lendable: false);

        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertRefused(Outcome.Conflict);
        Assert.Equal(FileStatus.OnShelf, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);
    }

    [SkippableFact]
    public async Task Staff_of_another_branch_may_neither_lend_nor_read_the_file()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var stranger = Archive.Clerk(Archive.NewBranchCode());

        (await file.CheckOut(Archive.Checkout(), stranger, null)).AssertRefused(Outcome.Forbidden);
        (await file.Get(stranger)).AssertRefused(Outcome.Forbidden);
        Assert.Null((await file.Get(Archive.Archivist)).AssertSucceeded().Loan);
    }

    [SkippableFact]
    public async Task An_auditor_reads_every_file_but_lends_none()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);

        (await file.Get(Archive.Auditor)).AssertSucceeded();
        (await file.CheckOut(Archive.Checkout(), Archive.Auditor, null)).AssertRefused(Outcome.Forbidden);
    }

    [SkippableFact]
    public async Task Return_with_a_loan_id_that_is_not_the_open_loan_is_a_conflict_and_changes_nothing()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var loan = (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();

        var wrong = await file.Return(new ReturnCommand(Guid.NewGuid().ToString(), ReturnCondition.Intact, null), Archive.Clerk(branch), null);

        wrong.AssertRefused(Outcome.Conflict);
        var seen = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(loan, seen.Loan);
        Assert.Equal(2, seen.Version);
    }

    [SkippableTheory]
    [InlineData(ReturnCondition.Intact, FileStatus.OnShelf)]
    [InlineData(ReturnCondition.Damaged, FileStatus.Damaged)]
    [InlineData(ReturnCondition.Incomplete, FileStatus.Damaged)]
    public async Task Return_records_the_condition_and_sets_the_status(ReturnCondition condition, FileStatus expected)
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var loan = (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        MovedClock.AdvanceThisTest(TimeSpan.FromDays(3));

        var returned = (await file.Return(new ReturnCommand(loan.LoanId, condition, "checked page by page"), Archive.Clerk(branch), null)).AssertSucceeded();

        Assert.Equal(expected, returned.Status);
        Assert.Null(returned.Loan);
        var register = (await file.GetLoanHistory(Archive.Clerk(branch))).AssertSucceeded();
        var line = Assert.Single(register);
        Assert.Equal(loan with { RenewalsLeft = null }, line.Loan); // renewals left are shown on the open loan, not kept in the register
        Assert.Equal(condition, line.Condition);
        Assert.Equal(fixture.Archive.Clock.GetUtcNow(), line.ReturnedAt);
    }

    [SkippableFact]
    public async Task A_damaged_file_cannot_be_lent_until_repaired()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var loan = (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Damaged, "torn cover"), Archive.Clerk(branch), null);

        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertRefused(Outcome.Conflict);
    }

    [SkippableFact]
    public async Task An_invalid_checkout_is_refused_field_by_field_and_changes_nothing()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);

        var refused = await file.CheckOut(new CheckoutCommand("", "x", 91), Archive.Clerk(branch), null);

        refused.AssertRefused(Outcome.Invalid);
        Assert.Contains("borrower", refused.Errors!.Keys);
        Assert.Contains("days", refused.Errors!.Keys);
        Assert.Equal(1, (await file.Get(Archive.Archivist)).AssertSucceeded().Version);
    }

    [SkippableFact]
    public async Task An_unknown_file_is_not_found()
    {
        var file = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());

        (await file.Get(Archive.Archivist)).AssertRefused(Outcome.NotFound);
        (await file.CheckOut(Archive.Checkout(), Archive.Archivist, null)).AssertRefused(Outcome.NotFound);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class BorrowLockTestsOnSqlite(SqliteClusterFixture fixture) : BorrowLockTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class BorrowLockTestsOnPostgres(PostgresClusterFixture fixture) : BorrowLockTests(fixture);
