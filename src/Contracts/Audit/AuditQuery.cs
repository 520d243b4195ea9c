using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Audit;

/// <summary>Filters of <c>GET /api/audit</c>; every filter is optional.</summary>
[GenerateSerializer, Immutable, Alias("audit-query")]
public sealed record AuditQuery(
    [property: Id(0)] string? FileId,
    [property: Id(1)] string? Actor,
    [property: Id(2)] string? Branch,
    [property: Id(3)] DateTimeOffset? From,
    [property: Id(4)] DateTimeOffset? To,
    [property: Id(5)] int Page = 1,
    [property: Id(6)] int PageSize = 50,
    [property: Id(7)] string? Action = null,
    [property: Id(8)] string? Outcome = null,
    [property: Id(9)] bool NewestFirst = false)
{
    public const int MaxPageSize = 500;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("fileId", FileId, 64);
        errors.OptionalText("actor", Actor, 100);
        errors.OptionalText("action", Action, 64);
        errors.OptionalText("outcome", Outcome, 32);
        if (Outcome is not null && !Enum.GetNames<Results.Outcome>().Contains(Outcome, StringComparer.Ordinal))
        {
            errors.Add("outcome", $"must be one of {string.Join(", ", Enum.GetNames<Results.Outcome>())}.");
        }
        if (Branch is not null)
        {
            errors.Pattern("branch", Branch, Codes.Branch(), Codes.BranchDescription);
        }
        errors.Range("page", Page, 1, 1_000_000);
        errors.Range("pageSize", PageSize, 1, MaxPageSize);
        if (From is { } from && To is { } to && from > to)
        {
            errors.Add("from", "must not be after 'to'.");
        }
        return errors;
    }
}
