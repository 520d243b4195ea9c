namespace BranchArchive.Contracts.Files;

/// <summary>One document kept in a customer's file.</summary>
[GenerateSerializer, Immutable, Alias("file-document")]
public sealed record FileDocument(
    [property: Id(0)] DocumentType? Type,
    [property: Id(1)] string? Title,
    [property: Id(2)] int? Pages,
    [property: Id(3)] DateOnly? Date);
