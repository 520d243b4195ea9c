using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>
/// The practice's rules for accounting files (会计档案): which files and documents are accounting
/// records (the never-lent rule's, so the two never disagree) and who is a finance approver of a branch.
/// </summary>
public static class AccountingRules
{
    /// <summary>Does the file hold accounting documents or carry an accounting tag?</summary>
    public static bool IsAccountingFile(CustomerFileState file, NeverLentOptions rule) => NeverLentRule.Cause(file, rule) is not null;

    /// <summary>
    /// Is document <paramref name="index"/> an accounting record: of an accounting type, or in a file
    /// tagged as accounting records (then every document of it is)?
    /// </summary>
    public static bool IsAccountingDocument(CustomerFileState file, int index, NeverLentOptions rule) =>
        file.Documents.ElementAtOrDefault(index)?.Type is { } type && rule.EffectiveDocumentTypes.Contains(type)
        || NeverLentRule.Cause([], file.Tags, rule) is not null;

    /// <summary>
    /// Is <paramref name="actor"/> a finance approver of <paramref name="branch"/>: named for it (or
    /// for every branch) in <c>Accounting:FinanceApprovers</c>, and acting in it (its staff) or as head office?
    /// An auditor only reads, so never approves.
    /// </summary>
    public static bool IsFinanceApprover(Actor actor, string branch, AccountingOptions options) =>
        actor.CanAct(Permissions.LendFiles, branch) && (Named(options, branch, actor.Subject) || Named(options, AccountingOptions.EveryBranch, actor.Subject));

    /// <summary>Is <paramref name="actor"/> head office (company leadership), who approves readings by outside parties?</summary>
    public static bool IsHeadOffice(Actor actor) => actor.IsHeadOffice;

    /// <summary>Is <paramref name="actor"/> a manager of <paramref name="branch"/> or head office, who approve copies of Restricted files?</summary>
    public static bool IsBranchApprover(Actor actor, string branch) => actor.CanAct(Permissions.ApproveLending, branch);

    private static bool Named(AccountingOptions options, string key, string subject) =>
        options.FinanceApprovers.TryGetValue(key, out var people) && people.Any(p => string.Equals(p?.Trim(), subject, StringComparison.Ordinal));

    /// <summary>Does the file's sensitivity make copies of it need a manager's or head office's approval?</summary>
    public static bool IsRestricted(CustomerFileState file) => file.Sensitivity == Sensitivity.Restricted;
}
