using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>A change's audit record, catalogue line and register entries, written with its state.</summary>
public sealed class SideWriteTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_failing_audit_write_fails_the_whole_change_on_either_store(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var id = file.GetPrimaryKeyString();
        await RefuseAuditOf(storage, AuditActions.CheckOut);

        // One transaction: the state, the catalogue line and the register entry are not stored either.
        Assert.NotNull(await Record.ExceptionAsync(() => file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)));
        Assert.Equal(FileStatus.OnShelf, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);
        Assert.Equal(FileStatus.OnShelf, Assert.Single(await CatalogueComparison.AllLines(archive.Client, branch)).Status);
        Assert.Equal(0L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM FileRegister WHERE FileId = @id", ("@id", id))));
        Assert.Equal(0L, await CheckoutEntries(storage, id));

        // Once the log takes records again, the next checkout stores all of it, once.
        await storage.ExecuteAsync(kind == TestStorage.Sqlite ? "DROP TRIGGER refuse_audit" : "DROP TRIGGER refuse_audit ON AuditLog");
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        Assert.Equal(1L, await CheckoutEntries(storage, id));
        Assert.Equal(FileStatus.CheckedOut, Assert.Single(await CatalogueComparison.AllLines(archive.Client, branch)).Status);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task The_register_keeps_every_loan_while_the_stored_state_stays_the_same_size(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var id = file.GetPrimaryKeyString();
        var clerk = Archive.Clerk(branch);
        var loans = new List<string>();
        long? sizeAfterFirst = null;
        // One loan more than a history read returns: the register keeps it, the read leaves it out.
        const int cycles = CustomerFileState.RegisterReadLimit + 1;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var loan = (await file.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
            (await file.Return(new ReturnCommand(loan.LoanId, ReturnCondition.Intact, null), clerk, null)).AssertSucceeded();
            loans.Add(loan.LoanId);
            sizeAfterFirst ??= await StoredSize(storage, id);
        }

        // The state row holds the file and its latest change only (a few more digits of version aside).
        Assert.InRange(await StoredSize(storage, id), sizeAfterFirst!.Value - 16, sizeAfterFirst.Value + 16);
        Assert.Equal((long)cycles, Convert.ToInt64(await storage.ScalarAsync(
            "SELECT COUNT(*) FROM FileRegister WHERE FileId = @id AND Kind = 'loan'", ("@id", id))));
        await archive.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var register = (await file.GetLoanHistory(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(loans.AsEnumerable().Reverse().Take(CustomerFileState.RegisterReadLimit), register.Select(r => r.Loan.LoanId));
        Assert.All(register, r => Assert.Equal(ReturnCondition.Intact, r.Condition));
    }

    private static async Task<long> StoredSize(TestStorage storage, string id) =>
        ((byte[])(await storage.ScalarAsync(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @key",
            ("@state", StateNames.CustomerFile), ("@key", id)))!).LongLength;

    private static async Task<long> CheckoutEntries(TestStorage storage, string id) => Convert.ToInt64(await storage.ScalarAsync(
        "SELECT COUNT(*) FROM AuditLog WHERE FileId = @id AND Action = @action", ("@id", id), ("@action", AuditActions.CheckOut)));

    /// <summary>A fault in the audit table itself: inserting a record of this action fails.</summary>
    private static Task<int> RefuseAuditOf(TestStorage storage, string action) => storage.Kind == TestStorage.Sqlite
        ? storage.ExecuteAsync(
            $"CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditLog WHEN NEW.Action = '{action}' BEGIN SELECT RAISE(ABORT, 'test fault'); END")
        : storage.ExecuteAsync($"""
            CREATE FUNCTION refuse_audit() RETURNS trigger AS $$
            BEGIN IF NEW.action = '{action}' THEN RAISE EXCEPTION 'test fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditLog FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);
}
