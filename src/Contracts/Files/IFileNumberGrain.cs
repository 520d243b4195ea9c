namespace BranchArchive.Contracts.Files;

/// <summary>
/// Issues the numeric labels printed on folders. A number is durably recorded as issued before
/// it is answered, so it is never issued twice, across silos and restarts. Numbers lost to a
/// registration that failed afterwards leave a gap; they are not reused.
/// </summary>
public interface IFileNumberGrain : IGrainWithIntegerKey
{
    Task<long> Next();
}
