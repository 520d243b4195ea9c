namespace BranchArchive.Grains.Files;

/// <summary>
/// Purpose-bound access to files outside the asker's normal scope (configuration section <c>Access</c>).
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>The longest an approval may grant; a request for longer is refused as bad input.</summary>
    public TimeSpan MaxGrant { get; set; } = TimeSpan.FromHours(8);

    /// <summary>What a request grants when it names no hours.</summary>
    public TimeSpan DefaultGrant { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long an emergency grant lasts (it is granted at once, before anyone approves it).</summary>
    public TimeSpan EmergencyGrant { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Within how long of an emergency grant a manager of the file's branch or head office must review it; later it shows as overdue.</summary>
    public TimeSpan EmergencyReviewWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many finished requests a file keeps in its state (pending, granted and unreviewed ones are always kept).</summary>
    public int FinishedKept { get; set; } = 20;

    public bool IsValid =>
        MaxGrant >= TimeSpan.FromHours(1) && DefaultGrant >= TimeSpan.FromHours(1) && DefaultGrant <= MaxGrant
        && EmergencyGrant > TimeSpan.Zero && EmergencyGrant <= MaxGrant && EmergencyReviewWithin > TimeSpan.Zero && FinishedKept >= 1;
}
