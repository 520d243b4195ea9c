namespace BranchArchive.Grains.Inspections;

/// <summary>The inspection schedule an archive may set (configuration section <c>Inspections</c>).</summary>
public sealed class InspectionOptions
{
    public const string Section = "Inspections";

    /// <summary>Months per inspection period, counted in calendar periods from January (3: quarters).</summary>
    public int PeriodMonths { get; set; } = 3;

    /// <summary>How long before the end of its period an uninspected cabinet is listed as due.</summary>
    public TimeSpan DueLead { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each cabinet's reminder checks whether a notice is due (the reminder's period).</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many completed reports each cabinet keeps (its state is written whole).</summary>
    public int ReportsKept { get; set; } = 8;
}
