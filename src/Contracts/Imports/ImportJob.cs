namespace BranchArchive.Contracts.Imports;

public enum ImportState { Running, Completed, Failed }

/// <summary>An import job and its progress. <see cref="RowsDone"/> moves on while it runs and reaches <see cref="RowsTotal"/>.</summary>
[GenerateSerializer, Immutable, Alias("import-job")]
public sealed record ImportJob(
    [property: Id(0)] string Id,
    [property: Id(1)] ImportState State,
    [property: Id(2)] string StartedBy,
    [property: Id(3)] string? Branch,
    [property: Id(4)] int RowsTotal,
    [property: Id(5)] int RowsDone,
    [property: Id(6)] int Imported,
    [property: Id(7)] int Duplicates,
    [property: Id(8)] int Errors,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt,
    [property: Id(11)] string? Failure);

public enum ImportIssueKind { Error, Duplicate }

/// <summary>
/// A row that was not imported: an error in a field, or a duplicate of an earlier row of the same
/// CSV (<see cref="DuplicateOfRow"/>) or of a file already in the archive (<see cref="DuplicateOfFile"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("import-issue")]
public sealed record ImportIssue(
    [property: Id(0)] int Row,
    [property: Id(1)] ImportIssueKind Kind,
    [property: Id(2)] string Field,
    [property: Id(3)] string Message,
    [property: Id(4)] int? DuplicateOfRow = null,
    [property: Id(5)] string? DuplicateOfFile = null);

/// <summary>Every issue of the rows done so far, in row order (several per row when several fields are wrong).</summary>
[GenerateSerializer, Immutable, Alias("import-report")]
public sealed record ImportReport(
    [property: Id(0)] ImportJob Job,
    [property: Id(1)] IReadOnlyList<ImportIssue> Issues);
