namespace BranchArchive.Contracts.Inventory;

/// <summary>
/// Finds files whose catalogue line fell behind their stored state (a process died between the
/// two writes) and wakes those files, which brings their lines up to date. One per cluster; it
/// sweeps shortly after a silo starts and then every few minutes.
/// </summary>
public interface ICatalogueSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the periodic sweep is running; answers at once.</summary>
    Task Start();

    /// <summary>Sweeps now; answers how many files were behind.</summary>
    Task<int> Sweep();
}
