using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Circulation;

/// <summary>
/// An on-site reading of a file in its own branch: the only use of a file that is never lent.
/// Opened by a manager (who is recorded as approving it), closed when the file is back on the shelf.
/// A reading that needed approvals first (an accounting file, an outside party) names its <c>RequestId</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("reading-session")]
public sealed record ReadingSession(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Reader,
    [property: Id(2)] string Purpose,
    [property: Id(3)] string ApprovedBy,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] DateTimeOffset? ClosedAt = null,
    [property: Id(6)] string? ClosedBy = null,
    [property: Id(7)] string? RequestId = null);

/// <summary>
/// Body of <c>POST /api/files/{id}/reading-sessions</c>: a reader and purpose, or the approved
/// reading request the session is held for (its reader and purpose are then the request's).
/// </summary>
[GenerateSerializer, Immutable, Alias("open-reading-command")]
public sealed record OpenReadingCommand(
    [property: Id(0)] string? Reader,
    [property: Id(1)] string? Purpose,
    [property: Id(2)] string? RequestId = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (RequestId is null)
        {
            errors.RequiredText("reader", Reader, 100);
            errors.RequiredText("purpose", Purpose, 500);
            return errors;
        }
        if (!Guid.TryParseExact(RequestId, "D", out _) || RequestId != RequestId.ToLowerInvariant())
        {
            errors.Add("requestId", "must be a reading request's id (a lower-case GUID).");
        }
        errors.OptionalText("reader", Reader, 100);
        errors.OptionalText("purpose", Purpose, 500);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/reading-sessions/close</c>.</summary>
[GenerateSerializer, Immutable, Alias("close-reading-command")]
public sealed record CloseReadingCommand(
    [property: Id(0)] string? SessionId,
    [property: Id(1)] string? Notes)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("sessionId", SessionId, 64);
        errors.OptionalText("notes", Notes, 2000);
        return errors;
    }
}
