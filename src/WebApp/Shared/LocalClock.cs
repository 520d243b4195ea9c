using System.Globalization;

namespace BranchArchive.WebApp.Shared;

/// <summary>
/// Shows the API's UTC timestamps in the user's time zone (the browser's) and their language's
/// format. Cascaded by the layout; until the browser has said its zone, times show in UTC.
/// </summary>
public sealed class LocalClock(TimeZoneInfo zone)
{
    public static readonly LocalClock Utc = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    public static LocalClock For(string? zoneId)
    {
        try
        {
            return zoneId is { Length: > 0 } ? new LocalClock(TimeZoneInfo.FindSystemTimeZoneById(zoneId)) : Utc;
        }
        catch (TimeZoneNotFoundException)
        {
            return Utc;
        }
    }

    /// <summary>Date and short time, e.g. <c>2026/12/6 16:30</c> in Chinese, <c>12/6/2026 4:30 PM</c> in English.</summary>
    public string Format(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("g", CultureInfo.CurrentCulture) : "";

    public string FormatDate(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("d", CultureInfo.CurrentCulture) : "";
}
