using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>The staff list a manager keeps, the desk's borrower suggestions from it, and a borrower's own loans.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BorrowersPagesTests(WebAppFixture app)
{
    [Fact]
    public async Task A_manager_lists_a_clerk_the_desk_suggests_them_and_the_clerk_sees_their_loan_against_their_limit()
    {
        var branch = await app.OpenBranchAsync();
        var (fileId, number) = await app.RegisterFileAsync(branch);
        var clerkId = $"clerk.{branch.ToLowerInvariant()}";

        // The manager puts the clerk on the branch's staff list, in Chinese.
        var manager = await app.NewPageAsync(locale: "zh-CN");
        await manager.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, returnUrl: "/desk/staff");
        await manager.Locator("[data-testid=no-staff]").WaitForAsync();
        // The browser refuses empty fields itself; blanks get past it, and are answered by field.
        await manager.FillAsync("#staff-id", "   ");
        await manager.FillAsync("#staff-name", "   ");
        await manager.ClickAsync("[data-testid=enlist]");
        await Expect(manager.Locator("[data-testid=enlist-form]")).ToContainTextAsync("请填写员工编号"); // nothing sent without an id
        await manager.FillAsync("#staff-id", clerkId);
        await manager.ClickAsync("[data-testid=enlist]");
        await manager.Locator("[data-testid=problem]").WaitForAsync(); // no name: the API names the field
        await Expect(manager.Locator("#staff-name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(manager.Locator("#staff-id")).ToHaveAttributeAsync("aria-invalid", "false");
        await manager.FillAsync("#staff-name", "王五");
        await manager.ClickAsync("[data-testid=enlist]");
        var row = manager.Locator($"[data-testid=staff-member][data-staff-id='{clerkId}']");
        await row.WaitForAsync();
        Assert.Contains("柜员", await row.InnerTextAsync());
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("staff-list-zh");

        // At the desk the clerk's id is offered for the borrower, and the clerk lends to themself.
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync(clerkId, "clerk", branch, returnUrl: "/desk");
        await clerk.FillAsync("#scan", number.ToString());
        await clerk.PressAsync("#scan", "Enter");
        await clerk.Locator($"[data-testid=checkout-staff] option[value='{clerkId}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("checkout-staff", await clerk.GetAttributeAsync("#checkout-borrower", "list"));
        await clerk.FillAsync("#checkout-borrower", clerkId);
        await clerk.FillAsync("#checkout-purpose", "年度内审");
        await clerk.ClickAsync("[data-testid=checkout]");
        await clerk.Locator($"[data-testid=file-card][data-file-id='{fileId}'][data-status=CheckedOut]").WaitForAsync();

        // My loans: the file by its number, and one of the five a clerk may hold.
        await clerk.OpenAsync("desk/my-loans");
        var loan = clerk.Locator("[data-testid=my-loan]");
        await loan.WaitForAsync();
        Assert.Contains(number.ToString(), await loan.InnerTextAsync());
        Assert.Equal("false", await loan.GetAttributeAsync("data-overdue"));
        Assert.Contains("1 of 5", await clerk.InnerTextAsync("[data-testid=loan-limit]"));
        await clerk.AssertAccessibleAsync();
        await clerk.ScreenshotAsync("my-loans-en");

        // Taken off the list, the clerk is offered no more; their open loan stays theirs.
        await manager.ClickAsync($"[data-testid='unlist-{clerkId}']");
        await Expect(row).ToHaveCountAsync(0);
        await clerk.OpenAsync("desk/my-loans");
        await clerk.Locator("[data-testid=my-loan]").WaitForAsync();
        // The manager holds no files: the same page in Chinese.
        await manager.OpenAsync("desk/my-loans");
        await manager.Locator("[data-testid=no-loans]").WaitForAsync();
        await manager.ScreenshotAsync("my-loans-zh");
    }

    [Fact]
    public async Task A_clerk_reads_the_staff_list_but_is_offered_no_change_to_it()
    {
        var branch = await app.OpenBranchAsync();
        var page = await app.NewPageAsync();
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk/staff");
        await page.Locator("[data-testid=no-staff]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=enlist-form]").CountAsync());
        await page.ScreenshotAsync("staff-list-clerk-en");

        await page.OpenAsync("desk/my-loans");
        await page.Locator("[data-testid=no-loans]").WaitForAsync();
    }
}
