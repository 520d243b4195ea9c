using BranchArchive.WebApp.Tests.Support;

namespace BranchArchive.WebApp.Tests;

/// <summary>Registering a file, the cabinets and a stocktake, as a branch manager does them.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BranchPagesTests(WebAppFixture app)
{
    [Fact]
    public async Task Registering_shows_the_apis_field_errors_next_to_the_fields_and_keeps_the_form()
    {
        var branch = await app.OpenBranchAsync();
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk/register");
        await page.FillAsync("#register-id-number", "310101199001011234");
        await page.ClickAsync("[data-testid=register]");

        // The API refused: no name, no type, no importance. Each message sits by its field, in Chinese.
        var problem = page.Locator("[data-testid=problem]");
        await problem.WaitForAsync();
        Assert.Equal("400", await problem.GetAttributeAsync("data-status"));
        Assert.Contains("为必填项", await page.InnerTextAsync("main"));
        Assert.Equal("310101199001011234", await page.InputValueAsync("#register-id-number"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("register-errors-zh");

        await page.FillAsync("#register-name", "杭州某某贸易有限公司");
        await page.ClickAsync("#register-type");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> nth=1");
        await page.ClickAsync("#register-importance");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> nth=0");
        await page.ClickAsync("[data-testid=register]");
        await page.Locator("[data-testid=registered]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
    }

    [Fact]
    public async Task A_manager_sees_cabinets_changes_a_custodian_and_takes_stock_with_missing_and_unexpected_live()
    {
        var branch = await app.OpenBranchAsync();
        var numbers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await app.RegisterFileAsync(branch, customerName: $"客户{i}")).Number);
        }
        var page = await app.NewPageAsync();
        await page.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, returnUrl: "/desk/cabinets");
        var cabinet = page.Locator("[data-testid=cabinet-C01]");
        await cabinet.WaitForAsync();
        Assert.Contains("3 of 100", await cabinet.InnerTextAsync());
        await page.FillAsync("#custodian-C01", "赵六");
        await page.ClickAsync("[data-testid=assign-C01]");
        await page.Locator("[data-testid=custodian]", new PageLocatorOptions { HasTextString = "赵六" }).WaitForAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("cabinets-en");

        await page.OpenAsync("desk/stocktake");
        await page.ClickAsync("[data-testid=start-stocktake]");
        await page.Locator("[data-testid=stocktake-status][data-status=Open]").WaitForAsync();
        var scans = new[] { numbers[0], numbers[1], 987654321L };
        for (var i = 0; i < scans.Length; i++)
        {
            // A scanner beeps when the app has taken the number: the next folder follows then.
            await page.FillAsync("#stocktake-scan", scans[i].ToString());
            await page.PressAsync("#stocktake-scan", "Enter");
            await page.Locator("[data-testid=scanned-count]", new PageLocatorOptions { HasTextString = (i + 1).ToString() }).WaitForAsync();
        }
        // The archive counts every number recorded (an unknown one too) until the stocktake completes.
        await page.Locator("[data-testid=stocktake-status]", new PageLocatorOptions { HasTextString = "3 scanned, 3 on the roster" }).WaitForAsync();
        await page.ClickAsync("[data-testid=stocktake-complete]");
        await page.Locator("[data-testid=stocktake-status][data-status=Completed]").WaitForAsync();
        Assert.Equal("1", await page.InnerTextAsync("[data-testid=missing-count]"));
        Assert.Equal("1", await page.InnerTextAsync("[data-testid=unexpected-count]"));
        Assert.Contains(numbers[2].ToString(), await page.InnerTextAsync("[data-testid=missing]"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("stocktake-en");
    }
}
