using BranchArchive.Testing;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using System.Text.Json;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Persistence.Serialization;

namespace BranchArchive.Grains.Tests.Audit;

public sealed class AuditTrailTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Every_change_and_every_denial_has_one_entry_and_the_chain_verifies(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 2);
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
    public async Task What_an_earlier_build_left_in_a_stored_state_reaches_its_tables_once_at_the_next_activation(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        string id, branch;
        await using (var first = await ArchiveCluster.StartAsync(storage))
        {
            branch = await Archive.OpenBranchWithCabinet(first.Client);
            var file = await Archive.RegisterFile(first.Client, branch);
            id = file.GetPrimaryKeyString();
            (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        }

        // What the earlier PostgreSQL path (side writes after the state) could leave behind: the
        // change stored with an audit record and a register entry still in its row, its line behind.
        var serializer = new ArchiveStateSerializer();
        var state = serializer.Deserialize<CustomerFileState>(BinaryData.FromBytes((byte[])(await storage.ScalarAsync(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @id",
            ("@state", StateNames.CustomerFile), ("@id", id)))!));
        var loan = JsonSerializer.Deserialize<LoanRecord>((string)(await storage.ScalarAsync(
            "SELECT Payload FROM FileRegister WHERE FileId = @id AND Kind = 'loan'", ("@id", id)))!, ArchiveStateSerializer.Options)!;
        state.UnwrittenLoans.Add(loan);
        state.PendingAudit.Add(new AuditRecord(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, "clerk.earlier", "Clerk", branch,
            AuditActions.CheckOut, id, branch, "Ok", "left in the state", null));
        await storage.ExecuteAsync("UPDATE OrleansStorage SET PayloadBinary = @payload WHERE GrainTypeString = @state AND GrainIdExtensionString = @id",
            ("@payload", serializer.Serialize(state).ToArray()), ("@state", StateNames.CustomerFile), ("@id", id));
        await storage.ExecuteAsync("DELETE FROM FileRegister WHERE FileId = @id", ("@id", id));
        await storage.ExecuteAsync("UPDATE CatalogueFiles SET Version = Version - 1 WHERE FileId = @id", ("@id", id));

        await using var second = await ArchiveCluster.StartAsync(storage);
        var again = second.Client.GetGrain<ICustomerFileGrain>(id);
        Assert.Equal(FileStatus.CheckedOut, (await again.Get(Archive.Archivist)).AssertSucceeded().Status); // activates it
        await second.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await again.Get(Archive.Archivist); // a second activation writes nothing twice

        var entries = await Entries(second, new AuditQuery(id, null, null, null, null));
        Assert.Single(entries, e => e.Detail == "left in the state");
        Assert.Equal(1L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM FileRegister WHERE FileId = @id AND Kind = 'loan'", ("@id", id))));
        Assert.Equal(state.Version, Convert.ToInt64(await storage.ScalarAsync("SELECT Version FROM CatalogueFiles WHERE FileId = @id", ("@id", id))));
        Assert.Empty((await second.Client.GetGrain<ICustomerFileGrain>(id).GetLoanHistory(Archive.Archivist)).AssertSucceeded()
            .Skip(1)); // the loan once, from the register
        Assert.True((await second.Client.GetGrain<IAuditGrain>(0).Verify(Archive.Archivist)).AssertSucceeded().Intact);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_manager_reads_only_the_own_branch_and_a_clerk_reads_nothing(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
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
