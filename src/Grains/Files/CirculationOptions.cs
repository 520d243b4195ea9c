namespace BranchArchive.Grains.Files;

/// <summary>The circulation rules an archive may set (configuration section <c>Circulation</c>).</summary>
public sealed class CirculationOptions
{
    public const string Section = "Circulation";

    /// <summary>Files never lent whatever their flag says (by default: accounting files); see <see cref="NeverLentOptions"/>.</summary>
    public NeverLentOptions NeverLent { get; set; } = new();

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

    /// <summary>
    /// How long before a pickup expires the requesting branch and the borrower are told it is about
    /// to (<c>PickupExpiring</c>); zero: never. At least as long as <see cref="PickupExpiry"/>: told at the arrival.
    /// </summary>
    public TimeSpan PickupExpiryWarning { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often loans are checked for notices due (and files awaiting pickup for expiry).</summary>
    public TimeSpan NoticeSweepPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Open loans one borrower may hold, by role as written in tokens (<c>Circulation:LoanLimits:clerk=5</c>).
    /// A borrower holding several roles gets the largest of their limits; roles not named here get
    /// <see cref="DefaultLoanLimit"/>.
    /// </summary>
    public Dictionary<string, int> LoanLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["clerk"] = 5,
        ["manager"] = 10,
    };

    /// <summary>The limit for a borrower none of whose roles is in <see cref="LoanLimits"/>.</summary>
    public int DefaultLoanLimit { get; set; } = 5;

    /// <summary>
    /// Lend to names that are not on the branch's staff list, as free text (not counted against any
    /// limit). Off in production; for an archive going live before its staff lists are loaded, and
    /// for the test suites that lend to made-up names.
    /// </summary>
    public bool AllowUnlistedBorrowers { get; set; }

    /// <summary>
    /// How old a slot a borrower grain holds must be before it is checked with its file: longer than
    /// a checkout takes (the file stores its loan right after the slot is reserved).
    /// </summary>
    public TimeSpan SlotCheckAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The limit for a borrower with <paramref name="roles"/>.</summary>
    public int LoanLimitFor(IEnumerable<string> roles) =>
        roles.Select(role => LoanLimits.TryGetValue(role, out var limit) ? limit : (int?)null).Max() ?? DefaultLoanLimit;
}
