using System.Net;
using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// The desk's exceptions: the sending clerk calls a dispatch back; the home branch's manager (in
/// Chinese) declares the file missing, with a note the archive requires, and records it found.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class MissingDeskTests(WebAppFixture app)
{
    [Fact]
    public async Task A_clerk_calls_a_dispatch_back_and_a_manager_declares_the_file_missing_then_found()
    {
        var home = await app.OpenBranchAsync();
        var there = await app.OpenBranchAsync();
        var (id, _) = await app.RegisterFileAsync(home);
        var (homeClerk, thereClerk) = (await app.TokenAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home),
            await app.TokenAsync($"clerk.{there.ToLowerInvariant()}", "clerk", there));
        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/requests", thereClerk,
            new { borrower = "王五", pickupBranch = there, purpose = "信用复核", days = 7 }));
        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-1" }));

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync($"clerk.{home.ToLowerInvariant()}", "clerk", home, returnUrl: $"/desk?file={id}");
        await clerk.Locator("[data-testid=file-card][data-status=InTransit]").WaitForAsync();
        await Expect(clerk.Locator("[data-testid=missing-form]")).ToHaveCountAsync(0); // a manager's step
        await clerk.FillAsync("#cancel-transit-reason", "Courier did not come");
        await clerk.ClickAsync("[data-testid=cancel-transit]");
        await clerk.Locator("[data-testid=file-card][data-status=OnShelf]").WaitForAsync();
        await Expect(clerk.Locator("[data-testid=done]")).ToContainTextAsync("Dispatch called back.");

        await Expect(HttpStatusCode.OK, app.Api.Post($"/api/files/{id}/dispatch", homeClerk, new { reference = "EMS-2" }));
        var manager = await app.NewPageAsync(locale: "zh-CN");
        await manager.SignInAsync($"manager.{home.ToLowerInvariant()}", "manager", home, returnUrl: $"/desk?file={id}");
        await manager.Locator("[data-testid=file-card][data-status=InTransit]").WaitForAsync();
        await Expect(manager.Locator("[data-testid=declare-missing]")).ToContainTextAsync("登记丢失");
        await manager.ClickAsync("[data-testid=declare-missing]"); // without the note the archive requires
        await Expect(manager.Locator("[data-testid=missing-form] [data-testid=problem]")).ToHaveAttributeAsync("data-status", "400");
        await Expect(manager.Locator("[data-testid=file-card]")).ToHaveAttributeAsync("data-status", "InTransit");
        await manager.FillAsync("#missing-note", "快递丢件 EMS-2");
        await manager.ClickAsync("[data-testid=declare-missing]");
        await manager.Locator("[data-testid=file-card][data-status=Missing]").WaitForAsync();
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("desk-missing-zh");

        await manager.FillAsync("#found-note", "快递网点退回");
        await manager.ClickAsync("[data-testid=found]");
        await manager.Locator("[data-testid=file-card][data-status=OnShelf]").WaitForAsync();
        Assert.Equal(home, await manager.InnerTextAsync("[data-testid=location]"));
    }
}
