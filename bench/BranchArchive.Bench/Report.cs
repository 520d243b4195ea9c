using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BranchArchive.Bench;

/// <summary>The run's results as Markdown: printed at the end, and written to a file with <c>--markdown</c>.</summary>
public static class Report
{
    public static string Machine(string databaseVersion)
    {
        static string? Line(string file, string prefix) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(prefix.EndsWith('=') ? '=' : ':', 2)[1].Trim().Trim('"')
            : null;
        var memory = Line("/proc/meminfo", "MemTotal:") is { } kb ? $"{long.Parse(kb.Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 / 1024:F1} GiB" : "?";
        return $"| machine | {Environment.ProcessorCount} cores (nproc), {memory}, CPU \"{Line("/proc/cpuinfo", "model name") ?? "?"}\" |\n" +
               $"| OS | {Line("/etc/os-release", "PRETTY_NAME=") ?? RuntimeInformation.OSDescription} (kernel {Environment.OSVersion.Version}) |\n" +
               $"| .NET | {RuntimeInformation.FrameworkDescription}, Release build, server GC |\n" +
               $"| database | {databaseVersion} |\n";
    }

    public static string Dataset(Dataset data, LoadTimings load, long bytes, TimeSpan generation) =>
        $"| dataset | {data.Files.Length:N0} files, {data.Branches.Length:N0} branches × {Bench.Dataset.CabinetsPerBranch} cabinets, {Bench.Dataset.TagVocabulary.Length} tags |\n" +
        $"| generate the files in memory | {generation.TotalSeconds:F0} s |\n" +
        $"| bulk insert into OrleansStorage | {load.RowsWritten:N0} rows in {load.Rows.TotalSeconds:F0} s ({load.RowsWritten / load.Rows.TotalSeconds:N0} rows/s) |\n" +
        $"| rebuild-catalogue (shipped `CatalogueRebuild.RunAsync`) | {load.CatalogueLines:N0} lines in {load.Rebuild.TotalSeconds:F0} s ({load.CatalogueLines / load.Rebuild.TotalSeconds:N0} lines/s) |\n" +
        $"| settle (SQLite: WAL checkpoint; PostgreSQL: VACUUM ANALYZE) | {load.Settle.TotalSeconds:F0} s |\n" +
        $"| load total | {(load.Rows + load.Rebuild + load.Settle).TotalMinutes:F1} min |\n" +
        $"| database size | {bytes / 1024.0 / 1024 / 1024:F2} GiB |\n";

    public static string Latencies(IReadOnlyList<QuestionResult> results, int requests)
    {
        var table = new StringBuilder();
        table.AppendLine($"Milliseconds over {requests} sequential requests each, after a warm-up; \"SQL\" is `RelationalCatalogue` called directly on its own data source, the same SQL the API runs.");
        table.AppendLine();
        table.AppendLine("| question | matches (median) | API p50 | API p95 | API p99 | API mean | SQL p50 | SQL p95 | SQL mean | API/SQL p50 | API/SQL p95 |");
        table.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Question.Name} | {r.MedianMatches:N0} | {r.Api.P50:F1} | {r.Api.P95:F1} | {r.Api.P99:F1} | {r.Api.Mean:F1} | {r.Sql.P50:F1} | {r.Sql.P95:F1} | {r.Sql.Mean:F1} | {r.Api.P50 / r.Sql.P50:F2} | {r.Api.P95 / r.Sql.P95:F2} |"));
        }
        var mismatches = results.Sum(r => r.Mismatches);
        if (mismatches > 0)
        {
            table.AppendLine().AppendLine($"**{mismatches} answers of the API and of plain SQL differed in their totals.**");
        }
        return table.ToString();
    }

    public static string Visibility(LagResult lag, int rate, int files) =>
        string.Create(CultureInfo.InvariantCulture,
            $"""
            Writer: checkouts and returns over HTTP at {rate}/s (open loop) on {files} loaded files; after each acknowledgement, `GET /api/inventory/files?q=<number>` until the line shows the new status.

            | | p50 | p95 | p99 | max | mean |
            |---|--:|--:|--:|--:|--:|
            | write acknowledged (ms) | {lag.Ack.P50:F1} | {lag.Ack.P95:F1} | {lag.Ack.P99:F1} | {lag.Ack.Max:F1} | {lag.Ack.Mean:F1} |
            | acknowledgement → visible in a search (ms) | {lag.Lag.P50:F1} | {lag.Lag.P95:F1} | {lag.Lag.P99:F1} | {lag.Lag.Max:F1} | {lag.Lag.Mean:F1} |

            {lag.Operations:N0} operations in {lag.Seconds:F1} s: {(lag.Operations - lag.Failed) / lag.Seconds:F1} acknowledged writes/s; {lag.Failed} failed; {lag.StalePolls} searches showed the old status; {lag.NeverVisible} never became visible within 10 s.
            The lag is measured to the end of the first search that shows the change, so it includes that one search's round trip.

            """);
}
