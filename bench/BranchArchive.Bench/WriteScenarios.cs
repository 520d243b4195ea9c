using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Bench;

/// <summary>One step of checkout/return cycles: successful operations in the measured window, their latencies, and every failure.</summary>
public sealed record CycleResult(int Workers, int Operations, double Seconds, Latency Latency, int Errors)
{
    public double PerSecond => Operations / Seconds;
}

/// <summary>A granted loan as the client saw it: granted when the checkout's answer arrived, returned no earlier than the return was sent (Stopwatch ticks).</summary>
public sealed record Grant(int Worker, string FileId, string LoanId, long GrantedAt, long ReturnSentAt);

public sealed record HotResult(int Workers, int Files, double Seconds, int Granted, int Conflicts, int Errors, int[] GrantedPerWorker,
    Latency Latency, IReadOnlyList<Grant> Grants)
{
    public double MinPerWorker => GrantedPerWorker.Min() / Seconds;

    public double MaxPerWorker => GrantedPerWorker.Max() / Seconds;

    /// <summary>Workers granted fewer than one checkout a second: the starvation target is none.</summary>
    public int Starved => GrantedPerWorker.Count(g => g / Seconds < 1);
}

/// <summary>Whether two loans of one file were ever open at once: in the files' own histories, and in the order the client saw.</summary>
public sealed record OverlapCheck(int ServerLoans, string? ServerOverlap, int ClientLoans, string? ClientOverlap)
{
    public bool Clean => ServerOverlap is null && ClientOverlap is null;
}

public sealed record MemoryResult(int Grains, int Failed, TimeSpan Took, long ManagedBefore, long ManagedAfter, long WorkingSetBefore, long WorkingSetAfter)
{
    public double ManagedPerGrain => (ManagedAfter - ManagedBefore) / (double)Grains;

    public double WorkingSetPerGrain => (WorkingSetAfter - WorkingSetBefore) / (double)Grains;
}

/// <summary>The write-path load loops. Every worker yields once per iteration: in-process calls often complete synchronously, and a worker that never yields would starve the others.</summary>
public static class WriteScenarios
{
    // A worker whose last return keeps failing stops trying after this, leaving the file out.
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    /// <summary>Each worker owns one file and loops { checkout; return }; every request is one operation.</summary>
    public static async Task<CycleResult> CyclesAsync(ILender lender, IReadOnlyList<string> files, TimeSpan warmup, TimeSpan measured)
    {
        var errors = new ErrorLog();
        var clock = Stopwatch.StartNew();
        var end = warmup + measured;
        var workers = files.Select((file, w) => Task.Run(() => WorkerAsync(file, $"cycle.{w}"))).ToArray();
        var done = await Task.WhenAll(workers);
        return new CycleResult(files.Count, done.Sum(d => d.Operations), measured.TotalSeconds, Latency.Merge(done.Select(d => d.Latency)), errors.Count);

        async Task<(Latency Latency, int Operations)> WorkerAsync(string file, string borrower)
        {
            var latency = new Latency();
            var operations = 0;
            string? loan = null;
            // Ends on a return, so the file is back on its shelf for whatever comes next.
            while (clock.Elapsed < end || (loan is not null && clock.Elapsed < end + GiveUp))
            {
                await Task.Yield();
                var started = clock.Elapsed;
                var answer = loan is null ? await lender.CheckOutAsync(file, borrower) : await lender.ReturnAsync(file, loan);
                var took = clock.Elapsed - started;
                if (!answer.Ok)
                {
                    errors.Report(loan is null ? "checkout" : "return", file, answer);
                    continue;
                }
                if (started >= warmup && started < end)
                {
                    latency.Add(took);
                    operations++;
                }
                loan = loan is null ? answer.LoanId : null;
            }
            return (latency, operations);
        }
    }

    /// <summary>
    /// Many workers on few files: each tries to check its file out under its own name; a granted
    /// loan is returned at once, a 409 (someone else has it) is counted and tried again.
    /// </summary>
    public static async Task<HotResult> HotFilesAsync(ILender lender, IReadOnlyList<string> files, int workerCount, TimeSpan warmup, TimeSpan measured)
    {
        var errors = new ErrorLog();
        var grants = new ConcurrentBag<Grant>();
        var clock = Stopwatch.StartNew();
        var end = warmup + measured;
        var workers = Enumerable.Range(0, workerCount).Select(w => Task.Run(() => WorkerAsync(w, files[w % files.Count]))).ToArray();
        var done = await Task.WhenAll(workers);
        var seconds = measured.TotalSeconds;
        return new HotResult(workerCount, files.Count, seconds, done.Sum(d => d.Granted), done.Sum(d => d.Conflicts), errors.Count,
            [.. done.Select(d => d.Granted)], Latency.Merge(done.Select(d => d.Latency)), [.. grants]);

        async Task<(Latency Latency, int Granted, int Conflicts)> WorkerAsync(int worker, string file)
        {
            var latency = new Latency();
            int granted = 0, conflicts = 0;
            var borrower = $"hot.{worker}";
            while (clock.Elapsed < end)
            {
                await Task.Yield();
                var started = clock.Elapsed;
                var measuring = started >= warmup;
                var answer = await lender.CheckOutAsync(file, borrower);
                if (measuring)
                {
                    latency.Add(clock.Elapsed - started);
                }
                if (answer.Status == 409)
                {
                    conflicts += measuring ? 1 : 0;
                    continue;
                }
                if (!answer.Ok)
                {
                    errors.Report("checkout", file, answer);
                    continue;
                }
                var grantedAt = Stopwatch.GetTimestamp();
                granted += measuring ? 1 : 0;
                long sentAt;
                LendAnswer back;
                do
                {
                    sentAt = Stopwatch.GetTimestamp();
                    back = await lender.ReturnAsync(file, answer.LoanId!);
                    if (!back.Ok)
                    {
                        errors.Report("return", file, back);
                    }
                }
                while (!back.Ok && clock.Elapsed < end + GiveUp);
                if (measuring)
                {
                    latency.Add(Stopwatch.GetElapsedTime(sentAt));
                }
                grants.Add(new Grant(worker, file, answer.LoanId!, grantedAt, sentAt));
            }
            return (latency, granted, conflicts);
        }
    }

