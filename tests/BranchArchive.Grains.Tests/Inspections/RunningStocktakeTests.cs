using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Inspections;

/// <summary>
/// While a stocktake runs, every answer carries the reconciliation of the numbers found so far
/// (missing so far, misplaced, unexpected), from the numbers stored in the session: another reader
/// (the page reloaded) sees the same, nothing acts on it, and completion concludes the same.
/// </summary>
public abstract class RunningStocktakeTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task Each_scan_updates_missing_misplaced_and_unexpected_and_completion_concludes_the_same()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains);
        await Archive.AddCabinet(Grains, branch, "C02");
        var (found, missing, lent) = (await Archive.RegisterFile(Grains, branch), await Archive.RegisterFile(Grains, branch),
            await Archive.RegisterFile(Grains, branch));
        var elsewhere = Grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await elsewhere.Register(Archive.NewFile(branch, cabinet: "C02"), Archive.Archivist)).AssertSucceeded();
        var clerk = Archive.Clerk(branch);
        (await lent.CheckOut(Archive.Checkout(), clerk, null)).AssertSucceeded();
        const long unknown = 987_654_321_001;
        var inspections = Grains.GetGrain<ICabinetInspectionGrain>(Contracts.Branches.CabinetKeys.Of(branch, "C01"));

        var started = (await inspections.Start(clerk)).AssertSucceeded();
        // Nothing scanned yet: every file expected on the shelf is missing so far; the lent one is accounted for.
        Assert.Equal(Ids(found, missing), started.Missing.Select(f => f.FileId).Order());
        Assert.Equal([lent.GetPrimaryKeyString()], started.Accounted.Select(f => f.FileId));

        var afterFirst = (await inspections.RecordFound(started.Id, new RecordFoundCommand([await NumberOf(found)]), clerk)).AssertSucceeded();
        Assert.Equal([missing.GetPrimaryKeyString()], afterFirst.Missing.Select(f => f.FileId));
        Assert.Empty(afterFirst.Misplaced);
        Assert.Empty(afterFirst.Unexpected);

        var afterMore = (await inspections.RecordFound(started.Id, new RecordFoundCommand([await NumberOf(elsewhere), unknown]), clerk)).AssertSucceeded();
        Assert.Equal(InspectionStatus.Open, afterMore.Status);
        Assert.Null(afterMore.CompletedAt);
        Assert.Equal([missing.GetPrimaryKeyString()], afterMore.Missing.Select(f => f.FileId));
        Assert.Equal([(elsewhere.GetPrimaryKeyString(), "C02")], afterMore.Misplaced.Select(f => (f.FileId, f.Cabinet)));
        Assert.Equal([new UnexpectedNumber(unknown, UnexpectedReason.Unknown)], afterMore.Unexpected);
        // Every number scanned so far, on and off the roster, for a desk that reloads.
        Assert.Equal(new[] { await NumberOf(found), await NumberOf(elsewhere), unknown }.Order(), afterMore.Scanned);

        // Another reader, or the same page reloaded, reads the same running lists; no file was changed by them.
        var reread = (await inspections.Get(started.Id, Archive.Auditor)).AssertSucceeded();
        Assert.Equivalent(afterMore, reread, strict: true);
        Assert.Equal(FileStatus.OnShelf, await StatusOf(missing));

        var report = (await inspections.Complete(started.Id, clerk)).AssertSucceeded();
        Assert.Equal(afterMore.Missing, report.Missing);
        Assert.Equal(afterMore.Misplaced, report.Misplaced);
        Assert.Equal(afterMore.Unexpected, report.Unexpected);
        Assert.Equal(FileStatus.Missing, await StatusOf(missing));
        Assert.Null(report.Scanned); // a report keeps its counts and findings, not every number
    }

    private static string[] Ids(params ICustomerFileGrain[] files) => files.Select(f => f.GetPrimaryKeyString()).Order().ToArray();

    private static async Task<long> NumberOf(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded().FileNumber;

    private static async Task<FileStatus> StatusOf(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded().Status;
}

[Collection(SqliteCluster.Name)]
public sealed class RunningStocktakeTestsOnSqlite(SqliteClusterFixture fixture) : RunningStocktakeTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class RunningStocktakeTestsOnPostgres(PostgresClusterFixture fixture) : RunningStocktakeTests(fixture);
