namespace BranchArchive.Grains.Imports;

/// <summary>
/// The import jobs still running (key 0). SQLite has no durable reminders, so at every silo start
/// this wakes each of them; a job leaves the list when it ends.
/// </summary>
public interface IImportRegistryGrain : IGrainWithIntegerKey
{
    Task Add(string jobId);

    Task Remove(string jobId);

    Task WakeAll();
}
