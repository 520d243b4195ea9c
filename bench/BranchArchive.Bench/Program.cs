using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BranchArchive.Bench;

// dotnet run -c Release --project bench/BranchArchive.Bench -- inventory --files 1000000 --branches 300 --storage sqlite
const string Usage = """
    usage: inventory [--files N=20000] [--branches N=300] [--storage sqlite|postgres] [--requests N=200] [--warmup N=20]
                     [--rate OPS=50] [--seconds S=25] [--writer-files N=300] [--data DIR=$TMPDIR/branch-archive-bench] [--keep] [--explain] [--markdown FILE]
           explain --db SQLITE-FILE|POSTGRES-DATABASE [--storage sqlite|postgres] [--files N] [--branches N]
             (the statements and plans of a database kept with --keep; give the same --files and --branches)
           writes --storage sqlite|postgres [--seconds S=10] [--workers 1,8,32,64] [--hot-workers 32] [--hot-files 4]
                  [--idle-grains 100000] [--data DIR] [--markdown FILE] [--svg FILE] [--keep]
             (checkout/return throughput and latency over HTTP and direct to the grains, against the storage's own write limit)
           import [--rows N=10000] [--storage sqlite|postgres] [--cabinets N=rows/250] [--parallelism N=32] [--batch N=500]
                  [--data DIR] [--markdown FILE] [--keep]
             (POST /api/imports of a generated CSV, timed until the job completes: files per minute)
           webapp [--files N=100000] [--branches N=300] [--rounds N=20] [--storage sqlite|postgres] [--data DIR] [--markdown FILE] [--keep]
             (the staff web app in Debian's Chromium against the published API: desk usable, scan to card, checkout, head-office search)
           reads [--storage sqlite|postgres] [--files N=200] [--seconds S=10] [--workers 1,16,64] [--rounds N=2] [--data DIR] [--markdown FILE] [--keep]
             (GET /api/files/{id} throughput and latency with the access log off and on, alternating in one run)
           trace-summary --file TRACE.speedscope.json [--thread-with METHOD] [--top 40]
             (where a dotnet-trace thread-time profile's time went: one thread's, or CPU across all)
    """;
if (args.Length == 0 || args[0] is not ("inventory" or "explain" or "writes" or "reads" or "import" or "webapp" or "trace-summary"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"unexpected '{args[i]}'\n{Usage}");
        return 2;
    }
    options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
}
if (args[0] == "writes")
{
    return await WriteBench.RunAsync(args, options);
}
if (args[0] == "reads")
{
    return await ReadBench.RunAsync(options);
}
if (args[0] == "import")
{
    return await ImportBench.RunAsync(args, options);
}
if (args[0] == "webapp")
{
    return await WebAppBench.RunAsync(args, options);
}
if (args[0] == "trace-summary")
{
    return TraceSummary.Run(options);
}
var files = options.Int("files", 20_000);
var branches = options.Int("branches", 300);
var storage = options.GetValueOrDefault("storage", "sqlite");
var requests = options.Int("requests", 200);
var warmup = options.Int("warmup", 20);
var rate = options.Int("rate", 50);
var seconds = options.Int("seconds", 25);
var writerFiles = options.Int("writer-files", 300);
if (storage is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine($"--storage must be sqlite or postgres\n{Usage}");
    return 2;
}
if (args[0] == "explain")
{
    // The dataset is deterministic: the same sizes give the same questions as the run that made the database.
    var kept = BenchDatabase.Existing(storage, options.GetValueOrDefault("db") ?? throw new ArgumentException("explain needs --db"));
    var sample = new Scenarios(new HttpClient(), new Dataset(files, branches, DateTimeOffset.UtcNow), requests: 1, warmup: 0);
    Console.WriteLine(await Explain.PlansAsync(kept, sample.Questions()));
    return 0;
}
const string ServiceId = ApiHost.ServiceId;

var run = Stopwatch.StartNew();
void Progress(string message) => Console.WriteLine($"[{run.Elapsed:mm\\:ss}] {message}");

Progress($"generating {files:N0} files across {branches} branches");
var generation = Stopwatch.StartNew();
var data = new Dataset(files, branches, DateTimeOffset.UtcNow);
generation.Stop();

await using var database = await BenchDatabase.CreateAsync(storage, options.GetValueOrDefault("data", Path.Combine(Path.GetTempPath(), "branch-archive-bench")), options.ContainsKey("keep"));
Progress($"loading into {storage}: {database.Location}");
var load = await BulkLoader.LoadAsync(database, data, ServiceId, Progress);
var size = await database.SizeBytesAsync();
Progress($"loaded in {(load.Rows + load.Rebuild + load.Settle).TotalMinutes:F1} min; {size / 1024.0 / 1024 / 1024:F2} GiB");

