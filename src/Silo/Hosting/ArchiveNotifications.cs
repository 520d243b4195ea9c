using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Notifications;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BranchArchive.Silo.Hosting;

/// <summary>Notices that reach people: subscriptions, the webhook sender and the delivery pipeline (issue 19).</summary>
public static class ArchiveNotifications
{
    public static ISiloBuilder AddArchiveNotifications(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .Validate(o => o.MaxAttempts >= 1 && o.SendTimeout > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero
                    && o.MaxRetryDelay >= o.FirstRetryDelay && o.DispatchPeriod > TimeSpan.Zero && o.Concurrency >= 1,
                "Notifications: MaxAttempts and Concurrency at least 1; SendTimeout, FirstRetryDelay and DispatchPeriod positive; MaxRetryDelay not below FirstRetryDelay.")
            .ValidateOnStart();
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<RetrySchedule>();
        services.TryAddSingleton<NotificationMetrics>();
        services.AddSingleton<DeadLetterGauge>();
        services.AddHostedService(provider => provider.GetRequiredService<DeadLetterGauge>());
        // Webhooks: the connection is checked against the SSRF rules (DNS rebinding included); the
        // per-attempt timeout is the sender's, so the client's own is off. The factory's own request
        // logs (full URLs, which may carry a receiver's token) are off: the sender logs ids only.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookSender.Handler(provider.GetRequiredService<WebhookTargets>()))
            .RemoveAllLoggers();
        services.AddSingleton<INoticeSender, WebhookSender>();
        silo.AddStartupTask((provider, _) => provider.GetRequiredService<IGrainFactory>().GetGrain<INoticeDispatcherGrain>(0).Start());
        services.AddHostedService<NoticeDispatcherKeeper>();
        return silo;
    }
}
