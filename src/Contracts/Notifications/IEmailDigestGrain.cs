namespace BranchArchive.Contracts.Notifications;

/// <summary>
/// Sends the daily e-mail digest: for each enabled e-mail subscription with <c>DailyDigest</c>, the
/// due-soon and overdue notices of its branch (every branch for head office) raised since its last
/// digest, in one message, once a day at <c>Notifications:DigestAt</c>. One per cluster; each
/// subscription's progress is stored, so a restart neither skips a day nor sends one twice.
/// </summary>
public interface IEmailDigestGrain : IGrainWithIntegerKey
{
    Task Start();

    /// <summary>One pass now: sends the digests that are due (or retries one that failed); answers how many went out.</summary>
    Task<int> SendDue();
}
