using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Files;

/// <summary>
/// The year and quarter a file is filed under (按时间顺序): documents of different years are not
/// mixed in one volume. Given together or not at all; by default the quarter of registration.
/// </summary>
public static class FilingPeriod
{
    public const int FirstYear = 1900;
    public const int LastYear = 2200;

    public static void Validate(ValidationErrors errors, int? year, int? quarter)
    {
        if (year is { } y)
        {
            errors.Range("year", y, FirstYear, LastYear);
        }
        if (quarter is { } q)
        {
            errors.Range("quarter", q, 1, 4);
        }
        if (year is null != quarter is null)
        {
            errors.Add(year is null ? "year" : "quarter", "is required when the other of year and quarter is given.");
        }
    }

    public static int QuarterOf(DateTimeOffset at) => (at.Month - 1) / 3 + 1;
}
