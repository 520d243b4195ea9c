using BranchArchive.WebApp.Tests.Support;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// Two branch clerks, each in their own browser, walk a file from one branch to the other and
/// back: request → dispatch → receive → pickup → return → dispatch home → receive at home.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CirculationWalkTests(WebAppFixture app)
{
    [Fact]
    public async Task Two_clerks_walk_a_cross_branch_request_to_the_borrower_and_the_file_home()
    {
        var home = await app.OpenBranchAsync();
        var there = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(home, customerName: "北京某某科技有限公司");
        var homeClerk = await app.NewPageAsync();
        var thereClerk = await app.NewPageAsync(locale: "zh-CN");
        await homeClerk.SignInAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home, returnUrl: "/desk");
        await thereClerk.SignInAsync($"clerk.{there.ToLowerInvariant()}", "clerk", there, returnUrl: "/desk");

        // There: ask for the file (by its id: nothing of another branch's file is visible before).
        await thereClerk.ClickAsync("[data-testid=request-elsewhere] .mud-expand-panel-header");
        await thereClerk.FillAsync("#request-file-id", id);
        await thereClerk.FillAsync("#request-id-borrower", "王五");
        await thereClerk.FillAsync("#request-id-purpose", "信用复核");
        await thereClerk.ClickAsync("[data-testid=request-by-id]");
        await ExpectStatus(thereClerk, "OnShelf");
        await thereClerk.ScreenshotAsync("desk-requested-zh");

        // Home: the scanned folder shows the request; dispatch it by courier.
        await Scan(homeClerk, number.ToString());
        await ExpectStatus(homeClerk, "OnShelf");
        await homeClerk.FillAsync("#dispatch-reference", "EMS-1");
        await homeClerk.ClickAsync("[data-testid=dispatch]");
        await ExpectStatus(homeClerk, "InTransit");

        // There: receive, hand to the borrower, take it back.
        await Scan(thereClerk, id);
        await ExpectStatus(thereClerk, "InTransit");
        await thereClerk.ClickAsync("[data-testid=receive]");
        await ExpectStatus(thereClerk, "AwaitingPickup");
        await thereClerk.ClickAsync("[data-testid=pickup]");
        await ExpectStatus(thereClerk, "CheckedOut");
        await thereClerk.AssertAccessibleAsync();
        await thereClerk.ScreenshotAsync("desk-on-loan-zh");
        await thereClerk.ClickAsync("[data-testid=return]");
        await ExpectStatus(thereClerk, "AwaitingDispatch");

        // There: send it home. Home: receive it; it is back on its shelf.
        await thereClerk.FillAsync("#dispatch-reference", "EMS-2");
        await thereClerk.ClickAsync("[data-testid=dispatch]");
        // On its way home, the file is no longer this branch's to see.
        await thereClerk.Locator("[data-testid=file-card]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Contains("档案已离开本网点", await thereClerk.InnerTextAsync("[data-testid=done]"));
        await Scan(homeClerk, number.ToString());
        await homeClerk.ClickAsync("[data-testid=receive]");
        await ExpectStatus(homeClerk, "OnShelf");
        Assert.Equal(home, await homeClerk.InnerTextAsync("[data-testid=location]"));
    }

    private static async Task Scan(IPage page, string typed)
    {
        await page.FillAsync("#scan", typed);
        await page.PressAsync("#scan", "Enter");
    }

    private static async Task ExpectStatus(IPage page, string status)
    {
        try
        {
            await page.Locator($"[data-testid=file-card][data-status={status}]").WaitForAsync();
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Pages.RepositoryRoot(), "TestResults", "ui", $"failed-walk-{status}.png"), FullPage = true });
            throw new Xunit.Sdk.XunitException($"Expected the card in {status}; the page says:\n{await page.InnerTextAsync("main")}");
        }
    }
}
