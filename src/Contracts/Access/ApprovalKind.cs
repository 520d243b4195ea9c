namespace BranchArchive.Contracts.Access;

/// <summary>
/// What a file may be waiting for someone to approve (issue 21): access to a Restricted file by
/// someone outside its normal scope, a reading (调阅) of an accounting file or by an outside party,
/// a copy or extract of its documents. A file awaiting any of them is on its branch's approval queue.
/// </summary>
public enum ApprovalKind
{
    Access,
    Reading,
    Copy,
}
