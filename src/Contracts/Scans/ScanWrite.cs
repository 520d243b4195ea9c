namespace BranchArchive.Contracts.Scans;

public enum ScanWriteOutcome { Stored, AlreadyStored, Empty, TooLarge, UnsupportedType }

/// <summary>What <see cref="IScanStore.PutAsync"/> did; digest and media type only when the content is kept.</summary>
public sealed record ScanWrite(ScanWriteOutcome Outcome, string? Digest, long Size, string? MediaType)
{
    public bool Kept => Outcome is ScanWriteOutcome.Stored or ScanWriteOutcome.AlreadyStored;
}
