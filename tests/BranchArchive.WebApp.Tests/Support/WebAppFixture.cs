using System.Net.Http.Json;
using System.Text.Json;
using BranchArchive.Testing;

namespace BranchArchive.WebApp.Tests.Support;

/// <summary>
/// The archive started as the embedded default (the API with its in-process silo, serving the web
/// app at /) on free ports with its own SQLite file, and one headless Chromium from Debian's
/// package. Shared by the browser tests; each test opens its own browser contexts and branches.
/// Signs in with dev tokens; <see cref="OrganisationWebAppFixture"/> starts it as in production.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private ProgramProcess? _archive;
    private IPlaywright? _playwright;

    public Uri Address { get; private set; } = default!;

    public ArchiveClient Api { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The subject named finance approver of every branch (<c>Accounting:FinanceApprovers:*</c>).</summary>
    public const string FinanceApprover = "finance.head";

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        Address = new Uri($"http://127.0.0.1:{port}/");
        var data = Path.Combine(Path.GetTempPath(), "branch-archive-webapp-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = Address.ToString().TrimEnd('/'),
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Cluster:Sqlite:Path"] = Path.Combine(data, "archive.db"),
            // The pages are walked with made-up borrowers (王小明); staff lists are not their subject.
            ["Circulation:AllowUnlistedBorrowers"] = "true",
            // The finance approver of every branch the accounting walk signs in as.
            ["Accounting:FinanceApprovers:*:0"] = FinanceApprover,
        };
        foreach (var (key, value) in await SignInSettingsAsync())
        {
            settings[key] = value;
        }
        _archive = ProgramProcess.Start("Api", "api", settings);
        Api = new ArchiveClient(new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) });
        await Api.WaitUntilReadyAsync(() => _archive.HasExited ? _archive.RecentOutput : null, TimeSpan.FromMinutes(2));

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: `apt-get install chromium` (.ci/run does).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>How the archive signs people in: here dev tokens on a developer's machine.</summary>
    protected virtual Task<Dictionary<string, string?>> SignInSettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Auth:DevTokens"] = "true",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
    });

    /// <summary>A fresh browser context (its own cookies: one person) in the given language and width.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A token from the archive's dev sign-in, for setting up data over the API.</summary>
    public virtual Task<string> TokenAsync(string person, string role, string? branch = null) =>
        Api.Token(person, [role], branch);

    /// <summary>Opens a branch with one cabinet (as head office would), returning the branch code.</summary>
    public async Task<string> OpenBranchAsync(int capacity = 100)
    {
        var code = "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        var archivist = await TokenAsync("head.archivist", "archivist");
        await ArchiveClient.Expect(System.Net.HttpStatusCode.Created, Api.Post("/api/branches", archivist, new { code, name = $"Branch {code}", region = "East" }));
        await ArchiveClient.Expect(System.Net.HttpStatusCode.Created, Api.Post($"/api/branches/{code}/cabinets", archivist, new { code = "C01", name = "Contracts A", capacity }));
        return code;
    }

    /// <summary>Registers a file over the API; answers its id and number.</summary>
    public async Task<(string Id, long Number)> RegisterFileAsync(string branch, string customerName = "上海浦江机械设备制造厂", string sensitivity = "Internal", bool lendable = true, string[]? tags = null)
    {
        var token = await TokenAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch);
        var body = new
        {
            branch, cabinet = "C01",
            customer = new { name = customerName, type = "Enterprise", idNumber = "91310000MA1K4XXXXX", industry = "Machinery", region = "Shanghai" },
            importance = "Vip", sensitivity, lendable, tags = tags ?? ["contract"],
            documents = new[] { new { type = "Cooperation", title = "框架合同", pages = 12, date = "2026-03-01" } },
        };
        using var response = await Api.Post("/api/files", token, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return (json.GetProperty("id").GetString()!, json.GetProperty("fileNumber").GetInt64());
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Api?.Dispose();
        if (_archive is not null)
        {
            await _archive.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app in Chromium";
}
