using BranchArchive.Contracts.Inventory;

namespace BranchArchive.Persistence.Catalogue;

/// <summary>
/// The statements behind the inventory summary, in the order it runs them (the benchmark's
/// <c>--explain</c> shows these same ones). Every statement answers rows of (key, second key or
/// '', count). The counters are summed in the database, over a key's rows in every shard and over
/// the keys of each figure, so the summary reads a few hundred rows instead of one per counter key
/// (13,000 at 300 branches), and no client-side grouping is left to do.
/// </summary>
public static class SummaryStatements
{
    public const string ByBranchAndStatus = "counters by branch and status";
    public const string ByCustomerType = "counters by customer type";
    public const string ByImportance = "counters by importance";
    public const string ByPlace = "counters by place";
    public const string OverdueByBranch = "overdue count by branch";

    /// <param name="branch">One branch's summary, or null for every branch.</param>
    public static IReadOnlyList<(string What, string Sql, List<(string Name, object? Value)> Parameters)> For(
        string? branch, DateTimeOffset now, CatalogueDialect dialect)
    {
        List<(string, object?)> scope = branch is null ? [] : [("@branch", branch)];
        // Negative rows of one shard are cancelled by the others: only sums mean anything (CounterChanges).
        string Sum(string table, string key, string? second = null, string? condition = null)
        {
            var conditions = new[] { condition, branch is null ? null : "Branch = @branch" }.OfType<string>().ToList();
            var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
            var keys = second is null ? key : $"{key}, {second}";
            return $"SELECT {key}, {second ?? "''"}, CAST(SUM(Files) AS BIGINT) FROM {table}{where} GROUP BY {keys} HAVING SUM(Files) > 0";
        }

        var overdue = new InventoryQuery(branch, null, null, null, null, null, null, Overdue: true);
        var (where, parameters) = CatalogueFilter.For(overdue, now);
        return
        [
            (ByBranchAndStatus, Sum("CatalogueCounts", "Branch", "Status"), scope),
            (ByCustomerType, Sum("CatalogueCounts", "CustomerType", condition: "CustomerType <> ''"), scope), // '': type not known, not a type to show
            (ByImportance, Sum("CatalogueCounts", "Importance"), scope),
            (ByPlace, Sum("CatalogueLocationCounts", "Branch", "Stage"), scope),
            // Archive-wide, a range over due dates read from the index alone; for one branch, the branch's own rows are fewer.
            (OverdueByBranch, $"SELECT f.Branch, '', COUNT(*) FROM {dialect.CountSource(overdue)}{where} GROUP BY f.Branch", parameters),
        ];
    }
}
