namespace BranchArchive.Contracts.Scans;

/// <summary>
/// Which files refer to the content stored under one digest (the grain's key). Identical bytes
/// are stored once, so the content may be erased only when the last file referring to it lets
/// go — a destroyed file's copies must become unrecoverable without taking another file's.
/// Claims and releases of one digest run one at a time, so an attach never races an erase.
/// </summary>
public interface IScanContentGrain : IGrainWithStringKey
{
    /// <summary>Records that the file refers to the content. Idempotent.</summary>
    Task Claim(string fileId);

    /// <summary>
    /// Drops the file's reference and, when no file refers to the content any more, erases it from
    /// the store. Idempotent. Answers whether the content was erased by this call.
    /// </summary>
    Task<bool> Release(string fileId);
}
