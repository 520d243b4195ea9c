using BranchArchive.Contracts.Inspections;

namespace BranchArchive.Grains.Inspections;

/// <summary>
/// When a cabinet is due. Periods are calendar periods of <c>PeriodMonths</c> (UTC, from January:
/// quarters by default). A cabinet inspected during a period is next due by the end of the
/// following period; one never inspected is due by the end of the period its schedule began in,
/// or of the next one if that end is closer than the lead. It is listed as due from the lead
/// before that date and overdue after it. Only stored dates and the clock go in, so the answer
/// is the same after a restart.
/// </summary>
internal static class InspectionCalendar
{
    public static DateTimeOffset PeriodStart(DateTimeOffset at, int months)
    {
        var utc = at.ToUniversalTime();
        var index = (utc.Year * 12 + utc.Month - 1) / months * months;
        return new DateTimeOffset(index / 12, index % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset PeriodEnd(DateTimeOffset at, int months) => PeriodStart(at, months).AddMonths(months);

    public static DateTimeOffset DueBy(DateTimeOffset scheduledSince, DateTimeOffset? lastInspectedAt, InspectionOptions options)
    {
        var months = options.PeriodMonths;
        if (lastInspectedAt is { } done)
        {
            return PeriodEnd(PeriodEnd(done, months), months);
        }
        var end = PeriodEnd(scheduledSince, months);
        return end - scheduledSince < options.DueLead ? PeriodEnd(end, months) : end;
    }

    public static InspectionDueState StateAt(DateTimeOffset now, DateTimeOffset dueBy, TimeSpan lead) =>
        now >= dueBy ? InspectionDueState.Overdue : now >= dueBy - lead ? InspectionDueState.Due : InspectionDueState.NotDue;

    /// <summary>The next moment the state changes (due, then overdue), or null once overdue.</summary>
    public static DateTimeOffset? NextChange(DateTimeOffset now, DateTimeOffset dueBy, TimeSpan lead) =>
        now < dueBy - lead ? dueBy - lead : now < dueBy ? dueBy : null;
}
