using System.Net;
using System.Text;
using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>Head office in the browser: the dashboard and its drill-down, search and export, imports, the audit log, history and destruction.</summary>
[Collection(WebAppCollection.Name)]
public sealed class HeadOfficeTests(WebAppFixture app)
{
    /// <summary>Long enough for the catalogue's side write and the dashboard's next refresh; Playwright polls meanwhile.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 30_000 };

    private Task SignInAsArchivistAsync(IPage page, string returnUrl) =>
        page.SignInAsync("head.archivist", "archivist", null, returnUrl);

    private async Task CheckOutAsync(string branch, string id)
    {
        var clerk = await app.Api.Clerk(branch);
        using var response = await app.Api.Post($"/api/files/{id}/checkout", clerk, ArchiveClient.Checkout(), Guid.NewGuid().ToString("N"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_archivist_sees_the_dashboard_figures_change_after_a_checkout_and_drills_down_to_the_list()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch);
        var page = await app.NewPageAsync();
        await SignInAsArchivistAsync(page, "/head-office");

        await Expect(page.Locator($"[data-testid='count-{branch}-total']")).ToHaveTextAsync("1", Soon);
        var checkedOut = page.Locator($"[data-testid='count-{branch}-CheckedOut']");
        if (await checkedOut.CountAsync() > 0)
        {
            Assert.Equal("0", await checkedOut.InnerTextAsync()); // the column is there when another branch lends
        }
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("head-office-dashboard-en");

        await CheckOutAsync(branch, id);

        // The page refreshes itself: no reload, no sleeping; Playwright waits for the figure.
        await Expect(checkedOut).ToHaveTextAsync("1", Soon);
        await Expect(page.Locator($"[data-testid='count-{branch}-total']")).ToHaveTextAsync("1", Soon);

        // The figure opens the list it counts.
        await checkedOut.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("head-office/search") && url.Contains($"branch={branch}") && url.Contains("status=CheckedOut"));
        await Expect(page.Locator("[data-testid=result-number]")).ToHaveTextAsync([number.ToString()], new() { Timeout = 30_000 });
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Search_pages_on_the_server_and_exports_every_match_as_csv_through_the_web_app()
    {
        var branch = await app.OpenBranchAsync();
        var numbers = new List<long>();
        foreach (var name in new[] { "华东精密仪器有限公司", "江南纺织集团", "北方重工股份公司" })
        {
            numbers.Add((await app.RegisterFileAsync(branch, name)).Number);
        }
        var page = await app.NewPageAsync();
        await SignInAsArchivistAsync(page, $"/head-office/search?branch={branch}&pageSize=2");

        await Expect(page.Locator("[data-testid=search-total]")).ToContainTextAsync("3", new() { Timeout = 30_000 });
        var rows = page.Locator("[data-testid=result-number]");
        await Expect(rows).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("head-office-search-en");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,fileNumber,customerName", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(numbers.Order(), lines.Skip(1).Select(line => long.Parse(line.Split(',')[1])).Order());
        Assert.Contains("江南纺织集团", csv);

        // The export is the API's, with the user's token: signed out, the endpoint sends no data.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        using var refused = await anonymous.GetAsync($"head-office/files.csv?branch={branch}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task An_import_shows_its_progress_and_then_its_per_row_report()
    {
        var branch = await app.OpenBranchAsync();
        var csv = "客户名称,客户类型,证件号码,重要性,柜号\n" +
                  $"{branch}甲公司,企业,{branch}-1,VIP,C01\n" +
                  $"{branch}乙,个人,{branch}-2,普通,C01\n" +
                  $"{branch}丙,外星人,{branch}-3,普通,C01\n" +
                  $"{branch}丁,政府,{branch}-1,潜在,C01\n";
        var page = await app.NewPageAsync();
        await SignInAsArchivistAsync(page, "/head-office/imports");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "customers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.FillAsync("#import-branch", branch);
        await page.ClickAsync("[data-testid=import-start]");

        var job = page.Locator("[data-testid=import-job]");
        await Expect(job).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=import-progress]")).ToBeVisibleAsync();
        await Expect(job).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=import-counts]")).ToContainTextAsync("4 of 4 rows done: 2 imported, 1 duplicates, 1 errors.");
        await Expect(page.Locator("[data-testid=issue-row]")).ToHaveTextAsync(["3", "4"], Soon);
        Assert.Contains("job=", page.Url);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("head-office-imports-en");
    }

