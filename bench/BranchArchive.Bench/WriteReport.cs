using System.Globalization;
using System.Text;

namespace BranchArchive.Bench;

/// <summary>The <c>writes</c> run as Markdown: printed at the end, and written to a file with <c>--markdown</c>.</summary>
public static class WriteReport
{
    public static string Markdown(WriteRun run)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"### Write path, {run.Storage}");
        Line($"");
        Line($"| | |");
        Line($"|---|---|");
        text.Append(Report.Machine(run.DatabaseVersion));
        Line($"| command | `{run.Command}` |");
        Line($"| dataset | {run.Files:N0} files across {run.Branches} branches, bulk-loaded in {run.Load.TotalSeconds:F0} s |");
        Line($"| each step | 1 s warm-up (not counted), then {run.Step.TotalSeconds:F0} s measured |");
        Line($"");

        Line($"#### Baseline: the storage's own durable writes");
        Line($"");
        Line($"Autocommit `UPDATE bench_baseline SET n = n + 1 WHERE id = @id` on the archive's own database, same durability ({(run.Storage == "sqlite" ? "WAL, synchronous=FULL; one writer, as SQLite takes one write transaction at a time per file — that figure stands for every worker count below" : "synchronous_commit as the server has it; one connection per writer, each on its own row, pgbench-style")}).");
        Line($"");
        Line($"| writers | writes/s | p50 ms | p99 ms | max ms |");
        Line($"|--:|--:|--:|--:|--:|");
        foreach (var b in run.Baselines)
        {
            Line($"| {b.Writers} | {b.PerSecond:N0} | {b.Latency.P50:F2} | {b.Latency.P99:F2} | {b.Latency.Max:F1} |");
        }
        Line($"");

        Line($"#### Checkout/return cycles");
        Line($"");
        Line($"Each worker loops {{ checkout; return }} on a file of its own; every request is one operation. \"HTTP\" goes through the API on loopback (one pooled connection per worker); \"grain\" calls the file grains through the silo's own `IGrainFactory`. Latencies in ms.");
        Line($"");
        Line($"| workers | HTTP ops/s | HTTP p50 | p95 | p99 | max | grain ops/s | grain p50 | p95 | p99 | max | baseline writes/s | HTTP ops ÷ baseline | errors (HTTP/grain) |");
        Line($"|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (var i = 0; i < run.Http.Count; i++)
        {
            var (h, g) = (run.Http[i], run.Grain[i]);
            var baseline = run.BaselineFor(h.Workers);
            Line($"| {h.Workers} | {h.PerSecond:N0} | {h.Latency.P50:F1} | {h.Latency.P95:F1} | {h.Latency.P99:F1} | {h.Latency.Max:F1} | {g.PerSecond:N0} | {g.Latency.P50:F1} | {g.Latency.P95:F1} | {g.Latency.P99:F1} | {g.Latency.Max:F1} | {baseline.PerSecond:N0} | {h.PerSecond / baseline.PerSecond:F2} | {h.Errors}/{g.Errors} |");
        }
        Line($"");

        var hot = run.Hot;
        Line($"#### Hot files");
        Line($"");
        Line($"{hot.Workers} workers on {hot.Files} files over HTTP ({hot.Workers / hot.Files} per file): each checks its file out under its own name, returns it at once when granted, and tries again at once after a 409.");
        Line($"");
        Line($"| granted checkouts/s | conflicts (409)/s | errors | granted per worker per second, min | max | workers below 1/s | request p50 ms | p99 ms |");
        Line($"|--:|--:|--:|--:|--:|--:|--:|--:|");
        Line($"| {hot.Granted / hot.Seconds:N1} | {hot.Conflicts / hot.Seconds:N1} | {hot.Errors} | {hot.MinPerWorker:F1} | {hot.MaxPerWorker:F1} | {hot.Starved} of {hot.Workers} | {hot.Latency.P50:F1} | {hot.Latency.P99:F1} |");
        Line($"");
        Line($"Granted checkouts per worker over the {hot.Seconds:F0} s, worker by worker (workers {hot.Files} apart share a file): {string.Join(", ", hot.GrantedPerWorker)}.");
        Line($"");
        Line($"Overlapping loans: {Overlaps(run.Overlaps)}. The server side reads each hot file's borrow register (`GET /api/files/{{id}}/loans`, the newest {WriteScenarios.LoanHistoryLimit} loans of the file register); the client side compares, per file, when each grant arrived with when the previous loan's return was sent, over every grant of the run.");
        Line($"");

        var memory = run.Memory;
        Line($"#### Memory per idle file grain");
        Line($"");
        Line($"| grains activated (one `Get` each, 64 at a time) | took | managed bytes per grain | working-set bytes per grain | failed |");
        Line($"|--:|--:|--:|--:|--:|");
        Line($"| {memory.Grains:N0} | {memory.Took.TotalSeconds:F1} s ({memory.Grains / memory.Took.TotalSeconds:N0}/s) | {memory.ManagedPerGrain:N0} | {memory.WorkingSetPerGrain:N0} | {memory.Failed} |");
        Line($"");
        Line($"Differences across full, compacting collections before and after (`GC.GetTotalMemory`, process working set): managed {Mib(memory.ManagedBefore)} → {Mib(memory.ManagedAfter)} MiB, working set {Mib(memory.WorkingSetBefore)} → {Mib(memory.WorkingSetAfter)} MiB. The working set also holds the database driver's page cache and whatever the server GC keeps committed.");
        return text.ToString();
    }

    public static string Overlaps(OverlapCheck check) => check.Clean
        ? $"0 ({check.ServerLoans:N0} loans in the files' registers, {check.ClientLoans:N0} grants seen by the client checked)"
        : $"**{check.ServerOverlap ?? check.ClientOverlap}**" + (check.ServerOverlap is not null && check.ClientOverlap is not null ? $"; client: **{check.ClientOverlap}**" : "");

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024).ToString("F1", CultureInfo.InvariantCulture);
}
