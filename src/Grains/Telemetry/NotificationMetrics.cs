using System.Diagnostics.Metrics;
using BranchArchive.Contracts.Notifications;

namespace BranchArchive.Grains.Telemetry;

/// <summary>
/// The delivery pipeline's metrics, by channel: notices delivered, attempts failed, retries
/// scheduled, deliveries parked, and the latency from a notice being raised to its delivery.
/// The dead-letter list's size is <see cref="DeadLetterGauge"/>.
/// </summary>
public sealed class NotificationMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _parked;
    private readonly Histogram<double> _latency;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OperationMetrics.MeterName);
        _delivered = meter.CreateCounter<long>("archive.notices.delivered", "{delivery}", "Notices delivered (a 2xx from the webhook, or the mail server took it).");
        _failed = meter.CreateCounter<long>("archive.notices.failed", "{attempt}", "Delivery attempts that failed (retried or parked).");
        _retried = meter.CreateCounter<long>("archive.notices.retried", "{attempt}", "Failed attempts scheduled to be tried again.");
        _parked = meter.CreateCounter<long>("archive.notices.parked", "{delivery}", "Deliveries given up and parked in the dead-letter list.");
        _latency = meter.CreateHistogram<double>("archive.notices.delivery.latency", "s", "From a notice being raised to its delivery.");
    }

    public void Delivered(NoticeChannel channel, TimeSpan latency)
    {
        _delivered.Add(1, Tag(channel));
        _latency.Record(Math.Max(0, latency.TotalSeconds), Tag(channel));
    }

    public void Failed(NoticeChannel channel, bool parked)
    {
        _failed.Add(1, Tag(channel));
        (parked ? _parked : _retried).Add(1, Tag(channel));
    }

    private static KeyValuePair<string, object?> Tag(NoticeChannel channel) => new("channel", channel.ToString());
}
