using System.Net;
using BranchArchive.WebApp.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// The notices page: a clerk filters the branch's notices to unread requests to dispatch, marks one
/// read with the keyboard (for the whole branch, as the API then answers) and unread again; the
/// borrower, in Chinese, finds the file that arrived for them among the notices addressed to them.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class NoticesPageTests(WebAppFixture app)
{
    [Fact]
    public async Task A_clerk_filters_unread_notices_marks_one_read_with_the_keyboard_and_the_borrower_sees_theirs_in_chinese()
    {
        var home = await app.OpenBranchAsync();
        var there = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(home);
        var (homeClerk, thereClerk) = (await app.TokenAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home),
            await app.TokenAsync($"clerk.{there.ToLowerInvariant()}", "clerk", there));
        var borrower = $"reader.{there.ToLowerInvariant()}";
        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/requests", thereClerk, new { borrower, pickupBranch = there, purpose = "信用复核", days = 7 }));

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home, returnUrl: "/notices");
        var row = clerk.Locator("[data-testid=notice][data-kind=DispatchRequested]");
        await Expect(row).ToHaveAttributeAsync("data-read", "false");
        await Expect(row.Locator("[data-testid=notice-state]")).ToHaveTextAsync("Unread");
        await Expect(row).ToContainTextAsync("Request to dispatch");
        await Expect(row).ToContainTextAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await clerk.GetByLabel("Unread only", new() { Exact = true }).CheckAsync();
        await clerk.GetByLabel("Request to dispatch", new() { Exact = true }).CheckAsync();
        await clerk.ClickAsync("[data-testid=notices-apply]");
        await Expect(clerk.Locator("[data-testid=notice]")).ToHaveCountAsync(1);
        await clerk.AssertAccessibleAsync();
        await clerk.ScreenshotAsync("notices-branch");

        // With the keyboard: focus the row's button, Enter.
        await row.Locator("[data-testid=mark-read]").FocusAsync();
        await clerk.Keyboard.PressAsync("Enter");
        await Expect(clerk.Locator("[data-testid=notices-status]")).ToContainTextAsync($"Marked read: Request to dispatch, file {number}.");
        await Expect(clerk.Locator("[data-testid=notices-none]")).ToBeVisibleAsync(); // unread only: it has left the list
        var listed = (await Expect(HttpStatusCode.OK, app.Api.Get($"/api/notifications?branch={home}&kind=DispatchRequested", homeClerk))).GetProperty("items")[0];
        Assert.Equal((true, $"clerk.{home.ToLowerInvariant()}"), (listed.GetProperty("read").GetBoolean(), listed.GetProperty("readBy").GetString()));

        await clerk.GetByLabel("Unread only", new() { Exact = true }).UncheckAsync();
        await clerk.ClickAsync("[data-testid=notices-apply]");
        await Expect(row).ToHaveAttributeAsync("data-read", "true");
        await row.Locator("[data-testid=mark-unread]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-read", "false");
        await Expect(clerk.Locator("[data-testid=notices-status]")).ToContainTextAsync("Marked unread");

        // The file travels; its borrower is told in person when it arrives.
        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));
        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/receive", thereClerk, new { notes = "" }));
        var reader = await app.NewPageAsync(locale: "zh-CN");
        await reader.SignInAsync(borrower, "clerk", there, returnUrl: "/notices?mine=true");
        var arrived = reader.Locator("[data-testid=notice][data-kind=ArrivedForPickup]");
        await Expect(arrived).ToContainTextAsync("已到达待领取");
        await Expect(arrived.Locator("[data-testid=notice-state]")).ToHaveTextAsync("未读");
        await Expect(reader.Locator("[data-testid=notice]")).ToHaveCountAsync(1); // only theirs, not the branch's
        await reader.AssertAccessibleAsync();
        await reader.ScreenshotAsync("notices-mine-zh");
        await arrived.Locator("[data-testid=mark-read]").ClickAsync();
        await Expect(arrived).ToHaveAttributeAsync("data-read", "true");
        await Expect(reader.Locator("[data-testid=notices-status]")).ToContainTextAsync("已标为已读");
    }
}
