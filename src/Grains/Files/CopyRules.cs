using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// Copies and extracts of a file's documents (复制、摘录). A copy of accounting documents needs a
/// finance approver of the branch; a copy of a Restricted file a manager of its branch or head office
/// (both when both hold). A photocopy of anything else needs no approval: it is recorded, approved as
/// it is asked for, and marked made. A scan of such documents is downloaded as before, with no request.
/// Nobody approves their own request, and one person gives one approval of a request, not two.
/// </summary>
public static class CopyRules
{
    /// <summary>At most this many copy requests are kept in the file (the oldest finished ones make room); the register keeps them all.</summary>
    public const int Capacity = 50;

    /// <summary>The approvals a copy of <paramref name="parts"/> needs.</summary>
    public static (bool Finance, bool Branch) Needed(CustomerFileState file, IEnumerable<CopyPart> parts, NeverLentOptions rule) =>
        (parts.Any(p => AccountingRules.IsAccountingDocument(file, p.DocumentIndex, rule)), AccountingRules.IsRestricted(file));

    /// <summary>Does downloading a scan of document <paramref name="index"/> need an approved copy request?</summary>
    public static bool DownloadNeedsRequest(CustomerFileState file, int index, NeverLentOptions rule) =>
        AccountingRules.IsAccountingDocument(file, index, rule) || AccountingRules.IsRestricted(file);

    /// <summary>
    /// The approved copy request of <paramref name="actor"/> a download of document <paramref name="index"/> uses
    /// (the oldest with copies left), or -1.
    /// </summary>
    public static int DownloadUnder(IReadOnlyList<CopyRequest> requests, int index, Actor actor) =>
        requests.ToList().FindIndex(r => r.Kind == CopyKind.ScanDownload && r.Status == CopyRequestStatus.Approved
            && r.RequestedBy == actor.Subject && r.Used < r.Copies && r.Parts.Any(p => p.DocumentIndex == index));

    /// <summary>What <paramref name="actor"/> may approve of <paramref name="request"/> now, or why not (a 403's detail).</summary>
    public static (ApprovalRole? Role, string? Refusal) ApprovalBy(CopyRequest request, Actor actor, string branch, AccountingOptions options)
    {
        if (ReadingRequestRules.Own(request.RequestedBy, null, actor) is { } own)
        {
            return (null, own);
        }
        if (request.FinanceApproval?.By == actor.Subject || request.BranchApproval?.By == actor.Subject)
        {
            return (null, $"You have already approved copy request {request.RequestId}; its other approval is someone else's to give.");
        }
        if (request.NeedsFinanceApproval && request.FinanceApproval is null && AccountingRules.IsFinanceApprover(actor, branch, options))
        {
            return (ApprovalRole.Finance, null);
        }
        if (request.NeedsBranchApproval && request.BranchApproval is null && AccountingRules.IsBranchApprover(actor, branch))
        {
            return (ApprovalRole.Branch, null);
        }
        return (null, $"Copy request {request.RequestId} waits for {Awaited(request, branch)}; you are not that approver.");
    }

    /// <summary>May <paramref name="actor"/> refuse the request: anyone who could give one of its missing approvals.</summary>
    public static string? RefuseBy(CopyRequest request, Actor actor, string branch, AccountingOptions options)
    {
        if (ReadingRequestRules.Own(request.RequestedBy, null, actor) is { } own)
        {
            return own;
        }
        var finance = request.NeedsFinanceApproval && request.FinanceApproval is null && AccountingRules.IsFinanceApprover(actor, branch, options);
        var manager = request.NeedsBranchApproval && request.BranchApproval is null && AccountingRules.IsBranchApprover(actor, branch);
        return finance || manager ? null : $"Copy request {request.RequestId} waits for {Awaited(request, branch)}; only they may refuse it.";
    }

    /// <summary>The approvals still missing, in words.</summary>
    public static string Awaited(CopyRequest request, string branch)
    {
        var missing = new List<string>();
        if (request.NeedsFinanceApproval && request.FinanceApproval is null)
        {
            missing.Add($"a finance approver of branch {branch} (Accounting:FinanceApprovers)");
        }
        if (request.NeedsBranchApproval && request.BranchApproval is null)
        {
            missing.Add($"a manager of branch {branch} or head office (the file is Restricted)");
        }
        return missing.Count == 0 ? "no further approval" : string.Join(" and ", missing);
    }

    /// <summary>The documents and pages asked for, in words (register and audit).</summary>
    public static string Describe(CopyRequest request) =>
        $"{request.Copies} {(request.Kind == CopyKind.Photocopy ? "photocopy(ies)" : "scan download(s)")} of "
        + string.Join(", ", request.Parts.Select(p => $"document {p.DocumentIndex}{(p.Pages is { Length: > 0 } pages ? $" pages {pages}" : "")}"));
}
