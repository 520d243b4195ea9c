namespace BranchArchive.Contracts.Notifications;

/// <summary>The subscriptions' table as the subscriptions grain changes it (silo side only).</summary>
public interface INoticeSubscriptionStore : INoticeSubscriptions
{
    /// <summary>Stores a new subscription with its webhook signing secret (null for e-mail).</summary>
    Task AddAsync(NoticeSubscription subscription, string? secret, CancellationToken cancellationToken = default);

    /// <summary>Subscriptions of one branch (<paramref name="branch"/>), or all (null), oldest first.</summary>
    Task<IReadOnlyList<NoticeSubscription>> ListAsync(string? branch, CancellationToken cancellationToken = default);

    /// <summary>Removes it and its deliveries; false if there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>False if there is none with this id.</summary>
    Task<bool> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken = default);
}
