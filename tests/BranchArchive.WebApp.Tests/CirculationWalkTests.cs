using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// Two branch clerks, each in their own browser, walk a file from one branch to the other and
/// back: request → dispatch → receive → pickup → return → dispatch home → receive at home. At each
/// step the file waits in the right work queue of the branch whose step it is, and its row there
/// opens the card on the desk where the step is offered.
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
        await thereClerk.FillAsync("#request-id-days", "1"); // due within a day: it shows among the loans due soon
        await thereClerk.ClickAsync("[data-testid=request-by-id]");
        await ExpectStatus(thereClerk, "OnShelf");
        await thereClerk.ScreenshotAsync("desk-requested-zh");

        // Home: the request waits among the requests to dispatch; its card offers the dispatch.
        await OpenFromQueue(homeClerk, "to-dispatch", number);
        await ExpectStatus(homeClerk, "OnShelf");
        Assert.Equal("AwaitingDispatch", await homeClerk.GetAttributeAsync("[data-testid=circulation-stage]", "data-stage"));
        await homeClerk.FillAsync("#dispatch-reference", "EMS-1");
        await homeClerk.ClickAsync("[data-testid=dispatch]");
        await ExpectStatus(homeClerk, "InTransit");

        // There: receive it from the arrivals, hand it to the borrower from the pickups, take it back.
        await OpenFromQueue(thereClerk, "arrivals", number, screenshot: "queues-arrival-zh");
        await ExpectStatus(thereClerk, "InTransit");
        await thereClerk.ClickAsync("[data-testid=receive]");
        await ExpectStatus(thereClerk, "AwaitingPickup");
        await OpenFromQueue(thereClerk, "pickups", number);
        await ExpectStatus(thereClerk, "AwaitingPickup");
        await thereClerk.ClickAsync("[data-testid=pickup]");
        await ExpectStatus(thereClerk, "CheckedOut");
        await OpenFromQueue(thereClerk, "due-soon", number);
        await ExpectStatus(thereClerk, "CheckedOut");
        // The folder in hand is found by its number at this desk, though its home is another branch.
        await thereClerk.OpenAsync("desk");
        await Scan(thereClerk, number.ToString());
        await ExpectStatus(thereClerk, "CheckedOut");
        await thereClerk.AssertAccessibleAsync();
        await thereClerk.ScreenshotAsync("desk-on-loan-zh");
        await thereClerk.ClickAsync("[data-testid=return]");
        await ExpectStatus(thereClerk, "AwaitingDispatch");

        // There: send it home, from the files to send home. Home: receive it from its arrivals; it is back on its shelf.
        await OpenFromQueue(thereClerk, "send-home", number);
        await ExpectStatus(thereClerk, "AwaitingDispatch");
        await thereClerk.FillAsync("#dispatch-reference", "EMS-2");
        await thereClerk.ClickAsync("[data-testid=dispatch]");
        // On its way home, the file is no longer this branch's to see.
        await thereClerk.Locator("[data-testid=file-card]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Contains("档案已离开本网点", await thereClerk.InnerTextAsync("[data-testid=done]"));
        await OpenFromQueue(homeClerk, "arrivals", number);
        await homeClerk.ClickAsync("[data-testid=receive]");
        await ExpectStatus(homeClerk, "OnShelf");
        Assert.Equal(home, await homeClerk.InnerTextAsync("[data-testid=location]"));
        // Nothing left to do for it in either branch's queues.
        foreach (var page in new[] { homeClerk, thereClerk })
        {
            await page.OpenAsync("desk/queues");
            foreach (var queue in new[] { "to-dispatch", "arrivals", "pickups", "send-home", "due-soon", "overdue" })
            {
                // "(…)" until the queue's first page is in; then its total.
                await Assertions.Expect(page.Locator($"[data-testid={queue}-count]")).ToHaveTextAsync("(0)");
            }
        }
    }

    private static async Task Scan(IPage page, string typed)
    {
        await page.FillAsync("#scan", typed);
        await page.PressAsync("#scan", "Enter");
    }

    /// <summary>Opens the branch's work queues, finds the file in <paramref name="queue"/> and opens its card from the row.</summary>
    /// <param name="screenshot">Also check the queues page with axe and screenshot it under this name, before leaving it.</param>
    private static async Task OpenFromQueue(IPage page, string queue, long number, string? screenshot = null)
    {
        await page.OpenAsync("desk/queues");
        var row = page.Locator($"[data-testid={queue}] a", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{number}$") });
        try
        {
            await row.WaitForAsync();
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Expected file {number} in the queue {queue}; the page says:\n{await page.InnerTextAsync("main")}");
        }
        if (screenshot is not null)
        {
            await page.AssertAccessibleAsync();
            await page.ScreenshotAsync(screenshot);
        }
        var href = await row.GetAttributeAsync("href") ?? "";
        await row.ClickAsync();
        await page.Locator($"[data-testid=file-card][data-file-id='{href[(href.IndexOf('=') + 1)..]}']").WaitForAsync();
    }

    private static async Task ExpectStatus(IPage page, string status)
    {
        try
        {
            await page.Locator($"[data-testid=file-card][data-status={status}]").WaitForAsync();
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryFolder.Root(), "TestResults", "ui", $"failed-walk-{status}.png"), FullPage = true });
            throw new Xunit.Sdk.XunitException($"Expected the card in {status}; the page says:\n{await page.InnerTextAsync("main")}");
        }
    }
}
