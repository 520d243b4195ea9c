using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Inventory;
using BranchArchive.Persistence.Catalogue;

namespace BranchArchive.Bench;

/// <summary>One question head office asks, with the parameters of every request (the same list for the API and for plain SQL). A null query is the summary.</summary>
public sealed record Question(string Name, IReadOnlyList<InventoryQuery?> Samples);

public sealed record QuestionResult(Question Question, Latency Api, Latency Sql, long MedianMatches, int Mismatches);

public sealed record LagResult(int Operations, int Failed, double Seconds, Latency Ack, Latency Lag, int StalePolls, int NeverVisible);

/// <summary>The measurements: read latency over HTTP and in plain SQL, then visibility under a steady write load.</summary>
public sealed class Scenarios(HttpClient http, Dataset data, int requests, int warmup)
{
    private const int PageSize = 50;

    /// <summary>Typical searches; each sample varies its parameters so no single page stays hot.</summary>
    public IReadOnlyList<Question> Questions()
    {
        var random = new Random(data.Seed + 1);
        var count = warmup + requests;
        string Branch() => data.Branches[random.Next(data.Branches.Length)];
        FilePlan AnyFile() => data.Files[random.Next(data.Files.Length)];
        List<InventoryQuery?> Samples(Func<InventoryQuery> make) => [.. Enumerable.Range(0, count).Select(_ => make())];
        InventoryQuery Query(string? branch = null, string? cabinet = null, FileStatus? status = null, Importance? importance = null,
            CustomerType? type = null, string? tag = null, string? q = null, bool overdue = false) =>
            new(branch, cabinet, status, importance, type, tag, q, overdue, 1, PageSize);

        return
        [
            new("summary", [.. Enumerable.Repeat<InventoryQuery?>(null, count)]),
            new("branch + status", Samples(() => Query(branch: Branch(), status: Enum.GetValues<FileStatus>()[random.Next(5)]))),
            new("branch + cabinet", Samples(() => Query(branch: Branch(), cabinet: data.Cabinets[random.Next(data.Cabinets.Length)]))),
            new("importance + type", Samples(() => Query(importance: (Importance)random.Next(3), type: (CustomerType)random.Next(3)))),
            new("tag", Samples(() => Query(tag: Dataset.TagVocabulary[random.Next(Dataset.TagVocabulary.Length)]))),
            // What a clerk types to find one customer: surname and first given name, or city and firm.
            new("q name prefix", Samples(() => Query(q: TypedPrefix(AnyFile().Name)))),
            // The widest a name search gets: a surname or a city alone (王 is on ~6 % of all files).
            new("q one-word prefix", Samples(() => Query(q: OneWord(AnyFile())))),
            new("q file number", Samples(() => Query(q: AnyFile().Number.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            new("overdue", Samples(() => Query(overdue: true))),
        ];
    }

    private static string OneWord(FilePlan file) => file.Name[..(file.Type == CustomerType.Individual ? 1 : 2)];

    private static string TypedPrefix(string name) => name.Length <= 2 ? name : name[..(name.Any(char.IsAsciiLetter) ? 5 : name.Length <= 3 ? 2 : 4)];

    public async Task<QuestionResult> MeasureAsync(Question question, ICatalogue catalogue)
    {
        var api = new Latency();
        var sql = new Latency();
        var matches = new List<long>();
        var mismatches = 0;
        // Warm-up first for both sides, then the measured requests: the API's, then the same in SQL.
        for (var i = 0; i < question.Samples.Count; i++)
        {
            var measured = i >= warmup;
            var started = Stopwatch.GetTimestamp();
            var body = await GetAsync(Url(question.Samples[i]));
            if (measured)
            {
                api.Add(Stopwatch.GetElapsedTime(started));
                matches.Add(TotalOf(body));
            }
        }
        for (var i = 0; i < question.Samples.Count; i++)
        {
            var measured = i >= warmup;
            var query = question.Samples[i];
            var started = Stopwatch.GetTimestamp();
            var total = query is null
                ? (await catalogue.SummaryAsync(null, DateTimeOffset.UtcNow)).Total
                : (await catalogue.SearchAsync(query, DateTimeOffset.UtcNow)).Total;
            if (measured)
            {
                sql.Add(Stopwatch.GetElapsedTime(started));
                mismatches += total == matches[i - warmup] ? 0 : 1;
            }
        }
        return new QuestionResult(question, api, sql, matches.Order().ElementAt(matches.Count / 2), mismatches);
    }

    /// <summary>
    /// Checkouts and returns at a steady rate (open loop: a slow answer does not delay the next
    /// request), each followed by searches for the file's number until its line shows the new status.
    /// </summary>
    public async Task<LagResult> MeasureVisibilityAsync(int rate, int seconds, int fileCount)
    {
        var random = new Random(data.Seed + 2);
        var files = data.Files.Where(f => f.Status == FileStatus.OnShelf && f.Lendable).OrderBy(_ => random.Next()).Take(fileCount).ToArray();
        var openLoans = new string?[files.Length];
        var previous = new Task[files.Length];
        Array.Fill(previous, Task.CompletedTask);
        var ack = new Latency();
        var lag = new Latency();
        int failed = 0, stale = 0, never = 0;
        var total = rate * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var operations = new List<Task>(total);
        for (var k = 0; k < total; k++)
        {
            var due = interval * k;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var slot = k % files.Length;
            // Operations on one file follow each other (a return needs the loan id); other files run alongside.
            previous[slot] = previous[slot].ContinueWith(_ => Operate(slot), TaskScheduler.Default).Unwrap();
            operations.Add(previous[slot]);
        }
        await Task.WhenAll(operations);
        var elapsed = clock.Elapsed.TotalSeconds;
        return new LagResult(total, failed, elapsed, ack, lag, stale, never);

        async Task Operate(int slot)
        {
            var file = files[slot];
            var checkout = openLoans[slot] is null;
            var started = Stopwatch.GetTimestamp();
            using var response = checkout
                ? await http.PostAsJsonAsync($"/api/files/{file.Id}/checkout", new { borrower = "bench.writer", purpose = "Visibility benchmark", days = 14 })
                : await http.PostAsJsonAsync($"/api/files/{file.Id}/return", new { loanId = openLoans[slot], condition = "Intact" });
            var acknowledged = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"  {(checkout ? "checkout" : "return")} of file {file.Number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return;
            }
            lock (ack)
            {
                ack.Add(Stopwatch.GetElapsedTime(started, acknowledged));
            }
            if (checkout)
            {
                using var loan = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                openLoans[slot] = loan.RootElement.GetProperty("loanId").GetString();
            }
            else
            {
                openLoans[slot] = null;
            }
            var expected = checkout ? nameof(FileStatus.CheckedOut) : nameof(FileStatus.OnShelf);
            // Polls back to back: the first answer that shows the new status ends the wait.
            while (Stopwatch.GetElapsedTime(acknowledged) < TimeSpan.FromSeconds(10))
            {
                var body = await GetAsync($"/api/inventory/files?q={file.Number}&pageSize={PageSize}");
                if (StatusOf(body, file.Number) == expected)
                {
                    lock (lag)
                    {
                        lag.Add(Stopwatch.GetElapsedTime(acknowledged));
                    }
                    return;
                }
                Interlocked.Increment(ref stale);
            }
            Interlocked.Increment(ref never);
        }
    }

    public async Task<byte[]> GetAsync(string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
        return body;
    }

    public static string Url(InventoryQuery? query)
    {
        if (query is null)
        {
            return "/api/inventory/summary";
        }
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}");
            }
        }
        Add("branch", query.Branch);
        Add("cabinet", query.Cabinet);
        Add("status", query.Status);
        Add("importance", query.Importance);
        Add("type", query.Type);
        Add("tag", query.Tag);
        Add("q", query.Q);
        Add("overdue", query.Overdue ? "true" : null);
        Add("page", query.Page);
        Add("pageSize", query.PageSize);
        return "/api/inventory/files?" + string.Join('&', parts);
    }

    private static long TotalOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("total").GetInt64();
    }

    private static string? StatusOf(byte[] body, long fileNumber)
    {
        using var json = JsonDocument.Parse(body);
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("fileNumber").GetInt64() == fileNumber)
            {
                return item.GetProperty("status").GetString();
            }
        }
        return null;
    }
}
