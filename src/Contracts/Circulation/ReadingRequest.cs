using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Circulation;

/// <summary>Where a reading request stands: waiting for its approvals, approved (a session may open), refused, or read (its session opened).</summary>
public enum ReadingRequestStatus
{
    Pending,
    Approved,
    Refused,
    Opened,
}

/// <summary>One approval or refusal of a request, or one use of it: who, when, and what they said.</summary>
[GenerateSerializer, Immutable, Alias("request-decision")]
public sealed record RequestDecision(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Note = null);

/// <summary>
/// A request to read a file on site (调阅) that needs approval first: any reading of an accounting
/// file (a finance approver of its branch), and any reading by an outside party on an official
/// letter (head office, i.e. company leadership; and a finance approver too for an accounting file).
/// Once every approval it needs is given, a manager of the branch opens its on-site reading.
/// </summary>
[GenerateSerializer, Immutable, Alias("reading-request")]
public sealed record ReadingRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Reader,
    [property: Id(2)] string Purpose,
    [property: Id(3)] string RequestedBy,
    [property: Id(4)] DateTimeOffset RequestedAt,
    [property: Id(5)] ReadingRequestStatus Status,
    [property: Id(6)] bool NeedsFinanceApproval,
    [property: Id(7)] bool NeedsHeadOfficeApproval,
    [property: Id(8)] string? OutsideParty = null,
    [property: Id(9)] string? LetterReference = null,
    [property: Id(10)] RequestDecision? FinanceApproval = null,
    [property: Id(11)] RequestDecision? HeadOfficeApproval = null,
    [property: Id(12)] RequestDecision? Refusal = null,
    [property: Id(13)] string? SessionId = null)
{
    /// <summary>Every approval the request needs is given.</summary>
    public bool FullyApproved => (!NeedsFinanceApproval || FinanceApproval is not null) && (!NeedsHeadOfficeApproval || HeadOfficeApproval is not null);
}

/// <summary>
/// Body of <c>POST /api/files/{id}/reading-requests</c>. An outside party (another company, a
/// regulator, an auditor from outside) names itself and the reference of its official letter.
/// </summary>
[GenerateSerializer, Immutable, Alias("request-reading-command")]
public sealed record RequestReadingCommand(
    [property: Id(0)] string? Reader,
    [property: Id(1)] string? Purpose,
    [property: Id(2)] string? OutsideParty = null,
    [property: Id(3)] string? LetterReference = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reader", Reader, 100);
        errors.RequiredText("purpose", Purpose, 500);
        errors.OptionalText("outsideParty", OutsideParty, 200);
        errors.OptionalText("letterReference", LetterReference, 100);
        var party = !string.IsNullOrWhiteSpace(OutsideParty);
        var letter = !string.IsNullOrWhiteSpace(LetterReference);
        if (party && !letter)
        {
            errors.Add("letterReference", "is required for an outside party: the reference of its official letter.");
        }
        if (letter && !party)
        {
            errors.Add("outsideParty", "is required with a letter reference: who the outside party is.");
        }
        return errors;
    }
}

/// <summary>Body of a refusal of a reading or copy request: why (the requester is told).</summary>
[GenerateSerializer, Immutable, Alias("refuse-request-command")]
public sealed record RefuseRequestCommand([property: Id(0)] string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("reason", Reason, 500);
        return errors;
    }
}
