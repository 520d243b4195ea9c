using BranchArchive.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BranchArchive.Silo.Hosting;

/// <summary>Notices that reach people: subscriptions, the webhook sender and the delivery pipeline (issue 19).</summary>
public static class ArchiveNotifications
{
    public static ISiloBuilder AddArchiveNotifications(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.SendTimeout > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero
                    && o.MaxRetryDelay >= o.FirstRetryDelay && o.DispatchPeriod > TimeSpan.Zero && o.Concurrency >= 1,
                "Notifications: MaxAttempts and Concurrency at least 1; SendTimeout, FirstRetryDelay and DispatchPeriod positive; MaxRetryDelay not below FirstRetryDelay.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton<WebhookTargets>();
        return silo;
    }
}
