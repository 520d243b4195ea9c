using System.Globalization;

namespace BranchArchive.Persistence;

/// <summary>Timestamps stored as text: ISO 8601 UTC with 7 fraction digits, so they sort as they compare.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
