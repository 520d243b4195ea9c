using BranchArchive.Contracts.Circulation;

namespace BranchArchive.Contracts.Notifications;

/// <summary>A delivery due to be attempted, with what the sender needs. Never logged: it holds the webhook's secret.</summary>
public sealed class DueDelivery(NoticeSubscription subscription, string? secret, LoanNotice notice, int attempts, DateTimeOffset createdAt)
{
    public NoticeSubscription Subscription { get; } = subscription;
    public string? Secret { get; } = secret;
    public LoanNotice Notice { get; } = notice;
    public int Attempts { get; } = attempts;
    public DateTimeOffset CreatedAt { get; } = createdAt;
}

/// <summary>What one attempt left: the delivery's new status, attempts, next attempt (Pending) and last error.</summary>
public sealed record DeliveryAttempt(DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, int? LastStatusCode, DateTimeOffset? DeliveredAt);

/// <summary>
/// The deliveries table: the pipeline's durable queue and log. Notices (the outbox) become
/// deliveries in one transaction with their dispatch mark; the retry schedule is stored here.
/// </summary>
public interface INoticeDeliveries
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> undispatched notices, oldest first, stores a Pending
    /// delivery (due at once) for each enabled subscription <paramref name="wants"/> says wants it,
    /// and marks them dispatched, all in one transaction. Answers how many notices were dispatched.
    /// </summary>
    Task<int> DispatchAsync(Func<NoticeSubscription, LoanNotice, bool> wants, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries due at <paramref name="now"/> over <paramref name="channels"/>, soonest first, of enabled subscriptions.</summary>
    Task<IReadOnlyList<DueDelivery>> DueAsync(IReadOnlyCollection<NoticeChannel> channels, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task RecordAsync(string subscriptionId, string noticeId, DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>A subscription's deliveries, newest first.</summary>
    Task<NoticeDeliveryPage> LogAsync(string subscriptionId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The dead-letter list, oldest first.</summary>
    Task<NoticeDeliveryPage> ParkedAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    Task<long> CountParkedAsync(CancellationToken cancellationToken = default);

    /// <summary>Parked deliveries (one, or all when <paramref name="subscriptionId"/> is null) become Pending, due at <paramref name="now"/>, attempts reset. Answers how many.</summary>
    Task<int> ReplayAsync(string? subscriptionId, string? noticeId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
