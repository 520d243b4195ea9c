using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>The branch desk: a scanned number opens the file card.</summary>
[Collection(WebAppCollection.Name)]
public sealed class DeskTests(WebAppFixture app)
{
    [Fact]
    public async Task A_scanned_number_opens_the_file_card_with_the_customer_masked_as_the_api_masks()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch);
        var page = await app.NewPageAsync();
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk");

        // A keyboard-wedge scanner types the number and Enter into the focused field.
        await page.Keyboard.TypeAsync(number.ToString());
        await page.Keyboard.PressAsync("Enter");

        var card = page.Locator("[data-testid=file-card]");
        await card.WaitForAsync();
        Assert.Equal(id, await card.GetAttributeAsync("data-file-id"));
        Assert.Equal(number.ToString(), await page.InnerTextAsync("[data-testid=file-number]"));
        Assert.Equal("上海浦江机械设备制造厂", await page.InnerTextAsync("[data-testid=customer-name]"));
        // A clerk sees the identity number masked: first 3 and last 4 kept.
        Assert.Equal("913***********XXXX", await page.InnerTextAsync("[data-testid=customer-id]"));
        Assert.Contains("Red", await page.GetAttributeAsync("[data-testid=color-band]", "class"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("desk-file-card-en");
    }

    [Fact]
    public async Task Scans_typed_at_scanner_speed_each_open_their_file_and_its_status_is_shown_in_words()
    {
        var branch = await app.OpenBranchAsync();
        var (firstId, first) = await app.RegisterFileAsync(branch);
        var (secondId, second) = await app.RegisterFileAsync(branch);
        foreach (var (locale, onShelf, sensitivity) in new[] { ("en-US", "On shelf", "Internal"), ("zh-CN", "在柜", "内部") })
        {
            var page = await app.NewPageAsync(locale: locale);
            await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk");
            var card = page.Locator("[data-testid=file-card]");
            foreach (var (id, number) in new[] { (firstId, first), (secondId, second) })
            {
                // A keyboard-wedge scanner: every character and Enter at once, no pause between them.
                // The open card's form takes the focus (scan, fill, Enter): the clerk goes back to the
                // scan field, which emptied itself when it took the last number.
                await page.FocusAsync("#scan");
                await page.Keyboard.TypeAsync(number.ToString(), new() { Delay = 0 });
                await page.Keyboard.PressAsync("Enter");
                await Microsoft.Playwright.Assertions.Expect(card).ToHaveAttributeAsync("data-file-id", id);
            }
            // The status and sensitivity as words of the user's language, never the API's enum names.
            Assert.Equal(onShelf, (await page.InnerTextAsync("[data-testid=file-status]")).Trim());
            Assert.Contains(sensitivity, await card.InnerTextAsync());
            Assert.DoesNotContain("OnShelf", await card.InnerTextAsync());
        }
    }

    [Fact]
    public async Task A_clerk_closes_the_reading_session_a_manager_opened_and_the_file_is_on_its_shelf_again()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch, lendable: false);
        var manager = await app.TokenAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch);
        using (var opened = await app.Api.Post($"/api/files/{id}/reading-sessions", manager, new { reader = "李审计", purpose = "年度审计" }))
        {
            Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        }
        var page = await app.NewPageAsync();
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk");
        await page.FillAsync("#scan", number.ToString());
        await page.PressAsync("#scan", "Enter");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=file-status]")).ToHaveTextAsync("Reading on site");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=reading-session]")).ToContainTextAsync("李审计");
        await page.FillAsync("#close-reading-notes", "All pages back");
        await page.ClickAsync("[data-testid=close-reading]");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=file-status]")).ToHaveTextAsync("On shelf");
        Assert.Equal(0, await page.Locator("[data-testid=close-reading-form]").CountAsync());
    }

    [Fact]
    public async Task An_accounting_file_registered_lendable_offers_a_manager_the_reading_session_and_no_checkout()
    {
        var branch = await app.OpenBranchAsync();
        var (_, number) = await app.RegisterFileAsync(branch, lendable: true, tags: ["会计档案"]);
        var page = await app.NewPageAsync();
        await page.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, returnUrl: "/desk");
        await page.FillAsync("#scan", number.ToString());
        await page.PressAsync("#scan", "Enter");

        await page.Locator("[data-testid=reading-form]").WaitForAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=file-card]")).ToContainTextAsync("Never lent");
        Assert.Equal(0, await page.Locator("[data-testid=checkout-form]").CountAsync());
    }

    [Fact]
    public async Task Another_branchs_number_is_not_found_and_says_nothing_about_it()
    {
        var home = await app.OpenBranchAsync();
        var other = await app.OpenBranchAsync();
        var (_, number) = await app.RegisterFileAsync(home);
        var page = await app.NewPageAsync();
        await page.SignInAsync($"clerk.{other.ToLowerInvariant()}", "clerk", other, returnUrl: "/desk");
        await page.FillAsync("#scan", number.ToString());
        await page.PressAsync("#scan", "Enter");
        await page.Locator("[data-testid=not-found]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=file-card]").CountAsync());
    }

    [Fact]
    public async Task Once_the_desk_knows_the_purpose_a_checkout_by_scanned_number_takes_three_interactions()
    {
        var branch = await app.OpenBranchAsync();
        var (_, first) = await app.RegisterFileAsync(branch);
        var (secondId, second) = await app.RegisterFileAsync(branch);
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk");

        // The first loan of the day: the clerk types the purpose.
        await page.FillAsync("#scan", first.ToString());
        await page.PressAsync("#scan", "Enter");
        await page.FillAsync("#checkout-borrower", "王小明");
        await page.FillAsync("#checkout-purpose", "2026年度内审");
        await page.ClickAsync("[data-testid=checkout]");
        await page.Locator("[data-testid=file-card][data-status=CheckedOut]").WaitForAsync();

        // The next: 1 the scanner types the number and Enter, 2 the borrower is typed into the
        // focused field, 3 Enter lends it, for the purpose the desk carried over.
        await page.FillAsync("#scan", second.ToString());
        await page.PressAsync("#scan", "Enter");
        await page.Locator($"[data-testid=file-card][data-file-id='{secondId}']").WaitForAsync();
        // The carried-over purpose comes from the tab's storage just after the card renders.
        await Expect(page.Locator("#checkout-purpose")).ToHaveValueAsync("2026年度内审");
        await page.Locator("#checkout-borrower").PressSequentiallyAsync("李四");
        await page.Locator("#checkout-borrower").PressAsync("Enter");

        await page.Locator($"[data-testid=file-card][data-file-id='{secondId}'][data-status=CheckedOut]").WaitForAsync();
        Assert.Contains("李四 · 2026年度内审", await page.InnerTextAsync("[data-testid=open-loan]"));
    }

    [Fact]
    public async Task A_return_caught_up_from_the_paper_register_is_dated_and_the_renewals_left_are_shown()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch);
        var clerk = await app.TokenAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch);
        var loan = await BranchArchive.Testing.ArchiveClient.Expect(System.Net.HttpStatusCode.OK,
            app.Api.Post($"/api/files/{id}/checkout", clerk, new { borrower = "王小明", purpose = "内审", days = 14 }));
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, returnUrl: "/desk");
        await page.FillAsync("#scan", number.ToString());
        await page.PressAsync("#scan", "Enter");
        await page.Locator("[data-testid=file-card][data-status=CheckedOut]").WaitForAsync();
        Assert.Equal("剩余续借次数：2", (await page.InnerTextAsync("[data-testid=renewals-left]")).Trim());

        // The paper register says it came back yesterday (Shanghai time): before this loan began, so
        // the form sends the checkout's moment, the earliest the archive takes.
        var yesterday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).AddDays(-1);
        Assert.Contains("归还日期", await page.InnerTextAsync("[data-testid=return-form]"));
        await page.FillAsync("#return-date", yesterday.ToString("yyyy/M/d", System.Globalization.CultureInfo.InvariantCulture));
        await page.PressAsync("#return-date", "Tab");
        await page.ClickAsync("[data-testid=return]");
        await page.Locator("[data-testid=file-card][data-status=OnShelf]").WaitForAsync();

        var register = await BranchArchive.Testing.ArchiveClient.Expect(System.Net.HttpStatusCode.OK, app.Api.Get($"/api/files/{id}/loans", clerk));
        var line = Assert.Single(register.EnumerateArray().ToList());
        Assert.Equal(loan.GetProperty("checkedOutAt").GetDateTimeOffset(), line.GetProperty("returnedAt").GetDateTimeOffset());
        Assert.Equal(System.Text.Json.JsonValueKind.String, line.GetProperty("recordedAt").ValueKind);
    }
}
