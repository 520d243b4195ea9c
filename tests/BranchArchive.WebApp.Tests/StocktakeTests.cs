using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>A stocktake reconciled live: each scan updates missing, misplaced and unexpected; a reload keeps the session and its scanned list.</summary>
[Collection(WebAppCollection.Name)]
public sealed class StocktakeTests(WebAppFixture app)
{
    [Fact]
    public async Task Each_scan_updates_the_three_lists_and_a_reload_comes_back_to_the_open_stocktake()
    {
        var branch = await app.OpenBranchAsync();
        var (a, b) = ((await app.RegisterFileAsync(branch, "客户甲")).Number, (await app.RegisterFileAsync(branch, "客户乙")).Number);
        var misplaced = await RegisterInSecondCabinetAsync(branch);
        const long unknown = 987654329L;
        var page = await app.NewPageAsync();
        await page.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, "/desk/stocktake");
        await page.ClickAsync("[data-testid=start-stocktake]");
        await page.Locator("[data-testid=stocktake-status][data-status=Open]").WaitForAsync();
        // Nothing scanned: both files of the cabinet are missing so far.
        await Expect(page.Locator("[data-testid=missing-count]")).ToHaveTextAsync("2");

        await ScanAsync(page, a);
        await Expect(page.Locator("[data-testid=missing-count]")).ToHaveTextAsync("1");
        await ScanAsync(page, misplaced);
        await Expect(page.Locator("[data-testid=misplaced-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=misplaced]")).ToContainTextAsync(misplaced.ToString());
        await ScanAsync(page, unknown);
        await Expect(page.Locator("[data-testid=unexpected-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=missing]")).ToContainTextAsync(b.ToString());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("stocktake-live-en");

        // A reload (the address names the inspection) shows the same running lists from the archive.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.Locator("[data-testid=stocktake-status][data-status=Open]").WaitForAsync();
        await Expect(page.Locator("[data-testid=missing-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=misplaced-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=unexpected-count]")).ToHaveTextAsync("1");
        // ... and the numbers scanned so far, which the desk alone could not remember.
        await Expect(page.Locator("[data-testid=scanned-count]")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-testid=scanned]")).ToContainTextAsync(a.ToString());

        // Opening the stocktake page afresh offers the open session.
        await page.OpenAsync("desk/stocktake");
        await page.ClickAsync("[data-testid=resume-C01]");
        await ScanAsync(page, b);
        await Expect(page.Locator("[data-testid=missing-count]")).ToHaveTextAsync("0");
        await page.ClickAsync("[data-testid=stocktake-complete]");
        await page.Locator("[data-testid=stocktake-status][data-status=Completed]").WaitForAsync();
        await Expect(page.Locator("[data-testid=missing-count]")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-testid=misplaced-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=unexpected-count]")).ToHaveTextAsync("1");
    }

    /// <summary>A scanner types the number and Enter; the next folder follows when the list shows it.</summary>
    private static async Task ScanAsync(IPage page, long number)
    {
        var before = int.Parse(await page.InnerTextAsync("[data-testid=scanned-count]"));
        await page.FillAsync("#stocktake-scan", number.ToString());
        await page.PressAsync("#stocktake-scan", "Enter");
        await Expect(page.Locator("[data-testid=scanned-count]")).ToHaveTextAsync((before + 1).ToString());
    }

    private async Task<long> RegisterInSecondCabinetAsync(string branch)
    {
        var archivist = await app.Api.Archivist();
        await ArchiveClient.Expect(HttpStatusCode.Created, app.Api.Post($"/api/branches/{branch}/cabinets", archivist, new { code = "C02", name = "Contracts B", capacity = 10 }));
        var file = await ArchiveClient.Expect(HttpStatusCode.Created, app.Api.Post("/api/files", await app.Api.Clerk(branch), ArchiveClient.FileBody(branch, "C02")));
        return file.GetProperty("fileNumber").GetInt64();
    }
}
