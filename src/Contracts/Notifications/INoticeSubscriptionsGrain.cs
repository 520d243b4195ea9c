using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// Subscriptions to notices and their delivery logs, with their rules: admins and head office for
/// any branch or head office-wide, a branch manager for their own branch only; everyone else is
/// refused (audited). A subscription the caller may not see is answered as not found, so nothing
/// of another branch's subscriptions shows. Parked deliveries are listed and replayed by admins.
/// A stateless worker.
/// </summary>
public interface INoticeSubscriptionsGrain : IGrainWithIntegerKey
{
    Task<ArchiveResult<CreatedNoticeSubscription>> Create(CreateNoticeSubscriptionCommand command, Actor actor);

    /// <summary>The caller's subscriptions: a manager's branch's; head office: all, or one branch's (<c>branch</c>), or head office-wide only (<c>headOffice</c>).</summary>
    [SafeToRetry]
    Task<ArchiveResult<IReadOnlyList<NoticeSubscription>>> List(string? branch, Actor actor);

    [SafeToRetry]
    Task<ArchiveResult<NoticeSubscription>> Get(string id, Actor actor);

    /// <summary>Removes the subscription with its delivery log; pending deliveries are dropped.</summary>
    Task<ArchiveResult<NoticeSubscription>> Delete(string id, Actor actor);

    /// <summary>Pauses (no new deliveries, pending ones wait) or resumes a subscription.</summary>
    Task<ArchiveResult<NoticeSubscription>> SetEnabled(string id, bool enabled, Actor actor);

    /// <summary>The subscription's delivery log, newest first.</summary>
    [SafeToRetry]
    Task<ArchiveResult<NoticeDeliveryPage>> Deliveries(string id, int page, int pageSize, Actor actor);

    /// <summary>The dead-letter list (admins).</summary>
    [SafeToRetry]
    Task<ArchiveResult<NoticeDeliveryPage>> Parked(int page, int pageSize, Actor actor);

    /// <summary>Puts parked deliveries back in the queue, due now, with their attempts reset (admins): one (<c>subscriptionId</c> and <c>noticeId</c>), or all.</summary>
    Task<ArchiveResult<ReplayedDeliveries>> Replay(string? subscriptionId, string? noticeId, Actor actor);
}

/// <summary>
/// Turns notices into deliveries for the subscriptions that want them and sends the due ones,
/// with retries, backoff and a dead-letter list, on a timer. One per cluster.
/// </summary>
public interface INoticeDispatcherGrain : IGrainWithIntegerKey
{
    Task Start();

    /// <summary>One pass now (dispatch new notices, then send what is due); answers how many deliveries were attempted.</summary>
    Task<int> Run();
}
