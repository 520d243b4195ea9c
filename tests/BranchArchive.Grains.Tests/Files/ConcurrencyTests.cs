using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Files;

public abstract class ConcurrencyTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task Sixty_four_concurrent_checkouts_of_one_file_grant_exactly_one_loan_round_after_round()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var clerk = Archive.Clerk(branch);
        for (var round = 0; round < 20; round++)
        {
            var file = await Archive.RegisterFile(Grains, branch);
            var attempts = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
            {
                await Task.Yield();
                return await file.CheckOut(Archive.Checkout($"borrower.{i}"), clerk, null);
            }));

            var granted = Assert.Single(attempts, a => a.Succeeded);
            Assert.Equal(63, attempts.Count(a => a.Outcome == Outcome.Conflict));
            Assert.Equal(granted.Value, (await file.Get(clerk)).AssertSucceeded().Loan);
        }
    }

    [SkippableFact]
    public async Task Many_successive_writes_to_one_file_are_all_stored()
    {
        // Regression guard for SQLite write queries answering more than one version row
        // (upstream Orleans #11303), which made every later write of the grain fail.
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        var file = await Archive.RegisterFile(Grains, branch);
        var clerk = Archive.Clerk(branch);

        for (var cycle = 0; cycle < 100; cycle++)
        {
            var loan = (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
            (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();
        }

        var seen = (await file.Get(clerk)).AssertSucceeded();
        Assert.Equal(201, seen.Version);
        Assert.Equal(FileStatus.OnShelf, seen.Status);
    }
}

[Collection(SqliteCluster.Name)]
public sealed class ConcurrencyTestsOnSqlite(SqliteClusterFixture fixture) : ConcurrencyTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresClusterFixture fixture) : ConcurrencyTests(fixture);
