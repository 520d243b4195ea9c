using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// Filters of <c>GET /api/access-log</c>: "who has seen this file" (<see cref="FileId"/> or
/// <see cref="FileNumber"/>), "what has this person viewed" (<see cref="Subject"/>), within a time
/// window, newest first. <see cref="FileBranch"/> is set by the rules for a manager, never by them.
/// </summary>
[GenerateSerializer, Immutable, Alias("access-log-query")]
public sealed record AccessLogQuery(
    [property: Id(0)] string? FileId,
    [property: Id(1)] long? FileNumber,
    [property: Id(2)] string? Subject,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To,
    [property: Id(5)] int Page = 1,
    [property: Id(6)] int PageSize = 50,
    [property: Id(7)] string? Kind = null,
    [property: Id(8)] string? FileBranch = null)
{
    public const int MaxPageSize = 500;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("fileId", FileId, 64);
        errors.OptionalText("subject", Subject, 100);
        if (FileNumber is { } number)
        {
            errors.Range("fileNumber", number, 1, long.MaxValue);
        }
        if (Kind is not null && !AccessKinds.All.Contains(Kind, StringComparer.Ordinal))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", AccessKinds.All)}.");
        }
        errors.Range("page", Page, 1, 1_000_000);
        errors.Range("pageSize", PageSize, 1, MaxPageSize);
        if (From is { } from && To is { } to && from > to)
        {
            errors.Add("from", "must not be after 'to'.");
        }
        if (FileId is null && FileNumber is null && Subject is null)
        {
            errors.Add("fileId", "give a file (fileId or fileNumber) or a person (subject) whose access history to show.");
        }
        return errors;
    }
}
