using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// The delivery pipeline, one per cluster, on a timer and the silos' clock. Each pass:
/// <list type="number">
/// <item>dispatch: undispatched notices (the outbox, one row per event) become Pending deliveries
/// for the enabled subscriptions that want them, and are marked dispatched, in one transaction;</item>
/// <item>send: each due delivery goes through its channel's <see cref="INoticeSender"/>; its result
/// is stored only after the attempt, so a crash in between repeats the attempt with the same
/// notice id (at least once; receivers deduplicate by id). A 2xx marks it Delivered; a retryable
/// failure schedules the next attempt (backoff with jitter, stored in the row); the last attempt,
/// or a failure retrying cannot help, parks it for an admin to replay.</item>
/// </list>
/// E-mail subscriptions with a daily digest get no delivery of due-soon and overdue notices here:
/// the digest sends those.
/// </summary>
public sealed partial class NoticeDispatcherGrain(
    INoticeDeliveries deliveries, IEnumerable<INoticeSender> senders, RetrySchedule schedule, NotificationMetrics metrics,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NoticeDispatcherGrain> logger)
    : Grain, INoticeDispatcherGrain
{
    private const int Batch = 200;

    private readonly Dictionary<NoticeChannel, INoticeSender> _senders = senders.GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => g.Last());
    private IGrainTimer? _timer;

    public Task Start()
    {
        _timer ??= this.RegisterGrainTimer(async _ => await Run(),
            new GrainTimerCreationOptions(options.Value.DispatchPeriod, options.Value.DispatchPeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<int> Run()
    {
        // Each dispatched notice leaves the next query's answer, so the rounds end; the cap bounds a pass.
        for (var round = 0; round < 50 && await deliveries.DispatchAsync(Wants, clock.GetUtcNow(), Batch) == Batch; round++)
        {
        }
        var due = await deliveries.DueAsync(_senders.Keys, clock.GetUtcNow(), Batch);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency }, async (delivery, token) =>
            await AttemptAsync(delivery, token));
        return due.Count;
    }

    /// <summary>Whether a subscription gets a delivery of this notice from the pipeline.</summary>
    public static bool Wants(NoticeSubscription subscription, LoanNotice notice) =>
        subscription.Wants(notice)
        && !(subscription.Channel == NoticeChannel.Email && subscription.DailyDigest && notice.Kind is NoticeKind.DueSoon or NoticeKind.Overdue);

    private async Task AttemptAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = delivery.Subscription;
        var message = NoticeMessage.From(delivery.Notice);
        NoticeSendResult result;
        try
        {
            result = await _senders[subscription.Channel].SendAsync(subscription, delivery.Secret, [message], cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogSenderThrew(failure, subscription.Id, message.Id);
            result = new NoticeSendResult(false, true, "The sender failed: " + failure.GetType().Name);
        }
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        DeliveryAttempt attempt;
        if (result.Delivered)
        {
            attempt = new DeliveryAttempt(DeliveryStatus.Delivered, attempts, null, null, result.StatusCode, now);
            metrics.Delivered(subscription.Channel, now - delivery.Notice.At);
            LogDelivered(subscription.Id, message.Id, attempts);
        }
        else if (result.Retryable && attempts < options.Value.MaxAttempts)
        {
            var next = now + schedule.DelayAfter(attempts);
            attempt = new DeliveryAttempt(DeliveryStatus.Pending, attempts, next, Truncated(result.Error), result.StatusCode, null);
            metrics.Failed(subscription.Channel, parked: false);
            LogRetrying(subscription.Id, message.Id, attempts, next);
        }
        else
        {
            attempt = new DeliveryAttempt(DeliveryStatus.Parked, attempts, null, Truncated(result.Error), result.StatusCode, null);
            metrics.Failed(subscription.Channel, parked: true);
            LogParked(subscription.Id, message.Id, attempts, result.Error);
        }
        await deliveries.RecordAsync(subscription.Id, message.Id, attempt, CancellationToken.None);
    }

    private static string? Truncated(string? error) => error is { Length: > 500 } ? error[..500] + "…" : error;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {NoticeId} delivered to subscription {SubscriptionId} at attempt {Attempts}")]
    private partial void LogDelivered(string subscriptionId, string noticeId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} to subscription {SubscriptionId} failed at attempt {Attempts}; next attempt at {NextAttemptAt}")]
    private partial void LogRetrying(string subscriptionId, string noticeId, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notice {NoticeId} to subscription {SubscriptionId} parked after {Attempts} attempts: {Error}")]
    private partial void LogParked(string subscriptionId, string noticeId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sender threw for notice {NoticeId} to subscription {SubscriptionId}")]
    private partial void LogSenderThrew(Exception failure, string subscriptionId, string noticeId);
}
