using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Persistence.Circulation;
using BranchArchive.Persistence.Writes;
using BranchArchive.Testing;

namespace BranchArchive.Grains.Tests.Storage;

/// <summary>
/// An archive upgraded from before notices had a stored id and a read state (schema Sqlite/010,
/// Postgres/013): its notices get the id they were already answered with (computed from their key
/// the same way in SQL as in code), so they can be found and marked read.
/// </summary>
public sealed class NoticeReadStateMigrationTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Notices_stored_before_the_upgrade_keep_their_id_and_can_be_marked_read(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await storage.ApplySchemaAsync();
        await storage.ExecuteAsync("DROP INDEX IX_LoanNotices_NoticeId");
        await storage.ExecuteAsync("DROP INDEX IX_LoanNotices_Recipient");
        foreach (var column in new[] { "NoticeId", "Recipient", "ReadAt", "ReadBy" })
        {
            await storage.ExecuteAsync($"ALTER TABLE LoanNotices DROP COLUMN {column}");
        }
        await storage.ForgetAppliedSchemaAsync(); // as a database of an older build: its scripts must run again
        var file = FileIds.New();
        await storage.ExecuteAsync(
            """
            INSERT INTO LoanNotices (FileId, Kind, DueAt, Branch, FileNumber, LoanId, Borrower, At, RequestId)
            VALUES (@subject, 'DeclaredMissing', '2026-11-30T08:15:00.1234567Z', 'SZ01', 42, '', '', '2026-11-30T08:15:00.1234567Z', NULL)
            """, ("@subject", file + "#SZ01"));

        await storage.ApplySchemaAsync();
        await storage.ApplySchemaAsync(); // and again over itself

        await using var database = storage.OpenDataSource();
        var notices = new RelationalLoanNotices(database, new TransactionPerUnit(database));
        var listed = Assert.Single((await notices.ListAsync(new NoticeQuery("SZ01"))).Items);
        Assert.Equal((file, NoticeKind.DeclaredMissing, false), (listed.FileId, listed.Kind, listed.Read));
        var found = await notices.FindAsync(listed.Id!);
        Assert.NotNull(found);
        Assert.True(await notices.MarkAsync(listed.Id!, read: true, "clerk.sz01", DateTimeOffset.UtcNow));
        Assert.Equal("clerk.sz01", (await notices.FindAsync(listed.Id!))!.ReadBy);
    }
}