    /// <summary>
    /// The server's word: each file's borrow register (its last <see cref="LoanHistoryLimit"/> loans)
    /// must have no two loans whose [checked out, returned) intervals overlap, and at most one open.
    /// Then the client's: no loan was granted to a worker before the previous one's return was sent.
    /// </summary>
    public static async Task<OverlapCheck> CheckOverlapsAsync(HttpClient http, IReadOnlyList<string> files, IReadOnlyList<Grant> grants)
    {
        var serverLoans = 0;
        string? serverOverlap = null;
        foreach (var file in files)
        {
            var loans = await LoanHistoryAsync(http, file);
            serverLoans += loans.Count;
            serverOverlap ??= FirstOverlap(loans.Select(l => (l.LoanId, Start: l.CheckedOutAt.UtcTicks, End: l.ReturnedAt?.UtcTicks ?? long.MaxValue)), file)
                ?? (loans.Count(l => l.ReturnedAt is null) > 1 ? $"file {file}: {loans.Count(l => l.ReturnedAt is null)} open loans" : null);
        }
        string? clientOverlap = null;
        foreach (var byFile in grants.GroupBy(g => g.FileId))
        {
            clientOverlap ??= FirstOverlap(byFile.Select(g => (g.LoanId, Start: g.GrantedAt, End: g.ReturnSentAt)), byFile.Key);
        }
        return new OverlapCheck(serverLoans, serverOverlap, grants.Count, clientOverlap);
    }

    /// <summary>A read of the file register answers this many loans (CustomerFileState.RegisterReadLimit); older ones are not checked on the server side.</summary>
    public const int LoanHistoryLimit = BranchArchive.Grains.Files.CustomerFileState.RegisterReadLimit;

    private sealed record LoanSpan(string LoanId, DateTimeOffset CheckedOutAt, DateTimeOffset? ReturnedAt);

    private static async Task<List<LoanSpan>> LoanHistoryAsync(HttpClient http, string file)
    {
        using var response = await http.GetAsync($"/api/files/{file}/loans");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/files/{file}/loans answered {(int)response.StatusCode}: {text}");
        }
        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.EnumerateArray().Select(record => new LoanSpan(
            record.GetProperty("loan").GetProperty("loanId").GetString()!,
            record.GetProperty("loan").GetProperty("checkedOutAt").GetDateTimeOffset(),
            record.TryGetProperty("returnedAt", out var returned) && returned.ValueKind == JsonValueKind.String ? returned.GetDateTimeOffset() : null))];
    }

    /// <summary>The first pair of half-open intervals [Start, End) that overlap, described, or null.</summary>
    private static string? FirstOverlap(IEnumerable<(string LoanId, long Start, long End)> spans, string file)
    {
        var sorted = spans.OrderBy(s => s.Start).ToArray();
        // Sorted by start, a span overlaps an earlier one exactly when it starts before the latest end so far.
        var latest = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Start < sorted[latest].End)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"file {file}: loan {sorted[latest].LoanId} [{sorted[latest].Start}, {sorted[latest].End}) and loan {sorted[i].LoanId} from {sorted[i].Start}");
            }
            latest = sorted[i].End > sorted[latest].End ? i : latest;
        }
        return null;
    }

    /// <summary>
    /// Activates <paramref name="files"/> with one read each (64 at a time) between two full
    /// collections: what an idle file grain costs the silo in managed heap and in working set.
    /// </summary>
    public static async Task<MemoryResult> IdleGrainMemoryAsync(IGrainFactory grains, Actor actor, IReadOnlyList<string> files, Action<string> progress)
    {
        var (managedBefore, workingSetBefore) = Settle();
        var clock = Stopwatch.StartNew();
        int failed = 0, activated = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (file, _) =>
        {
            await Task.Yield();
            var result = await grains.GetGrain<ICustomerFileGrain>(file).Get(actor);
            if (!result.Succeeded)
            {
                Interlocked.Increment(ref failed);
            }
            if (Interlocked.Increment(ref activated) % Math.Max(1, files.Count / 5) == 0)
            {
                progress($"  activated {activated:N0} of {files.Count:N0} ({activated / clock.Elapsed.TotalSeconds:N0}/s)");
            }
        });
        var took = clock.Elapsed;
        var (managedAfter, workingSetAfter) = Settle();
        return new MemoryResult(files.Count, failed, took, managedBefore, managedAfter, workingSetBefore, workingSetAfter);
    }

    private static (long Managed, long WorkingSet) Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (managed, process.WorkingSet64);
    }
}
