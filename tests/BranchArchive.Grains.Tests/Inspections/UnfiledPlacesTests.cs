using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inspections;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;

namespace BranchArchive.Grains.Tests.Inspections;

/// <summary>
/// A registration reserves its cabinet place before it stores the file; one that died in between
/// leaves a place no file holds. A completed stocktake frees such places, and keeps the place of a
/// registration that was retried and stored while the stocktake ran.
/// </summary>
public abstract class UnfiledPlacesTests(ClusterFixture fixture)
{
    private IClusterClient Grains => fixture.Client;

    [SkippableFact]
    public async Task A_completed_stocktake_frees_places_no_file_was_stored_in_and_keeps_a_retried_registration()
    {
        var branch = await Archive.OpenBranchWithCabinet(Grains, capacity: 3);
        var filed = await Archive.RegisterFile(Grains, branch);
        var cabinet = Grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, "C01"));
        // Two registrations that reserved their place and died before storing the file.
        var (abandoned, retried) = (FileIds.New(), FileIds.New());
        (await cabinet.Shelve(abandoned)).AssertSucceeded();
        (await cabinet.Shelve(retried)).AssertSucceeded();
        Assert.Equal(3, (await cabinet.Get(Archive.Archivist)).AssertSucceeded().Occupied);
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(Archive.NewFile(branch), Archive.Archivist)).AssertRefused(Outcome.Conflict);

        var clerk = Archive.Clerk(branch);
        var inspections = Grains.GetGrain<ICabinetInspectionGrain>(CabinetKeys.Of(branch, "C01"));
        var session = (await inspections.Start(clerk)).AssertSucceeded();
        Assert.Equal(1, session.RosterCount); // only the stored file is looked for
        // One client retries its registration while the stocktake runs: its reserved place takes it.
        (await Grains.GetGrain<ICustomerFileGrain>(retried).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();
        (await inspections.RecordFound(session.Id, new RecordFoundCommand([(await filed.Get(clerk)).AssertSucceeded().FileNumber]), clerk)).AssertSucceeded();
        (await inspections.Complete(session.Id, clerk)).AssertSucceeded();

        var roster = await cabinet.Roster();
        Assert.Equal(new[] { filed.GetPrimaryKeyString(), retried }.Order(), roster!.Order());
        // The freed place takes a new file.
        (await Grains.GetGrain<ICustomerFileGrain>(FileIds.New()).Register(Archive.NewFile(branch), Archive.Archivist)).AssertSucceeded();
    }
}

[Collection(SqliteCluster.Name)]
public sealed class UnfiledPlacesTestsOnSqlite(SqliteClusterFixture fixture) : UnfiledPlacesTests(fixture);

[Collection(PostgresCluster.Name)]
public sealed class UnfiledPlacesTestsOnPostgres(PostgresClusterFixture fixture) : UnfiledPlacesTests(fixture);