    [Fact]
    public async Task The_audit_log_filters_and_verifies_its_chain_and_a_clerk_sees_the_refusal()
    {
        var branch = await app.OpenBranchAsync();
        var (id, _) = await app.RegisterFileAsync(branch);
        var page = await app.NewPageAsync();
        await page.SignInAsync("head.auditor", "auditor", null, $"/head-office/audit?fileId={id}");

        await Expect(page.Locator("[data-testid=audit-action]").First).ToHaveTextAsync("file.register", Soon);
        // Each entry names its chain (one per audit shard) and its place in it, as verification links them.
        await Expect(page.Locator("[data-testid=audit-chain]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^audit-\d+ · \d+$"), Soon);
        await page.ClickAsync("[data-testid=verify]");
        await Expect(page.Locator("[data-testid=audit-verify-status]")).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 60_000 });
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("head-office-audit-en");

        // A clerk may not read the audit log: the page shows the API's refusal, in Chinese for a Chinese browser.
        var clerk = await app.NewPageAsync(locale: "zh-CN");
        await clerk.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, "/head-office/audit");
        var problem = clerk.Locator("[data-testid=problem][data-status='403']").First;
        await Expect(problem).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.DoesNotMatch("^[A-Za-z ]+$", (await problem.InnerTextAsync()).Trim());

        // The auditor finds that refusal by person and outcome, newest first.
        var clerkName = $"clerk.{branch.ToLowerInvariant()}";
        await page.GotoAsync($"/head-office/audit?actor={clerkName}&outcome=Forbidden");
        await Expect(page.Locator("[data-testid=audit-action]").First).ToHaveTextAsync("http GET /api/audit", Soon);
        await Expect(page.Locator("[data-testid=audit-outcome-cell]")).ToHaveTextAsync(
            Enumerable.Repeat("Forbidden", await page.Locator("[data-testid=audit-outcome-cell]").CountAsync()).ToArray());
    }

    [Fact]
    public async Task A_files_history_and_the_destruction_list_open_in_both_languages()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch);
        await CheckOutAsync(branch, id);
        foreach (var (locale, suffix) in new[] { ("en-US", "en"), ("zh-CN", "zh") })
        {
            var page = await app.NewPageAsync(locale: locale);
            await SignInAsArchivistAsync(page, $"/head-office/files/{id}");
            await Expect(page.Locator("[data-testid=history-number]")).ToHaveTextAsync(number.ToString());
            await Expect(page.Locator("[data-testid=history-loans] tr")).ToHaveCountAsync(1);
            await page.AssertAccessibleAsync();
            await page.ScreenshotAsync($"head-office-history-{suffix}");

            await page.OpenAsync("/head-office/destruction");
            await page.FillAsync("#destruction-file", id);
            await page.PressAsync("#destruction-file", "Enter");
            await Expect(page.Locator("[data-testid=destruction-file]")).ToHaveAttributeAsync("data-file-id", id);
            await page.AssertAccessibleAsync();
            await page.ScreenshotAsync($"head-office-destruction-{suffix}");

            if (suffix == "zh")
            {
                foreach (var (path, name) in new[] { ("/head-office", "dashboard"), ($"/head-office/search?branch={branch}", "search"), ("/head-office/imports", "imports"), ("/head-office/audit", "audit") })
                {
                    await page.OpenAsync(path);
                    await page.Locator("h1").WaitForAsync();
                    await page.AssertAccessibleAsync();
                    await page.ScreenshotAsync($"head-office-{name}-zh");
                }
            }
        }
    }
}
