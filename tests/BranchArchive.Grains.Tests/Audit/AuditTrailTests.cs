using BranchArchive.Testing;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Audit;

public sealed class AuditTrailTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Every_change_and_every_denial_has_one_entry_and_the_chain_verifies(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var id = file.GetPrimaryKeyString();
        var loan = (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), Archive.Clerk(branch), null);
        await file.CheckOut(Archive.Checkout(), Archive.Clerk("ELSEWHERE"), null);
        await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null);
        await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null); // a conflict: no change, no entry

        var entries = await Entries(archive, new AuditQuery(id, null, null, null, null));

        Assert.Equal(
            [(AuditActions.RegisterFile, "Created"), (AuditActions.CheckOut, "Ok"), (AuditActions.Return, "Ok"),
             (AuditActions.CheckOut, "Forbidden"), (AuditActions.CheckOut, "Ok")],
            entries.Select(e => (e.Action, e.Outcome)).ToList());
        Assert.Equal("clerk.elsewhere", entries[3].Actor);
        Assert.Equal(branch, entries[1].Branch);
        Assert.True((await archive.Client.GetGrain<IAuditGrain>(0).Verify(Archive.Auditor)).AssertSucceeded().Intact);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_change_made_while_the_log_is_down_reaches_the_log_once_after_a_restart(string kind)
    {
        var outage = new AuditOutage();
        await using var storage = await TestStorage.CreateAsync(kind);
        string id, branch;
        await using (var first = await ArchiveCluster.StartAsync(storage, configure: silo => SwitchableAuditLog.Install(silo, outage)))
        {
            branch = await Archive.OpenBranchWithCabinet(first.Client);
            var file = await Archive.RegisterFile(first.Client, branch);
            id = file.GetPrimaryKeyString();
            outage.Down = true;

            // Acknowledged: the change and its audit record are stored together in the grain's state.
            (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
            Assert.DoesNotContain(await Entries(first, new AuditQuery(id, null, null, null, null)), e => e.Action == AuditActions.CheckOut);
            outage.Down = false;
        }

        await using var second = await ArchiveCluster.StartAsync(storage);
        (await second.Client.GetGrain<ICustomerFileGrain>(id).Get(Archive.Archivist)).AssertSucceeded(); // activates it
        await second.Client.GetGrain<ICustomerFileGrain>(id).Get(Archive.Archivist); // a second activation pass appends nothing twice

        var entries = await Entries(second, new AuditQuery(id, null, null, null, null));
        Assert.Single(entries, e => e.Action == AuditActions.CheckOut && e.Outcome == nameof(Outcome.Ok));
        Assert.True((await second.Client.GetGrain<IAuditGrain>(0).Verify(Archive.Archivist)).AssertSucceeded().Intact);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_manager_reads_only_the_own_branch_and_a_clerk_reads_nothing(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 1);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var other = await Archive.OpenBranchWithCabinet(archive.Client);
        await Archive.RegisterFile(archive.Client, branch);
        await Archive.RegisterFile(archive.Client, other);
        var manager = new Contracts.Access.Actor("m", Contracts.Access.StaffRoles.Manager, branch);
        var audit = archive.Client.GetGrain<IAuditGrain>(0);

        var own = (await audit.Query(new AuditQuery(null, null, null, null, null), manager)).AssertSucceeded();
        (await audit.Query(new AuditQuery(null, null, other, null, null), manager)).AssertRefused(Outcome.Forbidden);
        (await audit.Query(new AuditQuery(null, null, null, null, null), Archive.Clerk(branch))).AssertRefused(Outcome.Forbidden);
        (await audit.Verify(manager)).AssertRefused(Outcome.Forbidden);

        Assert.NotEmpty(own.Items);
        Assert.All(own.Items, e => Assert.True(e.Branch == branch || e.ActorBranch == branch));
    }

    private static async Task<IReadOnlyList<AuditEntry>> Entries(ArchiveCluster archive, AuditQuery query) =>
        (await archive.Client.GetGrain<IAuditGrain>(0).Query(query, Archive.Auditor)).AssertSucceeded().Items;
}
