namespace BranchArchive.Grains.Notifications.Email;

/// <summary>
/// The e-mail settings of the <c>Notifications</c> section (the SMTP server is <see cref="SmtpOptions"/>):
/// the time zone dates are shown in and the daily digest goes out in, and when the digest goes.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications";

    /// <summary>An IANA time zone: dates in messages, and the digest's time of day. The branches keep China's time.</summary>
    public string TimeZone { get; set; } = ChinaZoneId;

    private const string ChinaZoneId = "Asia/Shanghai";

    /// <summary>The time of day (in <see cref="TimeZone"/>) the daily digest goes out.</summary>
    public TimeOnly DigestAt { get; set; } = new(7, 0);

    /// <summary>How often the digest grain looks whether a digest is due (and retries one that failed).</summary>
    public TimeSpan DigestCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts at one day's digest that fail in a way worth retrying, before that day's digest is given up.</summary>
    public int DigestAttempts { get; set; } = 5;

    /// <summary>
    /// The configured zone from the system's time zone data; the default also without it (a minimal
    /// image may lack tzdata): China keeps +08:00 all year (no daylight saving since 1991).
    /// </summary>
    public TimeZoneInfo Zone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone
        : TimeZone == ChinaZoneId ? TimeZoneInfo.CreateCustomTimeZone(ChinaZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time")
        : throw new TimeZoneNotFoundException($"Notifications:TimeZone '{TimeZone}' is not a time zone this machine knows (an IANA name such as Asia/Shanghai or UTC).");

    public bool HasKnownZone() => TimeZone == ChinaZoneId || TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}
