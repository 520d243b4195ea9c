using BranchArchive.WebApp.Tests.Support;

namespace BranchArchive.WebApp.Tests;

/// <summary>Signing in and out, the language switch, and the layout a signed-in person sees.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebAppFixture app)
{
    [Fact]
    public async Task A_clerk_signs_in_as_a_persona_lands_on_the_desk_and_signs_out()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("signin-en");

        await page.SignInAsync("li.na", "clerk", "SH01");
        Assert.EndsWith("/desk", page.Url);
        Assert.Contains("li.na", await page.InnerTextAsync("[data-testid=signed-in-as]"));
        // The menu follows the role: desk pages for a clerk, no operators' page.
        Assert.Equal(1, await page.Locator("nav a[href='desk/queues']").CountAsync());
        Assert.Equal(0, await page.Locator("nav a[href='operators']").CountAsync());

        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("desk");
        Assert.Contains("/signin", page.Url);
    }

    [Fact]
    public async Task The_browser_language_is_the_default_and_the_switch_overrides_it()
    {
        var page = await app.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync("chen.jie", "clerk", "BJ01", returnUrl: "/desk");
        Assert.Equal("zh-Hans", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("档案", await page.InnerTextAsync("h1"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("desk-empty-zh");

        await page.ClickAsync("[data-testid=lang-en]");
        await page.WaitForInteractiveAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Branch desk", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task Asking_for_a_page_before_signing_in_comes_back_to_it_after()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("desk/queues");
        Assert.Contains("/signin", page.Url);
        await page.ClickAsync("[data-testid='persona-li.na']");
        await page.WaitForInteractiveAsync();
        Assert.EndsWith("/desk/queues", page.Url);
    }
}
