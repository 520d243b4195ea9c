namespace BranchArchive.Grains.Files;

/// <summary>The circulation rules an archive may set (configuration section <c>Circulation</c>).</summary>
public sealed class CirculationOptions
{
    public const string Section = "Circulation";

    /// <summary>How many times one loan may be renewed.</summary>
    public int MaxRenewals { get; set; } = 2;

    /// <summary>How many requests may wait for one file (bounded: the queue is part of the file's state).</summary>
    public int MaxQueue { get; set; } = 50;

    /// <summary>How long before the due date the borrower's branch is reminded.</summary>
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How long before its due date a loan may be renewed at the earliest; unset (the default) or
    /// zero: any time. A renewal asked for sooner is refused (409) naming this setting.
    /// </summary>
    public TimeSpan? EarliestRenewalBefore { get; set; }

    /// <summary>
    /// How long a file waits at the requesting branch for its borrower before the pickup expires: the
    /// request is dropped, the branch notified, and the file goes home (whence it serves the next request).
    /// </summary>
    public TimeSpan PickupExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often loans are checked for notices due (and files awaiting pickup for expiry).</summary>
    public TimeSpan NoticeSweepPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
