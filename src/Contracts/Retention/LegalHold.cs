namespace BranchArchive.Contracts.Retention;

/// <summary>A hold that keeps a file from destruction whatever its retention says (litigation, audit, regulator).</summary>
[GenerateSerializer, Immutable, Alias("legal-hold")]
public sealed record LegalHold(
    [property: Id(0)] string Reason,
    [property: Id(1)] string PlacedBy,
    [property: Id(2)] DateTimeOffset PlacedAt);
