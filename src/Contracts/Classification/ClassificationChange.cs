namespace BranchArchive.Contracts.Classification;

/// <summary>One re-classification of a file: who, when, why, and each class it moved from and to.</summary>
[GenerateSerializer, Immutable, Alias("classification-change")]
public sealed record ClassificationChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyList<ClassChange> Changes);

/// <summary>One class of a file that changed, e.g. <c>importance</c> from <c>Normal</c> to <c>Vip</c>.</summary>
[GenerateSerializer, Immutable, Alias("class-change")]
public sealed record ClassChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? From,
    [property: Id(2)] string? To);
