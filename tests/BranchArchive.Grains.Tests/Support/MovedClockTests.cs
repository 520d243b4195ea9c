using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>A test sharing a cluster moves its own time, and nobody else's.</summary>
[Collection(SqliteCluster.Name)]
public sealed class MovedClockTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task A_test_moves_the_time_the_archive_reads_for_its_calls_and_not_for_anyone_elses()
    {
        var branch = await Archive.OpenBranchWithCabinet(fixture.Client);
        var shared = fixture.Archive.Clock.GetUtcNow();

        MovedClock.AdvanceThisTest(TimeSpan.FromDays(30));

        Assert.Equal(shared + TimeSpan.FromDays(30), fixture.Archive.Clock.GetUtcNow());
        var mine = (await (await Archive.RegisterFile(fixture.Client, branch)).CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        Assert.Equal(shared + TimeSpan.FromDays(30), mine.CheckedOutAt);

        // Another test's calls (a flow that did not move its time) see the shared clock, which never moved.
        Task<Loan> theirs;
        using (ExecutionContext.SuppressFlow())
        {
            theirs = Task.Run(async () =>
                (await (await Archive.RegisterFile(fixture.Client, branch)).CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded());
        }
        Assert.Equal(shared, (await theirs).CheckedOutAt);
    }
}
