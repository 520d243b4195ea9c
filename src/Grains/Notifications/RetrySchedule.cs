using Microsoft.Extensions.Options;
using Polly.Contrib.WaitAndRetry;

namespace BranchArchive.Grains.Notifications;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with jitter (Polly's decorrelated
/// jitter, which spreads receivers' retries without letting them bunch), capped at
/// <c>Notifications:MaxRetryDelay</c>. The time it gives is stored with the delivery, so the
/// schedule survives restarts.
/// </summary>
public sealed class RetrySchedule(IOptions<NotificationOptions> options)
{
    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1 for the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var delay = Backoff.DecorrelatedJitterBackoffV2(options.Value.FirstRetryDelay, Math.Max(1, failedAttempts)).Last();
        return delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay;
    }
}
