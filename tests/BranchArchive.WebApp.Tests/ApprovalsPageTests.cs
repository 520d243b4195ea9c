using System.Net;
using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// Purpose-bound access in the web app: a clerk asks to read a Restricted file of the branch by its
/// number with a reason; the manager (in Chinese) finds it on the Approvals page and approves it;
/// the clerk sees the grant among their requests and now reads the customer.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ApprovalsPageTests(WebAppFixture app)
{
    [Fact]
    public async Task A_clerk_asks_for_access_the_manager_approves_it_on_the_approvals_page_and_the_clerk_reads_the_file()
    {
        var home = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(home, customerName: "王某某贸易公司", sensitivity: "Restricted");
        var clerkToken = await app.TokenAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home);

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home, returnUrl: "/access-requests");
        await clerk.Locator("[data-testid=no-access-requests]").WaitForAsync();
        await clerk.FillAsync("#access-file", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.ClickAsync("[data-testid=ask-access]"); // no reason: refused, nothing asked
        await Expect(clerk.Locator("[data-testid=access-form] [data-testid=problem]")).ToHaveAttributeAsync("data-status", "400");
        await clerk.FillAsync("#access-reason", "Customer complaint 2026-118");
        await clerk.FillAsync("#access-hours", "2");
        await clerk.ClickAsync("[data-testid=ask-access]");
        await clerk.Locator("[data-testid=my-access-request][data-status=Pending]").WaitForAsync();
        await clerk.AssertAccessibleAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Expect(HttpStatusCode.OK, app.Api.Get($"/api/files/{id}", clerkToken))).GetProperty("customer").GetProperty("name").ValueKind);

        var manager = await app.NewPageAsync(locale: "zh-CN");
        await manager.SignInAsync($"manager.{home.ToLowerInvariant()}", "manager", home, returnUrl: "/approvals");
        var row = manager.Locator("[data-testid=access-request]");
        await row.WaitForAsync();
        await Expect(row).ToContainTextAsync("Customer complaint 2026-118");
        await Expect(manager.Locator("[data-testid=approve]")).ToContainTextAsync("批准");
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("approvals-zh");
        await manager.ClickAsync("[data-testid=approve]");
        await Expect(manager.Locator("[data-testid=approvals-status]")).ToContainTextAsync("已批准查看");
        await Expect(manager.Locator("[data-testid=access-request]")).ToHaveCountAsync(0);

        await clerk.ReloadAsync();
        await clerk.Locator("[data-testid=my-access-request][data-status=Granted]").WaitForAsync();
        var file = await Expect(HttpStatusCode.OK, app.Api.Get($"/api/files/{id}", clerkToken));
        Assert.Equal("王某某贸易公司", file.GetProperty("customer").GetProperty("name").GetString());
    }
}
