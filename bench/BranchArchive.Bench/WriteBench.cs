using BranchArchive.Persistence.Sqlite;
using System.Diagnostics;
using System.Globalization;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Bench;

/// <summary>Everything one <c>writes</c> run measured, for the report and the chart.</summary>
public sealed record WriteRun(
    string Storage, string Command, string DatabaseVersion, int Files, int Branches, TimeSpan Load, TimeSpan Step,
    IReadOnlyList<BaselineResult> Baselines, IReadOnlyList<CycleResult> Http, IReadOnlyList<CycleResult> Grain,
    HotResult Hot, OverlapCheck Overlaps, MemoryResult Memory)
{
    /// <summary>SQLite's one-writer figure stands for every worker count; PostgreSQL has one per count.</summary>
    public BaselineResult BaselineFor(int workers) => Baselines.Count == 1 ? Baselines[0] : Baselines.Single(b => b.Writers == workers);

    public int Errors => Http.Sum(r => r.Errors) + Grain.Sum(r => r.Errors) + Hot.Errors + Memory.Failed;
}

/// <summary>
/// The <c>writes</c> command: checkout/return throughput and latency over HTTP and straight to the
/// grains, against the storage's own durable write limit on the same database; then many workers on
/// a few hot files (fairness, and no two loans of a file at once); then the memory of idle file grains.
/// </summary>
public static class WriteBench
{
    private const int Branches = 50;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> options)
    {
        var storage = options.GetValueOrDefault("storage", "sqlite");
        if (storage is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("--storage must be sqlite or postgres");
            return 2;
        }
        var measured = TimeSpan.FromSeconds(options.Int("seconds", 10));
        int[] workerCounts = [.. options.GetValueOrDefault("workers", "1,8,32,64").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture))];
        var hotWorkers = options.Int("hot-workers", 32);
        var hotFiles = options.Int("hot-files", 4);
        var idleGrains = options.Int("idle-grains", 100_000);

        var run = Stopwatch.StartNew();
        void Progress(string message) => Console.WriteLine($"[{run.Elapsed:mm\\:ss}] {message}");

        // Distinct lendable files for every step (HTTP and grain), the hot files apart, idle grains from the rest.
        var lent = 2 * workerCounts.Sum() + hotFiles;
        var data = new Dataset(Math.Max(200, idleGrains + 2 * lent), Branches, DateTimeOffset.UtcNow);
        var lendable = new Queue<string>(data.Files.Where(f => f.Status == FileStatus.OnShelf && f.Lendable).Select(f => f.Id));
        if (lendable.Count < lent)
        {
            throw new InvalidOperationException($"Only {lendable.Count} lendable files for {lent} workers' files.");
        }
        string[] Take(int count) => [.. Enumerable.Range(0, count).Select(_ => lendable.Dequeue())];
        var httpFiles = workerCounts.Select(Take).ToArray();
        var grainFiles = workerCounts.Select(Take).ToArray();
        var hot = Take(hotFiles);
        var used = new HashSet<string>(httpFiles.Concat(grainFiles).SelectMany(f => f).Concat(hot), StringComparer.Ordinal);
        string[] idle = [.. data.Files.Select(f => f.Id).Where(id => !used.Contains(id)).Take(idleGrains)];

        await using var database = await BenchDatabase.CreateAsync(storage, options.GetValueOrDefault("data", Path.Combine(Path.GetTempPath(), "branch-archive-bench")), options.ContainsKey("keep"));
        Progress($"loading {data.Files.Length:N0} files across {Branches} branches into {storage}: {database.Location}");
        var load = Stopwatch.StartNew();
        await BulkLoader.LoadAsync(database, data, ApiHost.ServiceId, Progress);
        load.Stop();
        var (app, address, startup) = await ApiHost.StartAsync(database);
        Progress($"API listening on {address}; start-up walk over the cabinets done {startup.TotalSeconds:N1} s later");

        // Baseline first, while nothing else writes to the database.
        await Baseline.PrepareAsync(database, workerCounts.Max());
        var baselines = new List<BaselineResult>();
        if (database.IsPostgres)
        {
            foreach (var n in workerCounts)
            {
                baselines.Add(await Baseline.PostgresAsync(database.Settings.PostgresConnectionString!, n, Warmup, measured));
                Progress(Line($"baseline, {n} writer(s)", baselines[^1].PerSecond, baselines[^1].Latency, 0));
            }
        }
        else
        {
            baselines.Add(await Task.Run(() => Baseline.Sqlite(database.Settings.Sqlite.Path, workerCounts.Max(), Warmup, measured)));
            Progress(Line("baseline, 1 writer", baselines[0].PerSecond, baselines[0].Latency, 0));
        }

        // One connection per worker: no request waits for a connection, none is recycled mid-run.
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(workerCounts.Max(), hotWorkers) + 8,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        await ApiHost.AuthorizeAsync(http, "bench");
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        // What the API makes of an archivist's token without a branch (ActorClaims.ToActor).
        var actor = new Actor("bench", StaffRoles.Archivist, null);

        // SQLite: how many commits the file's one writer made per step (group commit at work).
        var writer = app.Services.GetService<SqliteDatabase>()?.Writes;
        // Its thread's CPU time apart from its waits on the disk (Linux; the thread ends when idle, so a step reads it at both ends).
        string Commits((SqliteWriterWork Work, TimeSpan Cpu)? before, CycleResult step) => writer is null || before is not ({ } work, var cpu) ? "" : string.Create(CultureInfo.InvariantCulture,
            $", {(writer.Commits - work.Commits) / (step.Seconds + Warmup.TotalSeconds):N0} commits/s; {(writer.Work - work).PerUnit()}, {(ThreadCpu.Of("sqlite-writer") - cpu).TotalMicroseconds / Math.Max(1, (writer.Work - work).Units):F0} µs of its CPU");
        var httpResults = new List<CycleResult>();
        for (var i = 0; i < workerCounts.Length; i++)
        {
            (SqliteWriterWork, TimeSpan)? commits = writer is null ? null : (writer.Work, ThreadCpu.Of("sqlite-writer"));
            httpResults.Add(await WriteScenarios.CyclesAsync(new HttpLender(http), httpFiles[i], Warmup, measured));
            Progress(Line($"HTTP cycles, {workerCounts[i]} worker(s)", httpResults[^1].PerSecond, httpResults[^1].Latency, httpResults[^1].Errors)
                + Commits(commits, httpResults[^1]));
        }
        var grainResults = new List<CycleResult>();
        for (var i = 0; i < workerCounts.Length; i++)
        {
            (SqliteWriterWork, TimeSpan)? commits = writer is null ? null : (writer.Work, ThreadCpu.Of("sqlite-writer"));
            grainResults.Add(await WriteScenarios.CyclesAsync(new GrainLender(grains, actor), grainFiles[i], Warmup, measured));
            Progress(Line($"grain cycles, {workerCounts[i]} worker(s)", grainResults[^1].PerSecond, grainResults[^1].Latency, grainResults[^1].Errors)
                + Commits(commits, grainResults[^1]));
        }

        var hotResult = await WriteScenarios.HotFilesAsync(new HttpLender(http), hot, hotWorkers, Warmup, measured);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"hot files: {hotWorkers} workers on {hotFiles} files: {hotResult.Granted / hotResult.Seconds:F1} granted/s, {hotResult.Conflicts / hotResult.Seconds:F1} conflicts/s, per worker {hotResult.MinPerWorker:F1}..{hotResult.MaxPerWorker:F1}/s ({hotResult.Starved} below 1/s), {hotResult.Errors} errors"));
        Progress($"  granted per worker: {string.Join(' ', hotResult.GrantedPerWorker)}");
        var overlaps = await WriteScenarios.CheckOverlapsAsync(http, hot, hotResult.Grants);
        Progress($"overlaps: {WriteReport.Overlaps(overlaps)}");

        Progress($"activating {idle.Length:N0} idle file grains");
        var memory = await WriteScenarios.IdleGrainMemoryAsync(grains, actor, idle, Progress);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"idle grains: {memory.ManagedPerGrain:N0} managed bytes, {memory.WorkingSetPerGrain:N0} working-set bytes per grain ({memory.Grains:N0} in {memory.Took.TotalSeconds:F1} s, {memory.Failed} failed)"));

        await app.StopAsync();
        await app.DisposeAsync();

        var result = new WriteRun(storage, $"dotnet run -c Release --project bench/BranchArchive.Bench -- {string.Join(' ', args)}",
            await database.VersionAsync(), data.Files.Length, Branches, load.Elapsed, measured,
            baselines, httpResults, grainResults, hotResult, overlaps, memory);
        var markdown = WriteReport.Markdown(result);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.TryGetValue("markdown", out var markdownPath))
        {
            await File.WriteAllTextAsync(markdownPath, markdown);
        }
        if (options.TryGetValue("svg", out var svgPath))
        {
            await File.WriteAllTextAsync(svgPath, Plot.Svg(result));
        }
        return result.Errors == 0 && overlaps.Clean ? 0 : 1;
    }

    private static string Line(string what, double perSecond, Latency latency, int errors) => string.Create(CultureInfo.InvariantCulture,
        $"{what,-26} {perSecond,8:N0}/s  p50 {latency.P50,6:F1}  p99 {latency.P99,6:F1}  max {latency.Max,7:F1} ms  {errors} errors");
}
