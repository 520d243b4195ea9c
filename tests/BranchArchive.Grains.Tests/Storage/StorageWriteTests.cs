using BranchArchive.Testing;
using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Storage;
using BranchArchive.Grains.Tests.Support;
using Orleans.Storage;

namespace BranchArchive.Grains.Tests.Storage;

public sealed class StorageWriteTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_write_that_conflicts_with_storage_is_never_acknowledged(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);
        var id = file.GetPrimaryKeyString();
        // Another writer moves the stored version on behind the active grain's back.
        var changed = await storage.ExecuteAsync(
            "UPDATE OrleansStorage SET Version = Version + 1 WHERE GrainTypeString = @state AND GrainIdExtensionString = @key",
            ("@state", StateNames.CustomerFile), ("@key", id));
        Assert.Equal(1, changed);

        await Assert.ThrowsAsync<InconsistentStateException>(() => file.CheckOut(Archive.Checkout(), Archive.Clerk(branch), null));

        var seen = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Null(seen.Loan);
        Assert.Equal(FileStatus.OnShelf, seen.Status);
        Assert.Empty((await file.GetLoanHistory(Archive.Archivist)).AssertSucceeded());
        // Nor were its side writes made: no register entry, no audit record of the checkout.
        Assert.Equal(0L, Convert.ToInt64(await storage.ScalarAsync("SELECT COUNT(*) FROM FileRegister WHERE FileId = @id", ("@id", id))));
        Assert.Equal(0L, Convert.ToInt64(await storage.ScalarAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE FileId = @id AND Action = 'file.checkout'", ("@id", id))));
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Stored_state_is_plain_json_without_dotnet_type_names(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var branch = await Archive.OpenBranchWithCabinet(archive.Client);
        var file = await Archive.RegisterFile(archive.Client, branch);

        var payload = (byte[])(await storage.ScalarAsync(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = @state AND GrainIdExtensionString = @key",
            ("@state", StateNames.CustomerFile), ("@key", file.GetPrimaryKeyString())))!;
        var json = System.Text.Encoding.UTF8.GetString(payload);

        Assert.DoesNotContain("$type", json);
        Assert.DoesNotContain("BranchArchive", json);
        Assert.Contains("\"importance\":\"Vip\"", json);
        Assert.Contains("\"status\":\"OnShelf\"", json);
        // Lists a fresh file has nothing in are not stored (a missing list reads as empty).
        Assert.DoesNotContain("\"scans\"", json);
        Assert.DoesNotContain("\"recentRequests\"", json);
        Assert.DoesNotContain("\"loanHistory\"", json);
    }
}
