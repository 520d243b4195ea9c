namespace BranchArchive.Contracts.Scans;

/// <summary>
/// A scanned copy (PDF or image) of one of a file's documents. The paper stays the file of record;
/// the bytes live in the scan store under <see cref="Digest"/> (SHA-256, lower-case hex), which
/// the file's state refers to. <see cref="OriginalName"/> is null for viewers who may not download it.
/// </summary>
[GenerateSerializer, Immutable, Alias("scanned-copy")]
public sealed record ScannedCopy(
    [property: Id(0)] int DocumentIndex,
    [property: Id(1)] string Digest,
    [property: Id(2)] long Size,
    [property: Id(3)] string MediaType,
    [property: Id(4)] string? OriginalName,
    [property: Id(5)] string UploadedBy,
    [property: Id(6)] DateTimeOffset UploadedAt);
