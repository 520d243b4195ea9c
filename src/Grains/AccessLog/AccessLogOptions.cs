namespace BranchArchive.Grains.AccessLog;

/// <summary>
/// The access log (configuration section <c>AccessLog</c>): how long its records are kept and how
/// often the old ones are purged. See docs/operations.md.
/// </summary>
public sealed class AccessLogOptions
{
    public const string Section = "AccessLog";

    /// <summary>
    /// Reads are recorded, and every read waits for its record (fail closed). Only the benchmark and
    /// tests turn it off, to measure what the log costs; a silo without it warns at start.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a record is kept. Default 10 years: the shortest time the practice keeps accounting
    /// files (会计档案), so "who has seen this file" can be answered for as long as most files read are
    /// themselves kept, and well over the 6 months the Cybersecurity Law asks of access logs.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3653);

    /// <summary>How often records older than <see cref="Retention"/> are purged (a grain timer).</summary>
    public TimeSpan PurgePeriod { get; set; } = TimeSpan.FromDays(1);
}
