using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Access;

/// <summary>Where a request for access to a file stands.</summary>
public enum AccessRequestStatus
{
    /// <summary>Asked, waiting for a manager of the file's branch or head office.</summary>
    Pending,
    /// <summary>Approved (or granted at once in an emergency): the requester reads the file until <see cref="AccessRequest.GrantedUntil"/>.</summary>
    Granted,
    Refused,
    /// <summary>Withdrawn by the requester, before or during the grant.</summary>
    Withdrawn,
    /// <summary>An emergency grant its reviewer ended.</summary>
    Revoked,
    /// <summary>A grant past its time (shown so; stored as <see cref="Granted"/>).</summary>
    Expired,
}

/// <summary>
/// A request for purpose-bound access (查看权限申请) to a file its requester is not shown in full: a
/// Restricted file whose customer a clerk does not see, or another branch's file. Approved for a
/// limited time by a manager of the file's branch or head office, or granted at once in an
/// emergency and then reviewed within <c>Access:EmergencyReviewWithin</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("access-request")]
public sealed record AccessRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string FileId,
    [property: Id(2)] string Requester,
    [property: Id(3)] string? RequesterBranch,
    [property: Id(4)] string Reason,
    [property: Id(5)] int Hours,
    [property: Id(6)] AccessRequestStatus Status,
    [property: Id(7)] DateTimeOffset RequestedAt,
    [property: Id(8)] bool Emergency = false,
    [property: Id(9)] string? DecidedBy = null,
    [property: Id(10)] DateTimeOffset? DecidedAt = null,
    [property: Id(11)] string? DecisionNote = null,
    [property: Id(12)] DateTimeOffset? GrantedUntil = null,
    [property: Id(13)] DateTimeOffset? ReviewDueAt = null,
    [property: Id(14)] string? ReviewedBy = null,
    [property: Id(15)] DateTimeOffset? ReviewedAt = null,
    [property: Id(16)] string? ReviewNote = null,
    [property: Id(17)] bool ReviewOverdue = false)
{
    /// <summary>Does this request let its requester read the file at <paramref name="now"/>?</summary>
    public bool GrantsAt(DateTimeOffset now) => Status == AccessRequestStatus.Granted && GrantedUntil > now;

    /// <summary>An emergency grant nobody has reviewed yet (whether or not it has run out).</summary>
    public bool AwaitsReview => Emergency && ReviewedAt is null && Status is AccessRequestStatus.Granted or AccessRequestStatus.Withdrawn or AccessRequestStatus.Expired;

    /// <summary>The request as answered at <paramref name="now"/>: a grant past its time shows as expired, a review past its deadline as overdue.</summary>
    public AccessRequest ShownAt(DateTimeOffset now) => this with
    {
        Status = Status == AccessRequestStatus.Granted && GrantedUntil <= now ? AccessRequestStatus.Expired : Status,
        ReviewOverdue = AwaitsReview && ReviewDueAt <= now,
    };
}

/// <summary>Body of <c>POST /api/files/{id}/access-requests</c> and <c>…/access-requests/emergency</c>.</summary>
[GenerateSerializer, Immutable, Alias("request-access-command")]
public sealed record RequestAccessCommand(
    [property: Id(0)] string? Reason,
    [property: Id(1)] int? Hours)
{
    /// <summary>The longest any grant may be asked for; <c>Access:MaxGrant</c> bounds it further.</summary>
    public const int MaxHours = 168;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        if (Hours is { } hours)
        {
            errors.Range("hours", hours, 1, MaxHours);
        }
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/access-requests/{requestId}/approve</c>: the hours granted (at most those asked for) and a note.</summary>
[GenerateSerializer, Immutable, Alias("approve-access-command")]
public sealed record ApproveAccessCommand(
    [property: Id(0)] int? Hours,
    [property: Id(1)] string? Note)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Hours is { } hours)
        {
            errors.Range("hours", hours, 1, RequestAccessCommand.MaxHours);
        }
        errors.OptionalText("note", Note, 500);
        return errors;
    }
}

/// <summary>Body of <c>…/refuse</c> (reason required) and <c>…/withdraw</c> (note optional).</summary>
[GenerateSerializer, Immutable, Alias("decide-access-command")]
public sealed record DecideAccessCommand(
    [property: Id(0)] string? Note)
{
    public ValidationErrors ValidateRequired()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("note", Note, 500);
        return errors;
    }

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("note", Note, 500);
        return errors;
    }
}

/// <summary>Body of <c>…/review</c>: the reviewer's finding on an emergency grant, and whether it ends now.</summary>
[GenerateSerializer, Immutable, Alias("review-access-command")]
public sealed record ReviewAccessCommand(
    [property: Id(0)] string? Note,
    [property: Id(1)] bool Revoke = false)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("note", Note, 500);
        return errors;
    }
}
