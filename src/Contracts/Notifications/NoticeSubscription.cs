using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Contracts.Notifications;

/// <summary>How a subscription's notices leave the archive.</summary>
public enum NoticeChannel { Webhook, Email }

/// <summary>
/// A branch's (or head office's) wish to be told of some kinds of notice: by a signed HTTP POST to
/// <c>Target</c> (an https URL) or by e-mail to <c>Target</c> (an address).
/// <c>Branch</c> null means head office: notices of every branch. <c>Kinds</c> empty means every kind.
/// <c>Language</c> is <c>zh-CN</c> or <c>en</c> (e-mail templates). <c>DailyDigest</c> (e-mail only):
/// due-soon and overdue notices come once a day in one message instead of one message each.
/// A webhook's signing secret is not part of the subscription: it is shown once, when created.
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-subscription")]
public sealed record NoticeSubscription(
    [property: Id(0)] string Id,
    [property: Id(1)] string? Branch,
    [property: Id(2)] NoticeChannel Channel,
    [property: Id(3)] string Target,
    [property: Id(4)] IReadOnlyList<NoticeKind> Kinds,
    [property: Id(5)] string Language,
    [property: Id(6)] bool DailyDigest,
    [property: Id(7)] bool Enabled,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Whether this subscription wants the notice: its branch (every branch for head office), its
    /// kinds, and addressed to the branch. A notice addressed to a member of staff in person is the
    /// second copy of an event its branch is also told of: a branch's webhook or mailbox gets the one.
    /// </summary>
    public bool Wants(LoanNotice notice) =>
        Enabled && notice.Recipient is null && (Branch is null || Branch == notice.Branch) && (Kinds.Count == 0 || Kinds.Contains(notice.Kind));
}
