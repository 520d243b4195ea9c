namespace BranchArchive.Contracts.AccessLog;

/// <summary>
/// The purpose a caller states for a read (header <c>X-Access-Purpose</c> or query <c>purpose</c>):
/// free text kept in the access log, so it is held to a length and to printable characters.
/// </summary>
public static class AccessPurpose
{
    public const string Header = "X-Access-Purpose";
    public const string QueryParameter = "purpose";
    public const int MaxLength = 200;

    /// <summary>Null when <paramref name="purpose"/> may be recorded, else what is wrong with it.</summary>
    public static string? Refuse(string purpose)
    {
        if (string.IsNullOrWhiteSpace(purpose))
        {
            return "must not be empty when given.";
        }
        if (purpose.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }
        // Printable only: no control, format (bidi overrides) or unassigned characters in the log.
        return purpose.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.Surrogate
                or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator)
            ? "must hold printable characters only."
            : null;
    }
}
