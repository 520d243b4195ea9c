using System.Net;
using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>The access history in the browser: from a file's page to who has seen it, a manager narrowed to the own branch, a clerk refused.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessLogPageTests(WebAppFixture app)
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_auditor_follows_a_file_to_who_has_seen_it_a_manager_sees_the_own_branch_and_a_clerk_is_refused()
    {
        var branch = await app.OpenBranchAsync();
        var (id, _) = await app.RegisterFileAsync(branch);
        var clerkName = $"clerk.{branch.ToLowerInvariant()}";
        using (var read = await ReadWithPurposeAsync(id, await app.Api.Clerk(branch), "Loan review"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var auditor = await app.NewPageAsync();
        await auditor.SignInAsync("head.auditor", "auditor", null, $"/head-office/files/{id}");
        await auditor.ClickAsync("[data-testid=history-access-log]");
        await Expect(auditor.Locator($"[data-testid=access-subject-cell]:text-is('{clerkName}')").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(auditor.Locator("[data-testid=access-purpose-cell]:text-is('Loan review')")).ToHaveCountAsync(1);
        // Opening the file's page was itself a read: the auditor is in the list too.
        await Expect(auditor.Locator("[data-testid=access-subject-cell]:text-is('head.auditor')").First).ToBeVisibleAsync();
        // Once: the page reads the file when interactive, not also while it is prerendered.
        await Expect(auditor.Locator("tr:has([data-testid=access-subject-cell]:text-is('head.auditor')):has([data-testid=access-kind-cell][data-kind='file.details'])")).ToHaveCountAsync(1);
        await auditor.ClickAsync("[data-testid=access-verify-button]");
        await Expect(auditor.Locator("[data-testid=access-verify-status]")).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 60_000 });
        await auditor.AssertAccessibleAsync();
        await auditor.ScreenshotAsync("head-office-access-log-en");

        // A manager of the branch asks by person, in Chinese: the reads of the branch's files show.
        var manager = await app.NewPageAsync(locale: "zh-CN");
        await manager.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, $"/head-office/access-log?subject={clerkName}");
        await Expect(manager.Locator("[data-testid=access-kind-cell][data-kind='file.details']").First).ToHaveTextAsync("档案详情", Soon);
        await manager.AssertAccessibleAsync();
        await manager.ScreenshotAsync("access-log-manager-zh");
        // A manager of another branch sees none of them, not even a count.
        var stranger = await app.NewPageAsync();
        var elsewhere = await app.OpenBranchAsync();
        await stranger.SignInAsync($"manager.{elsewhere.ToLowerInvariant()}", "manager", elsewhere, $"/head-office/access-log?fileId={id}");
        await Expect(stranger.Locator("[data-testid=access-total]")).ToHaveTextAsync("0 reads", Soon);

        // A clerk may not read the access log: the page shows the API's refusal.
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync(clerkName, "clerk", branch, $"/head-office/access-log?fileId={id}");
        await Expect(clerk.Locator("[data-testid=problem][data-status='403']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private async Task<HttpResponseMessage> ReadWithPurposeAsync(string id, string token, string purpose)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Api.Http.BaseAddress!, $"/api/files/{id}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Access-Purpose", purpose);
        return await app.Api.Http.SendAsync(request);
    }
}
