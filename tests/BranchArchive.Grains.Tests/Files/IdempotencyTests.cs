using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Files;

public abstract class IdempotencyTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task A_repeated_checkout_with_the_same_key_answers_the_first_loan_and_opens_no_other()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);

        var first = (await file.CheckOut(Archive.Checkout(), clerk, "key-1")).AssertSucceeded();
        var repeat = (await file.CheckOut(Archive.Checkout(), clerk, "key-1")).AssertSucceeded();

        Assert.Equal(first, repeat);
        Assert.Single((await file.GetLoanHistory(clerk)).AssertSucceeded());
        Assert.Equal(2, (await file.Get(clerk)).AssertSucceeded().Version);
    }

    [SkippableFact]
    public async Task A_key_reused_for_a_different_request_is_a_conflict()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);
        await file.CheckOut(Archive.Checkout("li.si"), clerk, "key-2");

        (await file.CheckOut(Archive.Checkout("wang.wu"), clerk, "key-2")).AssertRefused(Outcome.Conflict);
    }

    [SkippableFact]
    public async Task A_repeated_return_with_the_same_key_succeeds_once_and_keeps_the_file_on_the_shelf()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);
        var loan = (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        var command = new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null);

        var first = (await file.Return(command, clerk, "return-1")).AssertSucceeded();
        var repeat = (await file.Return(command, clerk, "return-1")).AssertSucceeded();

        Assert.Equivalent(first, repeat, strict: true);
        Assert.Equal(3, repeat.Version);
    }

    [SkippableFact]
    public async Task A_repeated_registration_lands_on_the_same_file_and_takes_one_place()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var id = FileIds.FromIdempotencyKey("clerk.a", "register-1");

        var first = (await Grains.GetGrain<ICustomerFileGrain>(id).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();
        var repeat = (await Grains.GetGrain<ICustomerFileGrain>(id).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();

        Assert.Equivalent(first, repeat, strict: true);
        var cabinet = (await Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01")).Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(1, cabinet.Occupied);
    }

    [SkippableFact]
    public async Task A_different_registration_on_a_used_id_is_a_conflict()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var id = FileIds.FromIdempotencyKey("clerk.a", "register-2");
        await Grains.GetGrain<ICustomerFileGrain>(id).Register(Archive.NewFile(branch), Archive.Archivist);

        var other = Archive.NewFile(branch) with { Importance = Importance.Potential };
        (await Grains.GetGrain<ICustomerFileGrain>(id).Register(other, Archive.Archivist)).AssertRefused(Outcome.Conflict);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class IdempotencyTestsOnSqlite(SqliteClusterFixture fixture) : IdempotencyTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class IdempotencyTestsOnPostgres(PostgresClusterFixture fixture) : IdempotencyTests(fixture);
