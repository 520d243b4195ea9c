using BranchArchive.WebApp.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// The desk's reading and copy requests (issue 21): a clerk asks for a reading of an accounting
/// file, the branch's manager (no finance approver) is refused, the finance approver approves,
/// and the manager opens the reading; a copy is asked for and approved the same way.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccountingDeskTests(WebAppFixture app)
{
    [Fact]
    public async Task A_reading_of_an_accounting_file_is_requested_refused_to_the_manager_approved_by_finance_and_opened()
    {
        var branch = await app.OpenBranchAsync();
        var (_, number) = await app.RegisterFileAsync(branch, tags: ["会计档案"]);

        var clerk = await OpenAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, number);
        await clerk.FillAsync("#request-reading-reader", "李会计");
        await clerk.FillAsync("#request-reading-purpose", "年终核对");
        await clerk.ClickAsync("[data-testid=request-reading]");
        var request = clerk.Locator("[data-testid=reading-request]");
        await Expect(request).ToHaveAttributeAsync("data-status", "Pending");
        await Expect(request).ToContainTextAsync("Awaiting approval");
        await clerk.AssertAccessibleAsync();

        // The branch's manager is not a finance approver: refused, and the request still waits.
        var manager = await OpenAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, number);
        await manager.ClickAsync("[data-testid=reading-request] [data-testid=approve]");
        await Expect(manager.Locator("[data-testid=problem]")).ToHaveAttributeAsync("data-status", "403");
        await Expect(manager.Locator("[data-testid=reading-request]")).ToHaveAttributeAsync("data-status", "Pending");

        var finance = await OpenAsync(WebAppFixture.FinanceApprover, "clerk", branch, number, locale: "zh-CN");
        await finance.ClickAsync("[data-testid=reading-request] [data-testid=approve]");
        await Expect(finance.Locator("[data-testid=reading-request]")).ToHaveAttributeAsync("data-status", "Approved");
        await Expect(finance.Locator("[data-testid=reading-request]")).ToContainTextAsync("已批准");
        await finance.ScreenshotAsync("desk-reading-request-zh");

        await manager.ReloadAsync();
        await manager.ClickAsync("[data-testid=open-requested-reading]");
        await Expect(manager.Locator("[data-testid=file-status]")).ToHaveTextAsync("Reading on site");
    }

    [Fact]
    public async Task A_copy_of_an_accounting_file_is_requested_approved_by_finance_and_recorded_as_made()
    {
        var branch = await app.OpenBranchAsync();
        var (_, number) = await app.RegisterFileAsync(branch, tags: ["会计档案"]);
        var clerk = await OpenAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, number);
        await clerk.FillAsync("#request-copy-pages", "1-3");
        await clerk.FillAsync("#request-copy-purpose", "Reply to the customer");
        await clerk.ClickAsync("[data-testid=request-copy]");
        await Expect(clerk.Locator("[data-testid=copy-request]")).ToHaveAttributeAsync("data-status", "Pending");
        // Asking for it does not make the clerk its approver.
        await clerk.ClickAsync("[data-testid=copy-request] [data-testid=approve]");
        await Expect(clerk.Locator("[data-testid=problem]")).ToHaveAttributeAsync("data-status", "403");

        var finance = await OpenAsync(WebAppFixture.FinanceApprover, "clerk", branch, number);
        await finance.ClickAsync("[data-testid=copy-request] [data-testid=approve]");
        await Expect(finance.Locator("[data-testid=copy-request]")).ToHaveAttributeAsync("data-status", "Approved");
        await finance.ClickAsync("[data-testid=mark-copy-made]");
        await Expect(finance.Locator("[data-testid=copy-request]")).ToHaveAttributeAsync("data-status", "Done");
        await finance.AssertAccessibleAsync();
    }

    private async Task<IPage> OpenAsync(string subject, string role, string branch, long number, string locale = "en-US")
    {
        var page = await app.NewPageAsync(locale: locale);
        await page.SignInAsync(subject, role, branch, returnUrl: "/desk");
        await page.FillAsync("#scan", number.ToString());
        await page.PressAsync("#scan", "Enter");
        await page.Locator("[data-testid=approval-requests]").WaitForAsync();
        await page.Locator("[data-testid=no-requests], [data-testid=reading-request], [data-testid=copy-request]").First.WaitForAsync();
        return page;
    }
}
