namespace BranchArchive.Contracts.Scans;

/// <summary>
/// Content-addressed storage of scanned copies: bytes are kept under their SHA-256, so identical
/// content is stored once. A write is on disk before it is answered. Used by the API (uploads,
/// downloads) and by the silos (purging the copies of destroyed files); both see the same store.
/// </summary>
public interface IScanStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end and keeps it, unless it is empty, longer than
    /// <paramref name="maxBytes"/> or not a recognised scan type (<see cref="ScanMediaTypes"/>): then
    /// it stops reading and keeps nothing.
    /// </summary>
    Task<ScanWrite> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes, for streaming, or null when nothing is stored under the digest.</summary>
    Stream? OpenRead(string digest);

    bool Contains(string digest);

    /// <summary>
    /// Overwrites and removes the content stored under the digest, durably; false when there was
    /// none. Content is shared by every file that refers to the digest: the caller makes sure none
    /// still does.
    /// </summary>
    Task<bool> DeleteAsync(string digest, CancellationToken cancellationToken = default);
}
