using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// A change commits its state row, audit record, register rows, catalogue line and counters in one
/// transaction, on both stores: when any part fails in the database itself (a trigger raises), the
/// change is not acknowledged, nothing of it is stored, and the file goes on from its stored state.
/// </summary>
public sealed class ChangeFaultTests
{
    public static TheoryData<string, string> Parts()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { TestStorage.Sqlite, TestStorage.Postgres })
        {
            foreach (var table in new[] { "OrleansStorage", "AuditLog", "FileRegister", "CatalogueFiles", "CatalogueCounts" })
            {
                data.Add(kind, table);
            }
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Parts))]
    public async Task A_checkout_whose_part_fails_is_refused_and_nothing_of_it_is_stored(string kind, string table)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var id = file.GetPrimaryKeyString();
        var before = await Snapshot(storage, id);

        await Fault(storage, table);
        var refused = await Record.ExceptionAsync(() => file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null));

        Assert.NotNull(refused); // not acknowledged: the caller gets the failure
        Assert.Equal(before, await Snapshot(storage, id)); // and nothing of it is stored
        Assert.Equal(FileStatus.OnShelf, (await file.Get(Archive.Archivist)).AssertSucceeded().Status);

        await Repair(storage, table);
        (await file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null)).AssertSucceeded();
        var after = await Snapshot(storage, id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.CheckoutEntries + 1, after.CheckoutEntries);
        Assert.Equal(before.Loans + 1, after.Loans);
        Assert.Equal(nameof(FileStatus.CheckedOut), after.Line);
        Assert.NotEqual(before.Counts, after.Counts);
    }

    /// <summary>Every part a checkout writes, as the database holds it.</summary>
    private sealed record Stored(long Version, string Payload, long CheckoutEntries, long Loans, string? Line, string Counts);

    private static async Task<Stored> Snapshot(TestStorage storage, string id)
    {
        var row = await storage.RowsAsync("SELECT Version, PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @id",
            ("@state", StateNames.CustomerFile), ("@id", id));
        return new Stored(
            Convert.ToInt64(row[0][0]),
            Convert.ToBase64String((byte[])row[0][1]),
            Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM AuditLog WHERE FileId = @id AND Action = @action",
                ("@id", id), ("@action", AuditActions.CheckOut))),
            Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM FileRegister WHERE FileId = @id AND Kind = 'loan'", ("@id", id))),
            (await storage.RowsAsync("SELECT Status FROM CatalogueFiles WHERE FileId = @id", ("@id", id))).SingleOrDefault()?[0] as string,
            string.Join(";", (await storage.RowsAsync("SELECT Branch, Status, CustomerType, Importance, Shard, Files FROM CatalogueCounts ORDER BY Branch, Status, CustomerType, Importance, Shard"))
                .Select(r => string.Join(",", r))));
    }

    /// <summary>A fault in the table itself: every insert or update of it raises, as a full disk or a broken constraint would.</summary>
    internal static Task<int> Fault(TestStorage storage, string table) => storage.Kind == TestStorage.Sqlite
        ? storage.ExecuteAsync($"""
            CREATE TRIGGER fault_insert BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'test fault'); END;
            CREATE TRIGGER fault_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'test fault'); END;
            """)
        : storage.ExecuteAsync($"""
            CREATE FUNCTION fault() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'test fault'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER fault BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION fault();
            """);

    internal static Task<int> Repair(TestStorage storage, string table) => storage.Kind == TestStorage.Sqlite
        ? storage.ExecuteAsync("DROP TRIGGER fault_insert; DROP TRIGGER fault_update;")
        : storage.ExecuteAsync($"DROP TRIGGER fault ON {table}; DROP FUNCTION fault();");
}
