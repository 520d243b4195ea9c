namespace BranchArchive.Contracts.Branches;

[GenerateSerializer, Immutable, Alias("branch")]
public sealed record Branch(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Region,
    [property: Id(3)] IReadOnlyList<string> Cabinets);
