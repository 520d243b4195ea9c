using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// A notice as it leaves the archive (webhook payload version 1, and the model of an e-mail):
/// its stable <c>Id</c> (receivers deduplicate by it), <c>Type</c> (the notice kind's name), when it
/// was raised (<c>Time</c>), and what it is about. It carries file ids and numbers, never a
/// customer's name or details: a subscriber may be told that something happened to a file, and
/// reads the file itself through the API, where its role and branch are checked.
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-message")]
public sealed record NoticeMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Time,
    [property: Id(3)] int Version,
    [property: Id(4)] string Branch,
    [property: Id(5)] string? FileId,
    [property: Id(6)] long? FileNumber,
    [property: Id(7)] string? Cabinet,
    [property: Id(8)] string? LoanId,
    [property: Id(9)] string? Borrower,
    [property: Id(10)] DateTimeOffset DueAt,
    [property: Id(11)] string? RequestId)
{
    public const int CurrentVersion = 1;

    public static NoticeMessage From(LoanNotice notice) => new(
        notice.Id ?? throw new ArgumentException("A notice is sent only once read back from the database, with its id.", nameof(notice)),
        notice.Kind.ToString(), notice.At, CurrentVersion, notice.Branch,
        string.IsNullOrEmpty(notice.FileId) ? null : notice.FileId,
        string.IsNullOrEmpty(notice.FileId) ? null : notice.FileNumber,
        notice.Cabinet,
        string.IsNullOrEmpty(notice.LoanId) ? null : notice.LoanId,
        string.IsNullOrEmpty(notice.Borrower) ? null : notice.Borrower,
        notice.DueAt, notice.RequestId);
}
