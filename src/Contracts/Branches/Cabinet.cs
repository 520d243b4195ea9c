namespace BranchArchive.Contracts.Branches;

[GenerateSerializer, Immutable, Alias("cabinet")]
public sealed record Cabinet(
    [property: Id(0)] string Branch,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int Occupied);
