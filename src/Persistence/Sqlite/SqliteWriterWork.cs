namespace BranchArchive.Persistence.Sqlite;

/// <summary>A SQLite writer's work so far (<see cref="SqliteWriter.Work"/>); subtract two to get a step's.</summary>
public sealed record SqliteWriterWork(long Commits, long Units, long Statements, long PagesWritten, TimeSpan Busy)
{
    public static SqliteWriterWork operator -(SqliteWriterWork after, SqliteWriterWork before) =>
        new(after.Commits - before.Commits, after.Units - before.Units, after.Statements - before.Statements,
            after.PagesWritten - before.PagesWritten, after.Busy - before.Busy);

    /// <summary>Per caller's unit (a change): statements, WAL pages and the writer's busy time in µs; per commit: units and pages.</summary>
    public string PerUnit() => Units == 0 ? "no units" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{(double)Units / Math.Max(1, Commits):F1} units and {(double)PagesWritten / Math.Max(1, Commits):F1} WAL pages per commit; per unit {(double)Statements / Units:F1} statements, {(double)PagesWritten / Units:F2} pages, {Busy.TotalMicroseconds / Units:F0} µs of the writer");
}
