using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.Catalogue;

namespace BranchArchive.Bench;

/// <summary>
/// With <c>--explain</c>: each statement behind a question, timed on its own and with the
/// database's plan (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE), to tell which
/// statement of a slow question is slow and why. The statement texts repeat RelationalCatalogue's
/// (its SQL is private): keep them in step.
/// </summary>
public static class Explain
{
    private const string Columns =
        "FileId, FileNumber, CustomerName, CustomerType, Importance, Status, Branch, Cabinet, DueAt, Sensitivity, Location, CirculationStage, Destination";

    public static async Task<string> PlansAsync(BenchDatabase database, IReadOnlyList<Question> questions)
    {
        var now = DateTimeOffset.UtcNow;
        var report = new StringBuilder();
        await using var source = database.OpenDataSource();
        await using var connection = await source.OpenConnectionAsync();
        foreach (var question in questions)
        {
            var query = question.Samples[0];
            report.AppendLine($"#### {question.Name}: `{Scenarios.Url(query)}`").AppendLine();
            foreach (var (what, sql, parameters) in Statements(query, now, database.IsPostgres ? CatalogueDialect.Postgres : CatalogueDialect.Sqlite))
            {
                var median = await MedianAsync(connection, sql, parameters);
                report.AppendLine(CultureInfo.InvariantCulture, $"{what}: {median:F1} ms (median of 5)").AppendLine();
                report.AppendLine("```sql").AppendLine(Inline(sql, parameters, database.IsPostgres)).AppendLine("```");
                report.AppendLine("```").Append(await PlanAsync(connection, database.IsPostgres, sql, parameters)).AppendLine("```").AppendLine();
            }
        }
        return report.ToString();
    }

    private static IEnumerable<(string What, string Sql, List<(string Name, object? Value)> Parameters)> Statements(InventoryQuery? query, DateTimeOffset now, CatalogueDialect dialect)
    {
        if (query is null)
        {
            foreach (var statement in SummaryStatements.For(null, now, dialect))
            {
                yield return statement;
            }
            yield break;
        }
        var (where, parameters) = CatalogueFilter.For(query, now);
        var (countSql, countParameters) = CatalogueFilter.TagOnlyCount(query) ?? ($"SELECT COUNT(*) FROM {dialect.CountSource(query)}{where}", parameters);
        yield return ("count", countSql, countParameters);
        yield return ("page", $"SELECT {Columns} FROM {dialect.PageSource(query)}{where} ORDER BY {CatalogueFilter.OrderBy(query)} LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", query.PageSize), ("@offset", (long)(query.Page - 1) * query.PageSize)]);
    }

    private static async Task<double> MedianAsync(DbConnection connection, string sql, List<(string Name, object? Value)> parameters)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var command = Command(connection, sql, parameters);
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times.Order().ElementAt(2);
    }

    private static async Task<string> PlanAsync(DbConnection connection, bool postgres, string sql, List<(string Name, object? Value)> parameters)
    {
        await using var command = Command(connection, (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new StringBuilder();
        while (await reader.ReadAsync())
        {
            // SQLite answers (id, parent, notused, detail); PostgreSQL one line of text per row.
            plan.AppendLine(postgres ? reader.GetString(0) : reader.GetString(3));
        }
        return plan.ToString();
    }

    private static DbCommand Command(DbConnection connection, string sql, List<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>The statement with its values written in, to paste into a database shell.</summary>
    private static string Inline(string sql, List<(string Name, object? Value)> parameters, bool postgres)
    {
        // The name range ends in U+FFFF (CatalogueFilter): spelt as a function call so the text stays printable.
        var last = postgres ? "' || chr(65535)" : "' || char(65535)";
        foreach (var (name, value) in parameters.OrderByDescending(p => p.Name.Length))
        {
            sql = sql.Replace(name, value switch
            {
                string text when text.EndsWith('\uFFFF') => $"'{text[..^1].Replace("'", "''")}{last}",
                string text => $"'{text.Replace("'", "''")}'",
                null => "NULL",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            });
        }
        return sql;
    }
}
