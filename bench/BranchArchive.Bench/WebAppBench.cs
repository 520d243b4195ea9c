using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using BranchArchive.Contracts.Files;
using Microsoft.Playwright;

namespace BranchArchive.Bench;

/// <summary>
/// The <c>webapp</c> command: the staff web app in Debian's Chromium, driven by Playwright, against
/// the published API (the app as it ships) on a bulk-loaded archive. It times what issue #14 asks
/// of the app: the desk usable after navigating to it (the interactive circuit up and the scan field
/// focused), a scanned number to its file card, a checkout by scanned number (and how many
/// interactions it takes), and head office's search and dashboard at the archive's size.
/// </summary>
public static class WebAppBench
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> options)
    {
        var files = options.Int("files", 100_000);
        var branches = options.Int("branches", 300);
        var rounds = options.Int("rounds", 20);
        var storage = options.GetValueOrDefault("storage", "sqlite");
        var folder = options.GetValueOrDefault("data", Path.Combine(Path.GetTempPath(), "branch-archive-bench"));
        var run = Stopwatch.StartNew();
        void Progress(string message) => Console.WriteLine($"[{run.Elapsed:mm\\:ss}] {message}");
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"No Chromium at {Chromium}: apt-get install chromium (or bash .ci/webapp-browser.sh).");
            return 2;
        }

        var published = Path.Combine(folder, "api-publish");
        Progress($"dotnet publish src/Api -c Release -o {published}");
        await RunToEndAsync("dotnet", ["publish", Path.Combine(RepositoryRoot(), "src", "Api"), "-c", "Release", "-o", published, "-v", "q", "--nologo"]);

        var data = new Dataset(files, branches, DateTimeOffset.UtcNow);
        await using var database = await BenchDatabase.CreateAsync(storage, folder, options.ContainsKey("keep"));
        Progress($"loading {files:N0} files across {branches} branches into {storage}: {database.Location}");
        var load = await BulkLoader.LoadAsync(database, data, ApiHost.ServiceId, Progress);
        var size = await database.SizeBytesAsync();

        var address = new Uri($"http://127.0.0.1:{ApiHost.FreePort()}/");
        using var api = StartApi(published, address, database);
        await WaitUntilReadyAsync(address, api);
        Progress($"API (published, its own process) listening on {address}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });

        // A clerk of the branch with the most lendable files on the shelf, as the desk meets them.
        var branch = data.Files.Where(Lendable).GroupBy(f => f.Branch).MaxBy(g => g.Count())!;
        var branchCode = data.Branches[branch.Key];
        var toLend = branch.Take(rounds + 2).ToList();
        if (toLend.Count < rounds + 2)
        {
            throw new InvalidOperationException($"Branch {branchCode} has only {toLend.Count} lendable files on the shelf; load more files.");
        }
        var clerk = await SignedInPageAsync(browser, address, $"clerk.{branchCode.ToLowerInvariant()}", "clerk", branchCode, "/desk");
        try
        {
            return await MeasureAsync(args, options, data, load, size, database, browser, address, clerk, branchCode, toLend, rounds, branches, storage, files, Progress);
        }
        catch (Exception)
        {
            // Where the browser stood when a step gave up, for whoever reads the failure.
            var shot = Path.Combine(folder, "webapp-bench-failure.png");
            await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Console.Error.WriteLine($"The page when it failed: {shot}\n{await clerk.InnerTextAsync("body")}");
            throw;
        }
        finally
        {
            api.Kill(entireProcessTree: true);
        }
    }

    private static async Task<int> MeasureAsync(
        string[] args, IReadOnlyDictionary<string, string> options, Dataset data, LoadTimings load, long size, BenchDatabase database,
        IBrowser browser, Uri address, IPage clerk, string branchCode, List<FilePlan> toLend, int rounds, int branches, string storage,
        int files, Action<string> Progress)
    {

        var deskReady = new Latency();
        var scanToCard = new Latency();
        var checkout = new Latency();
        var interactions = 0;
        Progress($"desk: {rounds} rounds as clerk.{branchCode.ToLowerInvariant()}");
        for (var i = 0; i < rounds + 2; i++)
        {
            var warmup = i < 2;
            var file = toLend[i];
            var opened = Stopwatch.StartNew();
            await clerk.GotoAsync("desk");
            await clerk.WaitForSelectorAsync("html[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
            await clerk.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'scan'");
            var ready = opened.Elapsed;

            // The interactions a person makes, as a keyboard-wedge scanner and a keyboard make them.
            var count = 0;
            var scanned = Stopwatch.StartNew();
            await clerk.Keyboard.TypeAsync(file.Number.ToString(CultureInfo.InvariantCulture));
            await clerk.Keyboard.PressAsync("Enter");
            count++;
            await clerk.Locator($"[data-testid=file-card][data-file-id='{file.Id}']").WaitForAsync();
            var card = scanned.Elapsed;

            var lent = Stopwatch.StartNew();
            // Borrower typed; the purpose is the desk's last one after the first loan; Enter lends.
            await clerk.FillAsync("#checkout-borrower", "王小明");
            count++;
            if (!await PurposeCarriedOverAsync(clerk))
            {
                await clerk.FillAsync("#checkout-purpose", "贷后检查");
                count++;
            }
            await clerk.PressAsync("#checkout-purpose", "Enter");
            count++;
            await clerk.Locator($"[data-testid=file-card][data-status='{FileStatus.CheckedOut}']").WaitForAsync();
            var checkedOut = lent.Elapsed;
            Progress(string.Create(CultureInfo.InvariantCulture,
                $"round {i + 1}{(warmup ? " (warm-up)" : "")}: desk {ready.TotalMilliseconds:F0} ms, card {card.TotalMilliseconds:F0} ms, checkout {checkedOut.TotalMilliseconds:F0} ms, {count} interactions"));
            if (!warmup)
            {
                deskReady.Add(ready);
                scanToCard.Add(card);
                checkout.Add(checkedOut);
                interactions = Math.Max(interactions, count);
            }
        }

        // Signed in on the search page, so the dashboard's first load is measured, not the sign-in's.
        var archivist = await SignedInPageAsync(browser, address, "head.archivist", "archivist", null, "/head-office/search");
        var searches = new (string Name, string Path)[]
        {
            ("dashboard", "head-office"),
            ("search: one branch", $"head-office/search?branch={data.Branches[branches / 2]}"),
            ("search: overdue, all branches", "head-office/search?overdue=true"),
            ("search: name prefix 王", $"head-office/search?q={Uri.EscapeDataString("王")}"),
        };
        var headOffice = new List<(string Name, Latency Latency)>();
        foreach (var (name, path) in searches)
        {
            var latency = new Latency();
            var figure = name == "dashboard" ? "[data-testid=total-files]" : "[data-testid=search-total]:not(:empty)";
            for (var i = 0; i < rounds / 2 + 1; i++)
            {
                var started = Stopwatch.StartNew();
                await archivist.GotoAsync(path);
                await archivist.WaitForSelectorAsync(figure);
                if (i > 0)
                {
                    latency.Add(started.Elapsed);
                }
            }
            headOffice.Add((name, latency));
            Progress(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {latency.P50:F0} ms, p95 {latency.P95:F0} ms"));
        }

        var version = await database.VersionAsync();
        static string Row(string what, Latency l) => string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {l.P50:F0} | {l.P95:F0} | {l.Max:F0} |\n");
        var markdown =
            $"""
            ### Web app, {storage}, {files:N0} files, {branches} branches

            | | |
            |---|---|
            {Report.Machine(version)}| command | `dotnet run -c Release --project bench/BranchArchive.Bench -- {string.Join(' ', args)}` |
            {Report.Dataset(data, load, size, TimeSpan.Zero)}| browser | Debian's Chromium {browser.Version}, headless, on the same machine |
            | checkout by scanned number | {interactions} interactions after the first loan: scan (number + Enter), borrower, Enter (the purpose carried over) |

            Milliseconds, from the browser, over {rounds} rounds after 2 warm-up rounds (head office: {rounds / 2} after 1):

            | | p50 | p95 | max |
            |---|---:|---:|---:|
            {Row("desk usable: navigate → interactive, scan field focused", deskReady)}{Row("scanned number → its file card", scanToCard)}{Row("checkout form filled and sent → card shows CheckedOut", checkout)}{string.Concat(headOffice.Select(h => Row(h.Name + " → figures shown", h.Latency)))}
            """;
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.TryGetValue("markdown", out var output))
        {
            await File.WriteAllTextAsync(output, markdown);
        }
        // The issue's marks: the desk usable within 1 s (p95), a checkout within three interactions.
        return deskReady.P95 <= 1000 && interactions <= 3 ? 0 : 1;
    }

    /// <summary>The form fills in the last purpose from the tab's storage just after it renders.</summary>
    private static async Task<bool> PurposeCarriedOverAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelector('#checkout-purpose')?.value !== ''", null, new() { Timeout = 2_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static bool Lendable(FilePlan file) => file.Lendable && file.Status == FileStatus.OnShelf && file.Sensitivity != Sensitivity.Restricted;

    private static async Task<IPage> SignedInPageAsync(IBrowser browser, Uri address, string person, string role, string? branch, string landing)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"signin?returnUrl={Uri.EscapeDataString(landing)}");
        await page.FillAsync("#person", person);
        await page.SelectOptionAsync("#role", role);
        await page.FillAsync("#branch", branch ?? "");
        await page.ClickAsync("[data-testid=dev-signin]");
        await page.WaitForSelectorAsync("html[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static Process StartApi(string published, Uri address, BenchDatabase database)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published, "BranchArchive.Api.dll")])
        {
            WorkingDirectory = published,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string?>(database.ToConfiguration())
        {
            ["Urls"] = address.ToString().TrimEnd('/'),
            ["Cluster:ServiceId"] = ApiHost.ServiceId,
            ["Cluster:SiloPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture),
            // The persona sign-in is the development one; production signs in with OpenID Connect.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Auth:DevTokens"] = "true",
            ["Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Catalogue:FirstSweepAfter"] = "1.00:00:00",
            ["Circulation:NoticeSweepPeriod"] = "1.00:00:00",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"api: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(Uri address, Process api)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (api.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {api.ExitCode} before it was ready.");
            }
            try
            {
                if ((await http.GetAsync("health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The API was not ready within 3 minutes.");
    }

    private static async Task RunToEndAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments))!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BranchArchive.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("BranchArchive.sln not found above the benchmark's output.");
    }
}
