namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// The notice subscriptions in the archive's database, for whoever sends notices (the delivery
/// pipeline, the e-mail digest). Read-only here; the subscriptions grain changes them.
/// </summary>
public interface INoticeSubscriptions
{
    /// <summary>Every enabled subscription, of every branch and head office, oldest first.</summary>
    Task<IReadOnlyList<NoticeSubscription>> ListEnabledAsync(CancellationToken cancellationToken = default);

    /// <summary>The subscription, enabled or not; null if there is none with this id.</summary>
    Task<NoticeSubscription?> GetAsync(string id, CancellationToken cancellationToken = default);
}
