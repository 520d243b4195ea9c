namespace BranchArchive.Grains.Notifications;

/// <summary>The <c>Notifications</c> settings: where webhooks may point, and how deliveries are sent and retried.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Let webhooks point at loopback, link-local and private addresses (a receiver on the same
    /// host or network). Off by default: such a URL could reach the archive's own services (SSRF).
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Webhook URLs must be https. Unset: required in Production, http allowed elsewhere.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>How long one webhook attempt may take (connect, send, answer) before it counts as a retryable timeout.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is parked in the dead-letter list.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The median delay before the first retry; later ones grow exponentially, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No retry waits longer than this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the dispatcher turns new notices into deliveries and sends what is due.</summary>
    public TimeSpan DispatchPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries sent at the same time by the dispatcher.</summary>
    public int Concurrency { get; set; } = 8;
}
