using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BranchArchive.Bench;

/// <summary>
/// The <c>import</c> command: a generated department export (Chinese headers and spellings, some
/// full-width names) sent to POST /api/imports on a fresh database, timed from the POST until the
/// job reports Completed; every row must be imported and be in the catalogue.
/// </summary>
public static class ImportBench
{
    private const string Branch = "BR01";

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> options)
    {
        var storage = options.GetValueOrDefault("storage", "sqlite");
        var rows = options.Int("rows", 10_000);
        var cabinets = options.Int("cabinets", Math.Max(1, rows / 250));
        var parallelism = options.Int("parallelism", 32);
        var batch = options.Int("batch", 500);
        var run = Stopwatch.StartNew();
        void Progress(string message) => Console.WriteLine($"[{run.Elapsed:mm\\:ss}] {message}");

        await using var database = await BenchDatabase.CreateAsync(storage, options.GetValueOrDefault("data", Path.Combine(Path.GetTempPath(), "branch-archive-bench")), options.ContainsKey("keep"));
        var (app, address, _) = await ApiHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["Import:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Import:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
        });
        Progress($"API listening on {address}, {storage} at {database.Location}");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        await ApiHost.AuthorizeAsync(http, "bench.import");

        (await http.PostAsJsonAsync("/api/branches", new { code = Branch, name = "Import bench", region = "East" })).EnsureSuccessStatusCode();
        var capacity = rows / cabinets + 10;
        for (var c = 1; c <= cabinets; c++)
        {
            (await http.PostAsJsonAsync($"/api/branches/{Branch}/cabinets", new { code = $"C{c:D3}", name = $"Cabinet {c}", capacity })).EnsureSuccessStatusCode();
        }
        var csv = Generate(rows, cabinets);
        Progress($"{rows:N0} rows ({Encoding.UTF8.GetByteCount(csv) / 1024.0 / 1024:F1} MiB) into {cabinets} cabinets; parallelism {parallelism}, batches of {batch}");

        var clock = Stopwatch.StartNew();
        using var posted = await http.PostAsync($"/api/imports?branch={Branch}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/imports answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        }
        var accepted = clock.Elapsed;
        var location = posted.Headers.Location!.ToString();
        JsonElement job;
        var lastShown = TimeSpan.Zero;
        while (true)
        {
            job = JsonDocument.Parse(await http.GetStringAsync(location)).RootElement.Clone();
            if (job.GetProperty("state").GetString() != "Running")
            {
                break;
            }
            if (clock.Elapsed - lastShown >= TimeSpan.FromSeconds(5))
            {
                lastShown = clock.Elapsed;
                Progress($"{job.GetProperty("rowsDone").GetInt32():N0} of {rows:N0} rows done");
            }
            await Task.Delay(100);
        }
        var took = clock.Elapsed;
        var imported = job.GetProperty("imported").GetInt32();
        var summary = JsonDocument.Parse(await http.GetStringAsync("/api/inventory/summary")).RootElement;
        var catalogued = summary.GetProperty("total").GetInt64();
        await app.StopAsync();
        await app.DisposeAsync();

        var perMinute = imported / took.TotalMinutes;
        var ok = job.GetProperty("state").GetString() == "Completed" && imported == rows && catalogued == rows;
        var markdown = string.Create(CultureInfo.InvariantCulture,
            $"""
            | | |
            |---|---|
            | command | `dotnet run -c Release --project bench/BranchArchive.Bench -- {string.Join(' ', args)}` |
            | machine | {Environment.ProcessorCount} cores, {storage}, {Environment.OSVersion} |
            | rows | {rows:N0} into {cabinets} cabinets of {Branch}; parallelism {parallelism}, batches of {batch} |
            | POST answered 202 after | {accepted.TotalMilliseconds:N0} ms (CSV read, rows stored) |
            | job completed after | {took.TotalSeconds:N1} s |
            | imported / duplicates / errors | {imported:N0} / {job.GetProperty("duplicates").GetInt32()} / {job.GetProperty("errors").GetInt32()} |
            | files in the catalogue | {catalogued:N0} |
            | **throughput** | **{perMinute:N0} files per minute** ({imported / took.TotalSeconds:N0}/s) |
            """);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.TryGetValue("markdown", out var path))
        {
            await File.WriteAllTextAsync(path, markdown);
        }
        return ok ? 0 : 1;
    }

    private static readonly string[] Types = ["个人", "企业", "政府", "enterprise"];
    private static readonly string[] Importances = ["VIP", "普通", "潜在", "normal"];
    private static readonly string[] Industries = ["机械", "金融", "房地产", "Trade"];

    /// <summary>One customer per row, each with its own id number and name.</summary>
    private static string Generate(int rows, int cabinets)
    {
        var csv = new StringBuilder(rows * 150).Append("客户名称,客户类型,证件号码,行业,地区,重要性,标签,合作阶段,年度,季度,柜号,文件\n");
        for (var i = 1; i <= rows; i++)
        {
            var name = i % 10 == 0 ? $"客户{ToFullWidth(i.ToString("D7", CultureInfo.InvariantCulture))}号" : $"客户{i:D7}号";
            csv.Append(CultureInfo.InvariantCulture,
                $"{name},{Types[i % 4]},9131{i:D10},{Industries[i % 4]},上海,{Importances[i % 4]},contract;2024,签约,2024,Q{i % 4 + 1},C{i % cabinets + 1:D3},合同|Framework contract|12|2024/3/1\n");
        }
        return csv.ToString();
    }

    private static string ToFullWidth(string ascii) => new([.. ascii.Select(c => (char)(c + 0xFEE0))]);
}
