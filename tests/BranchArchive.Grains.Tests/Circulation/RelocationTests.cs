using BranchArchive.Contracts.Branches;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Tests.Support;
using BranchArchive.Testing;
using Orleans.Runtime;

namespace BranchArchive.Grains.Tests.Circulation;

/// <summary>A relocation interrupted by a fault and a killed silo still ends with file and rosters in agreement.</summary>
public sealed class RelocationTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_move_cut_off_midway_by_a_fault_and_a_dead_silo_is_finished_by_the_next_activation(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var fault = new CabinetReleaseFault();
        await using var archive = await ArchiveCluster.StartAsync(storage, silos: 3,
            configure: silo => silo.AddOutgoingGrainCallFilter(context => fault.Armed && context.InterfaceMethod.Name == nameof(ICabinetGrain.Release)
                ? throw new TimeoutException("Injected: the old cabinet did not answer.")
                : context.Invoke()));
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        await Archive.AddCabinet(grains, branch, "C02");
        var file = await Archive.RegisterFile(grains, branch);
        var id = file.GetPrimaryKeyString();

        fault.Armed = true;
        await Assert.ThrowsAnyAsync<Exception>(() => file.Relocate(new RelocateCommand(branch, "C02", "Reorganised"), Archive.Archivist));

        // Midway: the file already names its new home, the old cabinet still lists it.
        Assert.Equal("C02", (await file.Get(Archive.Archivist)).AssertSucceeded().Cabinet);
        Assert.True(await Cabinet(grains, branch, "C01").Holds(id));
        var host = await HostOf(grains, id);
        await archive.Cluster.KillSiloAsync(archive.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        fault.Armed = false;

        // The next call activates the file elsewhere; the activation finishes the move first.
        var moved = (await file.Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((branch, "C02"), (moved.Branch, moved.Cabinet));
        Assert.False(await Cabinet(grains, branch, "C01").Holds(id));
        Assert.True(await Cabinet(grains, branch, "C02").Holds(id));
        Assert.Equal(0, (await Cabinet(grains, branch, "C01").Get(Archive.Archivist)).AssertSucceeded().Occupied);
    }

    [SkippableFact]
    public async Task A_move_into_a_full_cabinet_is_refused_and_changes_no_roster()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var archive = await ArchiveCluster.StartAsync(storage);
        var grains = archive.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        await Archive.AddCabinet(grains, branch, "C02", capacity: 1);
        var file = await Archive.RegisterFile(grains, branch);
        var occupant = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await occupant.Register(Archive.NewFile(branch, cabinet: "C02"), Archive.Archivist)).AssertSucceeded();

        var refused = await file.Relocate(new RelocateCommand(branch, "C02", "Reorganised"), Archive.Archivist);

        refused.AssertRefused(Outcome.Conflict);
        Assert.Equal("C01", (await file.Get(Archive.Archivist)).AssertSucceeded().Cabinet);
        Assert.True(await Cabinet(grains, branch, "C01").Holds(file.GetPrimaryKeyString()));
        Assert.False(await Cabinet(grains, branch, "C02").Holds(file.GetPrimaryKeyString()));
        var manager = new Contracts.Access.Actor("manager.he", Contracts.Access.StaffRoles.Manager, branch);
        var elsewhere = await Archive.OpenBranchWithCabinet(grains);
        (await file.Relocate(new RelocateCommand(elsewhere, "C01", "Closing the branch"), manager)).AssertRefused(Outcome.Forbidden);
    }

    private static ICabinetGrain Cabinet(IGrainFactory grains, string branch, string cabinet) =>
        grains.GetGrain<ICabinetGrain>(CabinetKeys.Of(branch, cabinet));

    private static async Task<SiloAddress> HostOf(IClusterClient grains, string fileId)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId.Type.ToString()!.Contains("customerfile", StringComparison.OrdinalIgnoreCase)
            && s.GrainId.Key.ToString() == fileId).SiloAddress;
    }

    private sealed class CabinetReleaseFault
    {
        public volatile bool Armed;
    }
}
