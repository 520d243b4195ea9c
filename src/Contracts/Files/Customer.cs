namespace BranchArchive.Contracts.Files;

/// <summary>The customer a file belongs to.</summary>
[GenerateSerializer, Immutable, Alias("customer")]
public sealed record Customer(
    [property: Id(0)] string? Name,
    [property: Id(1)] CustomerType? Type,
    [property: Id(2)] string? IdNumber,
    [property: Id(3)] string? Industry,
    [property: Id(4)] string? Region);
