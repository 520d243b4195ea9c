namespace BranchArchive.Grains.Files;

/// <summary>
/// Who approves the use of accounting files (configuration section <c>Accounting</c>). Which files
/// are accounting files is the never-lent rule's (<c>Circulation:NeverLent</c>): documents of an
/// accounting type, or a file tagged as accounting records.
/// </summary>
public sealed class AccountingOptions
{
    public const string Section = "Accounting";

    /// <summary>The key of <see cref="FinanceApprovers"/> whose people approve for every branch (a group finance head).</summary>
    public const string EveryBranch = "*";

    /// <summary>
    /// The finance approvers (财务负责人) by branch code: the subjects (sign-in names) whose consent an
    /// internal reading (调阅) of an accounting file and a copy of accounting documents need. Named
    /// people, not a role: the API contract's roles have no finance role, and a staff list is kept by
    /// the branch's managers, who must not be able to make themselves approvers. Those under
    /// <see cref="EveryBranch"/> approve for every branch. A branch with nobody here can't have its
    /// accounting files read or copied: requests wait until operators name someone.
    /// </summary>
    public Dictionary<string, List<string>> FinanceApprovers { get; set; } = new(StringComparer.Ordinal);
}