var (app, address, startup) = await ApiHost.StartAsync(database);
var startupWalk = string.Create(CultureInfo.InvariantCulture, $"{startup.TotalSeconds:N1} s after the API listened, before any measurement");
Progress($"API listening on {address}; start-up walk over the cabinets done {startupWalk}");

using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
await ApiHost.AuthorizeAsync(http, "bench");

// The grains must read the imported rows as their own: a file answers with its number.
var probe = data.Files[files / 2];
using (var file = JsonDocument.Parse(await (await http.GetAsync($"/api/files/{probe.Id}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync()))
{
    var number = file.RootElement.GetProperty("fileNumber").GetInt64();
    if (number != probe.Number)
    {
        throw new InvalidOperationException($"File {probe.Id} answered number {number}, expected {probe.Number}.");
    }
}

var scenarios = new Scenarios(http, data, requests, warmup);
var questions = scenarios.Questions();
var results = new List<QuestionResult>();
var sweep = "";
await using (var source = database.OpenDataSource())
{
    var catalogue = database.Catalogue(source);
    foreach (var question in questions)
    {
        var result = await scenarios.MeasureAsync(question, catalogue);
        results.Add(result);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"{question.Name,-18} matches {result.MedianMatches,9:N0}  API p50 {result.Api.P50,7:F1} p95 {result.Api.P95,7:F1} ms   SQL p50 {result.Sql.P50,7:F1} p95 {result.Sql.P95,7:F1} ms"));
    }
    // The catalogue sweeper's check (a minute after a silo starts, then hourly): how long one full
    // comparison of all stored files with their lines takes at this size, in the sweeper's slices.
    var sweepTimes = new List<double>();
    var behind = 0;
    for (var i = 0; i < 3; i++)
    {
        var started = Stopwatch.GetTimestamp();
        behind = 0;
        for (string? after = ""; after is not null;)
        {
            var slice = await catalogue.FindBehindAsync(ServiceId, after, 10_000);
            behind += slice.Behind.Count;
            after = slice.Next;
        }
        sweepTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    sweep = string.Create(CultureInfo.InvariantCulture, $"{sweepTimes.Order().ElementAt(1):N0} ms (median of 3), {behind} line(s) behind");
    Progress($"sweeper scan: {sweep}");
}

Progress($"writer: {rate}/s for {seconds} s on {writerFiles} files");
var lag = await scenarios.MeasureVisibilityAsync(rate, seconds, writerFiles);

// A registration after the import continues the numbering and finds room in a loaded cabinet.
var registered = await http.PostAsJsonAsync("/api/files", new
{
    branch = data.Branches[0], cabinet = data.Cabinets[0], importance = "Normal",
    customer = new { name = "导入检查", type = "Individual" },
});
var registeredBody = await registered.Content.ReadAsStringAsync();
var importCheck = registered.IsSuccessStatusCode && JsonDocument.Parse(registeredBody).RootElement.GetProperty("fileNumber").GetInt64() == files + 1
    ? $"a file registered after the import got number {files + 1:N0} in {data.Branches[0]}/{data.Cabinets[0]}"
    : $"**registration after the import did not continue the numbering: {(int)registered.StatusCode} {registeredBody}**";
Progress(importCheck);

await app.StopAsync();
await app.DisposeAsync();

var version = await database.VersionAsync();
var plans = options.ContainsKey("explain") ? "\n#### Statements and plans (first sample of each question)\n\n" + await Explain.PlansAsync(database, questions) : "";
var markdown =
    $"""
    ### {storage}, {files:N0} files, {branches} branches

    | | |
    |---|---|
    {Report.Machine(version)}| command | `dotnet run -c Release --project bench/BranchArchive.Bench -- {string.Join(' ', args)}` |
    {Report.Dataset(data, load, size, generation.Elapsed)}| import check | {importCheck} |
    | catalogue sweeper's scan | {sweep} |
    | silo's start-up walk (inspection reminders of every cabinet) | {startupWalk} |

    {Report.Latencies(results, requests)}
    {Report.Visibility(lag, rate, writerFiles)}{plans}
    """;
Console.WriteLine();
Console.WriteLine(markdown);
if (options.TryGetValue("markdown", out var path))
{
    await File.WriteAllTextAsync(path, markdown);
}
return lag.Failed == 0 && lag.NeverVisible == 0 && results.All(r => r.Mismatches == 0) ? 0 : 1;
