using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>Turns an <see cref="InventoryQuery"/> into a WHERE clause every filter of which an index serves.</summary>
public static class CatalogueFilter
{
    public static (string Where, List<(string Name, object? Value)> Parameters) For(InventoryQuery query, DateTimeOffset now)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(string condition, string name, object? value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }
        if (query.Branch is not null) Add("f.Branch = @branch", "@branch", query.Branch);
        if (query.Cabinet is not null) Add("f.Cabinet = @cabinet", "@cabinet", query.Cabinet);
        if (query.Location is not null) Add("f.Location = @location", "@location", query.Location);
        // "IS NOT NULL" for SQLite's partial index on destinations, as for due dates below.
        if (query.Destination is not null) Add("f.Destination IS NOT NULL AND f.Destination = @destination", "@destination", query.Destination);
        if (query.CirculationStage is { } stage) Add("f.CirculationStage = @stage", "@stage", stage.ToString());
        // The approval queue: few files wait at once, so the partial index on AwaitingApproval is small.
        if (query.Awaiting is { } awaiting)
        {
            Add("f.AwaitingApproval IS NOT NULL AND (',' || f.AwaitingApproval || ',') LIKE @awaiting", "@awaiting", $"%,{awaiting},%");
        }
        // Only open loans have a due date.
        if (query.DueFrom is { } from) Add("f.DueAt IS NOT NULL AND f.DueAt >= @dueFrom", "@dueFrom", Timestamps.Format(from));
        if (query.DueBefore is { } before) Add("f.DueAt IS NOT NULL AND f.DueAt < @dueBefore", "@dueBefore", Timestamps.Format(before));
        if (query.Status is { } status) Add("f.Status = @status", "@status", status.ToString());
        if (query.Importance is { } importance) Add("f.Importance = @importance", "@importance", importance.ToString());
        if (query.Type is { } type) Add("f.CustomerType = @type", "@type", type.ToString());
        if (query.Tag is not null)
        {
            Add("f.FileNumber IN (SELECT t.FileNumber FROM CatalogueTags t WHERE t.Tag = @tag)", "@tag", query.Tag.Trim());
        }
        if (query.Overdue)
        {
            // "IS NOT NULL" is implied by the comparison, but SQLite uses a partial index only when the query says it.
            Add("f.DueAt IS NOT NULL AND f.DueAt < @now", "@now", Timestamps.Format(now));
            conditions.Add($"f.Status = '{FileStatus.CheckedOut}'");
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // A file number matches exactly; otherwise the customer's name by its beginning, as a
            // byte-ordered range so the NameKey index serves it on SQLite and PostgreSQL alike.
            var q = query.Q.Trim();
            // A name the caller may not see must not match either, or counts would tell it apart.
            var name = query.NamesOfRestrictedHidden
                ? $"(f.NameKey >= @nameFrom AND f.NameKey < @nameTo AND f.Sensitivity <> '{Sensitivity.Restricted}')"
                : "(f.NameKey >= @nameFrom AND f.NameKey < @nameTo)";
            parameters.Add(("@nameFrom", NameKey(q)));
            parameters.Add(("@nameTo", NameKey(q) + "\uFFFF"));
            if (long.TryParse(q, out var number))
            {
                conditions.Add($"(f.FileNumber = @number OR {name})");
                parameters.Add(("@number", number));
            }
            else
            {
                conditions.Add(name);
            }
        }
        return (conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>
    /// The order of a search's answer, total so paging is stable: by name for a name search (an
    /// index walk that stops at the page, however common the name), else by file number.
    /// </summary>
    public static string OrderBy(InventoryQuery query) =>
        IsNameSearch(query) ? "f.NameKey, f.FileNumber" : "f.FileNumber";

    /// <summary>
    /// The count of a search that filters by tag alone, from the tag table's own key: joining
    /// the files for a tag on a third of the archive costs hundreds of milliseconds.
    /// </summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? TagOnlyCount(InventoryQuery query) =>
        query is { Tag: not null, Branch: null, Cabinet: null, Status: null, Importance: null, Type: null, Overdue: false, Location: null,
            Destination: null, CirculationStage: null, DueFrom: null, DueBefore: null, Awaiting: null }
            && string.IsNullOrWhiteSpace(query.Q)
            ? ("SELECT COUNT(*) FROM CatalogueTags t WHERE t.Tag = @tag", [("@tag", query.Tag.Trim())])
            : null;

    /// <summary>The archive-wide overdue list: no filter but <c>overdue</c>.</summary>
    public static bool IsOverdueOnly(InventoryQuery query) =>
        query is { Overdue: true, Branch: null, Cabinet: null, Status: null, Importance: null, Type: null, Tag: null, Location: null, Destination: null,
            CirculationStage: null, DueFrom: null, DueBefore: null, Awaiting: null } && string.IsNullOrWhiteSpace(query.Q);

    private static bool IsNameSearch(InventoryQuery query) =>
        !string.IsNullOrWhiteSpace(query.Q) && !long.TryParse(query.Q.Trim(), out _);

    /// <summary>How the catalogue stores what a file awaits: the kinds' names, comma-separated in their order; null for nothing.</summary>
    public static string? ApprovalKinds(IReadOnlySet<ApprovalKind>? kinds) =>
        kinds is { Count: > 0 } ? string.Join(",", Enum.GetValues<ApprovalKind>().Where(kinds.Contains)) : null;

    /// <summary>The kinds a stored <see cref="ApprovalKinds"/> names (a name not known here is skipped).</summary>
    public static IReadOnlyList<ApprovalKind> ParseApprovalKinds(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => Enum.TryParse<ApprovalKind>(name, out var kind) ? kind : (ApprovalKind?)null)
            .OfType<ApprovalKind>()];

    /// <summary>How a name is compared: trimmed, lower case, full-width letters and digits as half-width.</summary>
    public static string NameKey(string? name) =>
        (name ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
}
