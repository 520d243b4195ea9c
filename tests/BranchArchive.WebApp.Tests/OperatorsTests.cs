using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>The operators' cluster page: admins see the silos and activations, refreshing; a clerk is refused.</summary>
[Collection(WebAppCollection.Name)]
public sealed class OperatorsTests(WebAppFixture app)
{
    private static readonly LocatorAssertionsToHaveCountOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_admin_sees_the_silo_and_its_file_activations_grow_without_a_reload()
    {
        var branch = await app.OpenBranchAsync();
        await app.RegisterFileAsync(branch);
        var page = await app.NewPageAsync();
        await page.SignInAsync("ops.admin", "admin", null, "/");
        // The menu offers the page to admins.
        await page.ClickAsync("nav a[href='operators']");
        await page.WaitForURLAsync(url => url.EndsWith("/operators", StringComparison.Ordinal));

        // The embedded archive: one silo, active, hosting the files just registered.
        var silo = page.Locator("[data-testid=silo]");
        await Expect(silo).ToHaveCountAsync(1, Soon);
        await Expect(silo).ToHaveAttributeAsync("data-status", "Active");
        var files = page.Locator("[data-testid=grain-type][data-type=CustomerFileGrain] [data-testid=grain-type-total]");
        var before = int.Parse(await files.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-testid=chart-per-silo] svg")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=chart-per-type] svg")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("operators-cluster-en");

        // Two more files elsewhere: the page refreshes itself and counts their activations.
        await app.RegisterFileAsync(branch);
        await app.RegisterFileAsync(branch);
        await Expect(files).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+$"));
        await page.WaitForFunctionAsync(
            "min => Number(document.querySelector(\"[data-testid=grain-type][data-type=CustomerFileGrain] [data-testid=grain-type-total]\").textContent.replace(/,/g, '')) >= min",
            before + 2, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_clerk_has_no_menu_entry_and_typing_the_address_shows_the_apis_refusal_in_chinese()
    {
        var branch = await app.OpenBranchAsync();
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync($"clerk.{branch.ToLowerInvariant()}", "clerk", branch, "/operators");

        var problem = page.Locator("[data-testid=problem][data-status='403']").First;
        await Expect(problem).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.DoesNotMatch("^[A-Za-z ]+$", (await problem.InnerTextAsync()).Trim());
        await Expect(page.Locator("[data-testid=silo]")).ToHaveCountAsync(0);
        await Expect(page.Locator("nav a[href='operators']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("operators-refused-zh");
    }
}
