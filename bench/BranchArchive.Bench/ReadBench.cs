using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace BranchArchive.Bench;

/// <summary>
/// The <c>reads</c> command: what the access log costs a read. The same reads of files' details
/// (GET /api/files/{id}, with a stated purpose) at several worker counts, with the access log off
/// and on, alternating in one run on one database, so the two differ in nothing but the log.
/// </summary>
public static class ReadBench
{
    private const string Branch = "RD01";

    private sealed record Result(bool Logged, int Round, int Workers, long Reads, int Errors, TimeSpan Took, Latency Latency)
    {
        public double PerSecond => Reads / Took.TotalSeconds;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var storage = options.GetValueOrDefault("storage", "sqlite");
        if (storage is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("--storage must be sqlite or postgres");
            return 2;
        }
        var files = options.Int("files", 200);
        var measured = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var rounds = options.Int("rounds", 2);
        var workerCounts = options.GetValueOrDefault("workers", "1,16,64").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var run = Stopwatch.StartNew();
        void Progress(string message) => Console.WriteLine($"[{run.Elapsed:mm\\:ss}] {message}");

        await using var database = await BenchDatabase.CreateAsync(storage,
            options.GetValueOrDefault("data", Path.Combine(Path.GetTempPath(), "branch-archive-bench")), options.ContainsKey("keep"));
        var ids = await RegisterAsync(database, files);
        Progress($"{files} files registered in {storage} at {database.Location}");

        var results = new List<Result>();
        for (var round = 1; round <= rounds; round++)
        {
            // Off first in odd rounds, on first in even ones: neither mode always gets the warmer cache.
            foreach (var logged in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                var (app, address, _) = await ApiHost.StartAsync(database, new Dictionary<string, string?> { ["AccessLog:Enabled"] = logged ? "true" : "false" });
                await using (app)
                {
                    using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
                    await ApiHost.AuthorizeAsync(http, "bench.reader");
                    http.DefaultRequestHeaders.Add("X-Access-Purpose", "Benchmark of the access log");
                    await ReadForAsync(http, ids, workers: 8, TimeSpan.FromSeconds(1)); // activates the grains, warms the JIT
                    foreach (var workers in workerCounts)
                    {
                        var result = await ReadForAsync(http, ids, workers, measured) with { Logged = logged, Round = round };
                        results.Add(result);
                        Progress($"round {round}, access log {(logged ? "on " : "off")}, {workers,3} workers: {result.PerSecond,8:F0} reads/s, " +
                                 $"p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F2} ms, errors {result.Errors}");
                    }
                    await app.StopAsync();
                }
            }
        }
        var report = Report(storage, files, measured, results);
        Console.WriteLine(report);
        if (options.GetValueOrDefault("markdown") is { } markdown)
        {
            await File.WriteAllTextAsync(markdown, report);
        }
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static async Task<List<string>> RegisterAsync(BenchDatabase database, int files)
    {
        var (app, address, _) = await ApiHost.StartAsync(database);
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = address };
            await ApiHost.AuthorizeAsync(http, "bench.registrar");
            (await http.PostAsJsonAsync("/api/branches", new { code = Branch, name = "Read bench", region = "East" })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/branches/{Branch}/cabinets", new { code = "C01", name = "Cabinet 1", capacity = files + 10 })).EnsureSuccessStatusCode();
            var ids = new List<string>();
            for (var i = 0; i < files; i++)
            {
                using var created = await http.PostAsJsonAsync("/api/files", new
                {
                    branch = Branch, cabinet = "C01",
                    customer = new { name = $"读者测试客户 {i}", type = "Enterprise", idNumber = $"9131000{i:D9}", industry = "Machinery", region = "Shanghai" },
                    importance = "Normal", sensitivity = "Confidential", lendable = true, tags = new[] { "bench" },
                    documents = new[] { new { type = "Cooperation", title = "Framework contract", pages = 12, date = "2026-03-01" } },
                });
                created.EnsureSuccessStatusCode();
                ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
            }
            await app.StopAsync();
            return ids;
        }
    }

    private static async Task<Result> ReadForAsync(HttpClient http, IReadOnlyList<string> ids, int workers, TimeSpan duration)
    {
        var stop = Stopwatch.StartNew();
        var parts = new Latency[workers];
        var (reads, errors) = (new long[workers], new int[workers]);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var (latency, random) = (parts[worker] = new Latency(), new Random(worker));
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"/api/files/{ids[random.Next(ids.Count)]}");
                await response.Content.LoadIntoBufferAsync();
                latency.Add(Stopwatch.GetElapsedTime(started));
                if (response.IsSuccessStatusCode)
                {
                    reads[worker]++;
                }
                else
                {
                    errors[worker]++;
                }
            }
        })));
        return new Result(false, 0, workers, reads.Sum(), errors.Sum(), stop.Elapsed, Latency.Merge(parts));
    }

    private static string Report(string storage, int files, TimeSpan measured, IReadOnlyList<Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Reads with the access log off and on ({storage}, {files} files, {measured.TotalSeconds:F0} s per step, {Environment.ProcessorCount} cores)");
        text.AppendLine();
        text.AppendLine("| workers | log | reads/s | p50 ms | p99 ms | on ÷ off (reads/s) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Workers).OrderBy(g => g.Key))
        {
            var off = group.Where(r => !r.Logged).ToList();
            var on = group.Where(r => r.Logged).ToList();
            var (offRate, onRate) = (off.Average(r => r.PerSecond), on.Average(r => r.PerSecond));
            var (offLatency, onLatency) = (Latency.Merge(off.Select(r => r.Latency)), Latency.Merge(on.Select(r => r.Latency)));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | off | {offRate:F0} | {offLatency.P50:F2} | {offLatency.P99:F2} | |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | on | {onRate:F0} | {onLatency.P50:F2} | {onLatency.P99:F2} | {onRate / offRate:P0} |");
        }
        return text.ToString();
    }
}
