using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>A copy made on the branch's copier, or a scan of the document downloaded from the archive.</summary>
public enum CopyKind
{
    Photocopy,
    ScanDownload,
}

/// <summary>Where a copy request stands: waiting for approval, approved (copies may be made), refused, or done (every copy made).</summary>
public enum CopyRequestStatus
{
    Pending,
    Approved,
    Refused,
    Done,
}

/// <summary>One document to copy (its index in the file, from 0) and which pages of it ("1-3, 7"; all when null).</summary>
[GenerateSerializer, Immutable, Alias("copy-part")]
public sealed record CopyPart(
    [property: Id(0)] int DocumentIndex,
    [property: Id(1)] string? Pages = null);

/// <summary>
/// A request for a copy or extract of a file's documents (复制、摘录): which documents and pages, how
/// many copies, why. Accounting documents need a finance approver of the branch; a Restricted file
/// a manager of its branch or head office; a photocopy of anything else is approved as it is recorded.
/// Each copy made (a photocopy marked made, a scan downloaded) is a <see cref="Uses"/> entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("copy-request")]
public sealed record CopyRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] CopyKind Kind,
    [property: Id(2)] IReadOnlyList<CopyPart> Parts,
    [property: Id(3)] int Copies,
    [property: Id(4)] string Purpose,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] CopyRequestStatus Status,
    [property: Id(8)] bool NeedsFinanceApproval,
    [property: Id(9)] bool NeedsBranchApproval,
    [property: Id(10)] RequestDecision? FinanceApproval = null,
    [property: Id(11)] RequestDecision? BranchApproval = null,
    [property: Id(12)] RequestDecision? Refusal = null,
    [property: Id(13)] IReadOnlyList<RequestDecision>? Uses = null)
{
    /// <summary>Every approval the request needs is given.</summary>
    public bool FullyApproved => (!NeedsFinanceApproval || FinanceApproval is not null) && (!NeedsBranchApproval || BranchApproval is not null);

    /// <summary>How many of the approved copies are made so far.</summary>
    public int Used => Uses?.Count ?? 0;
}

/// <summary>Body of <c>POST /api/files/{id}/copy-requests</c>.</summary>
[GenerateSerializer, Immutable, Alias("request-copy-command")]
public sealed record RequestCopyCommand(
    [property: Id(0)] CopyKind? Kind,
    [property: Id(1)] IReadOnlyList<CopyPart>? Parts,
    [property: Id(2)] int? Copies,
    [property: Id(3)] string? Purpose)
{
    public const int MaxParts = 50;
    public const int MaxCopies = 20;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Required("kind", Kind);
        errors.Defined("kind", Kind);
        if (Parts is not { Count: > 0 })
        {
            errors.Add("parts", "is required: at least one document to copy.");
        }
        else if (Parts.Count > MaxParts)
        {
            errors.Add("parts", $"must name at most {MaxParts} documents.");
        }
        else
        {
            for (var i = 0; i < Parts.Count; i++)
            {
                if (Parts[i] is not { } part)
                {
                    errors.Add($"parts[{i}]", "is required.");
                    continue;
                }
                if (part.DocumentIndex < 0)
                {
                    errors.Add($"parts[{i}].documentIndex", "must be 0 or more (documents are numbered from 0).");
                }
                errors.OptionalText($"parts[{i}].pages", part.Pages, 100);
            }
            if (Parts.Where(p => p is not null).GroupBy(p => p.DocumentIndex).Any(g => g.Count() > 1))
            {
                errors.Add("parts", "must name each document once.");
            }
        }
        errors.Required("copies", Copies);
        if (Copies is { } copies)
        {
            errors.Range("copies", copies, 1, MaxCopies);
        }
        errors.RequiredText("purpose", Purpose, 500);
        return errors;
    }
}

/// <summary>Body of <c>POST /api/files/{id}/copy-requests/{requestId}/made</c>: the photocopies are made and handed over.</summary>
[GenerateSerializer, Immutable, Alias("mark-copy-made-command")]
public sealed record MarkCopyMadeCommand([property: Id(0)] string? Notes = null)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.OptionalText("notes", Notes, 500);
        return errors;
    }
}
