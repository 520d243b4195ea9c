using System.Diagnostics.Metrics;

namespace BranchArchive.Grains.Telemetry;

/// <summary>Daily e-mail digests by outcome, and the notices they carried.</summary>
public sealed class EmailDigestMetrics
{
    private readonly Counter<long> _digests;
    private readonly Counter<long> _notices;

    public EmailDigestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OperationMetrics.MeterName);
        _digests = meter.CreateCounter<long>("archive.notices.digests", "{message}",
            "Daily e-mail digests by outcome: sent; retrying (a failure worth another attempt); failed (given up for that day); interrupted (the silo stopped during a send, so it may or may not have gone: not sent again).");
        _notices = meter.CreateCounter<long>("archive.notices.digest_notices", "{notice}", "Notices listed in the daily e-mail digests sent.");
    }

    public void Sent(int notices)
    {
        _digests.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        _notices.Add(notices);
    }

    public void NotSent(string outcome) => _digests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
