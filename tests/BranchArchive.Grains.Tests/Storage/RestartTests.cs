using BranchArchive.Testing;
using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>Each test stops a whole cluster and starts another on the same database.</summary>
public sealed class RestartTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_new_cluster_on_the_same_database_reads_back_every_acknowledged_change(string kind)
    {
        string branch, loanedId, returnedId;
        Loan loan;
        long lastNumber;
        await using var storage = await TestStorage.CreateAsync(kind);
        await using (var first = await ArchiveCluster.StartAsync(storage))
        {
            branch = await Archive.OpenBranchWithCabinet(first.Client);
            var loaned = await Archive.RegisterFile(first.Client, branch);
            var returned = await Archive.RegisterFile(first.Client, branch);
            loan = (await loaned.CheckOut(Archive.Checkout(), Archive.Clerk(branch), "k1")).AssertSucceeded();
            var other = (await returned.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
            await returned.Return(new ReturnCommand(other.LoanId, ReturnCondition.Incomplete, "page 3 missing"), Archive.Clerk(branch), null);
            (loanedId, returnedId) = (loaned.GetPrimaryKeyString(), returned.GetPrimaryKeyString());
            lastNumber = (await returned.Get(Archive.Archivist)).AssertSucceeded().FileNumber;
        }

        await using var second = await ArchiveCluster.StartAsync(storage);
        var grains = second.Client;
        var stillLoaned = (await grains.GetGrain<ICustomerFileGrain>(loanedId).Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(loan, stillLoaned.Loan);
        Assert.Equal(FileStatus.CheckedOut, stillLoaned.Status);
        Assert.Equal(FileStatus.Damaged, (await grains.GetGrain<ICustomerFileGrain>(returnedId).Get(Archive.Archivist)).AssertSucceeded().Status);
        Assert.Equal(2, (await grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01")).Get(Archive.Archivist)).AssertSucceeded().Occupied);
        Assert.Equal(["C01"], (await grains.GetGrain<IBranchGrain>(branch).Describe())!.Cabinets);
        Assert.Contains(branch, await grains.GetGrain<IBranchDirectoryGrain>(0).Codes());
        // The idempotency key's outcome was stored with the loan: a late repeat opens nothing new.
        Assert.Equal(loan, (await grains.GetGrain<ICustomerFileGrain>(loanedId).CheckOut(Archive.Checkout(), Archive.Clerk(branch), "k1")).AssertSucceeded());
        // File numbers are never issued twice, also across restarts.
        var next = await Archive.RegisterFile(grains, branch);
        Assert.True((await next.Get(Archive.Archivist)).AssertSucceeded().FileNumber > lastNumber);
    }
}
