using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Which approvals a reading (调阅) needs, and which of them a caller may give. An accounting file
/// needs a finance approver of its branch; a reading by an outside party needs head office (company
/// leadership), and for an accounting file the finance approver as well. Nobody approves their own
/// request or their own reading, and one person gives one approval of a request, not two.
/// </summary>
public static class ReadingRequestRules
{
    /// <summary>At most this many reading requests are kept in the file (the oldest finished ones make room); the register keeps them all.</summary>
    public const int Capacity = 50;

    /// <summary>What <paramref name="actor"/> may approve of <paramref name="request"/> now, or why not (a 403's detail).</summary>
    public static (ApprovalRole? Role, string? Refusal) ApprovalBy(ReadingRequest request, Actor actor, string branch, AccountingOptions options)
    {
        if (Own(request.RequestedBy, request.Reader, actor) is { } own)
        {
            return (null, own);
        }
        if (request.FinanceApproval?.By == actor.Subject || request.HeadOfficeApproval?.By == actor.Subject)
        {
            return (null, $"You have already approved reading request {request.RequestId}; its other approval is someone else's to give.");
        }
        if (request.NeedsFinanceApproval && request.FinanceApproval is null && AccountingRules.IsFinanceApprover(actor, branch, options))
        {
            return (ApprovalRole.Finance, null);
        }
        if (request.NeedsHeadOfficeApproval && request.HeadOfficeApproval is null && AccountingRules.IsHeadOffice(actor))
        {
            return (ApprovalRole.HeadOffice, null);
        }
        return (null, $"Reading request {request.RequestId} waits for {Awaited(request, branch)}; you are not that approver.");
    }

    /// <summary>May <paramref name="actor"/> refuse the request: anyone who could give one of its missing approvals.</summary>
    public static string? RefuseBy(ReadingRequest request, Actor actor, string branch, AccountingOptions options)
    {
        if (Own(request.RequestedBy, request.Reader, actor) is { } own)
        {
            return own;
        }
        var finance = request.NeedsFinanceApproval && request.FinanceApproval is null && AccountingRules.IsFinanceApprover(actor, branch, options);
        var headOffice = request.NeedsHeadOfficeApproval && request.HeadOfficeApproval is null && AccountingRules.IsHeadOffice(actor);
        return finance || headOffice ? null : $"Reading request {request.RequestId} waits for {Awaited(request, branch)}; only they may refuse it.";
    }

    /// <summary>The approvals still missing, in words.</summary>
    public static string Awaited(ReadingRequest request, string branch)
    {
        var missing = new List<string>();
        if (request.NeedsFinanceApproval && request.FinanceApproval is null)
        {
            missing.Add($"a finance approver of branch {branch} (Accounting:FinanceApprovers)");
        }
        if (request.NeedsHeadOfficeApproval && request.HeadOfficeApproval is null)
        {
            missing.Add("head office (an archivist or admin)");
        }
        return missing.Count == 0 ? "no further approval" : string.Join(" and ", missing);
    }

    /// <summary>Why <paramref name="actor"/> may not decide on a request they made or are the subject of, or null.</summary>
    public static string? Own(string requestedBy, string? reader, Actor actor) =>
        string.Equals(requestedBy, actor.Subject, StringComparison.Ordinal) ? "You made this request; someone else approves or refuses it."
        : reader is not null && string.Equals(reader.Trim(), actor.Subject, StringComparison.Ordinal) ? "You are the reader named in this request; someone else approves or refuses it."
        : null;
}

/// <summary>Whose approval one approver gives to a request.</summary>
public enum ApprovalRole
{
    Finance,
    HeadOffice,
    Branch,
}
