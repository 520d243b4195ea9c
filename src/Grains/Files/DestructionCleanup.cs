namespace BranchArchive.Grains.Files;

/// <summary>
/// The steps a destruction takes outside the file, stored with the destruction and struck off as
/// done: free its cabinet place, release its scans' content (erased unless another file refers to
/// the same bytes), and release its keys in the customer identity index.
/// </summary>
public sealed class DestructionCleanup
{
    public bool ReleaseCabinet { get; set; }

    /// <summary>Digests of the scans still to release.</summary>
    public List<string> Scans { get; set; } = [];

    /// <summary>Identity-index keys (digests) still to release.</summary>
    public List<string> Identities { get; set; } = [];
}
