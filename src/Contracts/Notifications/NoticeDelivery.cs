namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// Where one notice's delivery to one subscription stands: <c>Pending</c> (to be sent at
/// <c>NextAttemptAt</c>), <c>Delivered</c> (the receiver answered 2xx, or the mail server took it),
/// <c>Parked</c> (given up after the last attempt, or refused for good: the dead-letter list, which
/// an admin may replay).
/// </summary>
public enum DeliveryStatus { Pending, Delivered, Parked }

/// <summary>
/// One line of a subscription's delivery log. <c>LastError</c> says why the last attempt failed
/// (never a secret); <c>LastStatusCode</c> is the receiver's HTTP status, if it answered.
/// </summary>
[GenerateSerializer, Immutable, Alias("notice-delivery")]
public sealed record NoticeDelivery(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string NoticeId,
    [property: Id(2)] string Type,
    [property: Id(3)] string Branch,
    [property: Id(4)] DeliveryStatus Status,
    [property: Id(5)] int Attempts,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? NextAttemptAt,
    [property: Id(8)] DateTimeOffset? DeliveredAt,
    [property: Id(9)] string? LastError,
    [property: Id(10)] int? LastStatusCode);

[GenerateSerializer, Immutable, Alias("notice-delivery-page")]
public sealed record NoticeDeliveryPage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<NoticeDelivery> Items);

/// <summary>How many parked deliveries an admin's replay put back in the queue.</summary>
[GenerateSerializer, Immutable, Alias("replayed-deliveries")]
public sealed record ReplayedDeliveries([property: Id(0)] int Replayed);
